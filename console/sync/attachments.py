"""Files an agent attaches: checked and copied into the store's data dir when queued (so the
original may be moved or deleted), uploaded before the message that refers to them."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from console.api.schemas import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES

__all__ = ["AttachmentRefused", "content_type", "discard_copies", "stage_files", "upload_key"]

MAX_FILES = 10


class AttachmentRefused(ValueError):
    """A file the server would refuse: unknown type, too large, too many, or unreadable."""


def content_type(path: Path) -> str:
    return ATTACHMENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def stage_files(data_dir: Path | None, client_id: str, files: Sequence[Path]) -> list[str]:
    """Copy `files` to data_dir/outbox/<client_id>/; returns the copies' paths."""
    if not files:
        return []
    if data_dir is None:
        raise AttachmentRefused("this store keeps no files")
    if len(files) > MAX_FILES:
        raise AttachmentRefused(f"at most {MAX_FILES} files per message")
    for path in files:
        if path.suffix.lower() not in ATTACHMENT_TYPES:
            raise AttachmentRefused(f"{path.name}: this type of file cannot be attached")
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise AttachmentRefused(f"{path.name}: {exc.strerror or exc}") from exc
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentRefused(f"{path.name}: larger than {MAX_ATTACHMENT_BYTES} bytes")
    folder = data_dir / "outbox" / client_id
    folder.mkdir(parents=True, exist_ok=True)
    copies: list[str] = []
    for index, path in enumerate(files):
        # A numbered folder per file keeps two files of the same name apart.
        target = folder / str(index) / path.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
        copies.append(str(target))
    return copies


def upload_key(item_key: str, index: int) -> str:
    """The idempotency key of the upload of an outbox item's file number `index`."""
    return f"{item_key}:file{index}"


def discard_copies(data_dir: Path | None, client_id: str | None) -> None:
    if data_dir is not None and client_id:
        shutil.rmtree(data_dir / "outbox" / client_id, ignore_errors=True)
