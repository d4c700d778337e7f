"""Files the agent may send in a chat: what the customer API accepts (images, PDF, text) up to
10 MB, with a small preview of images before they are sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

from console.ui.i18n import tr
from console.ui.ticket.attachment_files import size_refusal

__all__ = [
    "CHAT_FILE_TYPES",
    "CHAT_IMAGE_SUFFIXES",
    "MAX_CHAT_FILES",
    "MAX_CHAT_FILE_BYTES",
    "chat_file_refusal",
    "local_preview",
]

CHAT_FILE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt")
CHAT_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
MAX_CHAT_FILE_BYTES = 10 * 1024 * 1024
MAX_CHAT_FILES = 10


def chat_file_refusal(path: Path) -> str | None:
    """Why `path` cannot go into a chat (a sentence for the agent), or None when it can."""
    if path.suffix.lower() not in CHAT_FILE_TYPES:
        return tr(
            "{name}: this type of file cannot be sent in a chat (allowed: {kinds}).",
            name=path.name,
            kinds=", ".join(CHAT_FILE_TYPES),
        )
    return size_refusal(path, MAX_CHAT_FILE_BYTES)


def local_preview(path: Path, side: int) -> QImage | None:
    """A small picture of an image file about to be sent; None for other files."""
    if path.suffix.lower() not in CHAT_IMAGE_SUFFIXES:
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > side or size.height() > side):
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image
