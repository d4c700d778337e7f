"""Attachments downloaded for thumbnails, for tickets and chats alike: one temporary folder a
session, each file fetched once, the folder removed when the session closes."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtGui import QImage

from console.api.errors import ApiError
from console.ui.ticket.attachment_files import decode_preview

__all__ = ["PreviewFiles"]

log = logging.getLogger(__name__)

Download = Callable[[int, Path], Awaitable[object]]


class PreviewFiles:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._dir: Path | None = None

    async def image(self, attachment_id: int, max_side: int, download: Download) -> QImage | None:
        """The attachment as an image scaled to `max_side`; None when it cannot be had or is
        not an image (the chip then shows its file type instead)."""
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix=self._prefix))
        dest = self._dir / f"{attachment_id}.bin"
        try:
            if not dest.exists():
                await download(attachment_id, dest)
            return await asyncio.to_thread(decode_preview, dest, max_side)
        except (ApiError, OSError) as exc:
            log.info("no preview for attachment %s: %r", attachment_id, exc)
            return None

    def remove(self) -> None:
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
