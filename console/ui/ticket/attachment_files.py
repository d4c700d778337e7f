"""Files on messages: what may be attached, how big it is, and image previews.

Previews are decoded from bytes with QImage (safe off the GUI thread, unlike QPixmap), never
through HTML or an external viewer; a file is only ever written where the agent chose.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from console.api.schemas import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES
from console.ui.formatting import amount
from console.ui.i18n import tr

__all__ = [
    "IMAGE_TYPES",
    "MAX_FILES",
    "attachment_refusal",
    "decode_preview",
    "file_size_text",
    "is_image",
    "size_refusal",
]

IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
MAX_FILES = 10  # MessageCreate.attachment_ids allows ten


def is_image(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() in IMAGE_TYPES


def file_size_text(size: int) -> str:
    if size < 1024:
        return tr("{n} B", n=size)
    if size < 1024 * 1024:
        return tr("{n} KB", n=amount(Decimal(size * 10 // 1024) / 10))
    return tr("{n} MB", n=amount(Decimal(size * 10 // (1024 * 1024)) / 10))


def attachment_refusal(path: Path) -> str | None:
    """Why `path` cannot be attached (a sentence for the agent), or None when it can."""
    if path.suffix.lower() not in ATTACHMENT_TYPES:
        kinds = ", ".join(sorted(ATTACHMENT_TYPES))
        return tr(
            "{name}: this type of file cannot be attached (allowed: {kinds}).",
            name=path.name,
            kinds=kinds,
        )
    return size_refusal(path, MAX_ATTACHMENT_BYTES)


def size_refusal(path: Path, limit: int) -> str | None:
    """Why `path` cannot be sent for what it holds (unreadable, over `limit`, empty), or None."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return tr("{name}: the file cannot be read.", name=path.name)
    if not path.is_file():
        return tr("{name}: the file cannot be read.", name=path.name)
    if size > limit:
        return tr(
            "{name} is {size}; files up to {limit} can be attached.",
            name=path.name,
            size=file_size_text(size),
            limit=file_size_text(limit),
        )
    if size == 0:
        return tr("{name}: the file is empty.", name=path.name)
    return None


def decode_preview(path: Path, max_side: int) -> QImage | None:
    """The image in `path`, scaled to fit `max_side`; None if it is not a readable image."""
    data = path.read_bytes()
    if len(data) > MAX_ATTACHMENT_BYTES:
        return None
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if image.width() > max_side or image.height() > max_side:
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


def ask_save_path(parent: QWidget, filename: str) -> Path | None:
    """Where the agent wants a received file saved; None when they cancel. Only the last path
    component of the sender's name is offered: no "../" tricks."""
    suggested = Path.home() / (Path(filename.replace("\\", "/")).name or "attachment")
    name, _ = QFileDialog.getSaveFileName(parent, tr("Save attachment"), str(suggested))
    return Path(name) if name else None
