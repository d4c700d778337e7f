"""The files of one message: image thumbnails and file chips, each with "Save as…".

Names are customer text and shown as plain text. Nothing here opens a file: a thumbnail is an
image decoded from the downloaded bytes, and saving asks the agent where to put the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.api.schemas import AttachmentOut
from console.ui.i18n import tr
from console.ui.ticket.attachment_files import file_size_text, is_image
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["THUMBNAIL_SIDE", "AttachmentChip", "AttachmentStrip", "PreviewLoader"]

THUMBNAIL_SIDE = 160
# (attachment_id, max_side, done(image or None)) -> None
PreviewLoader = Callable[[int, int, Callable[[QImage | None], None]], None]


class AttachmentChip(QFrame):
    """One file: a thumbnail for images (once loaded), its name and size, and Save as…."""

    save_requested = Signal(object)  # AttachmentOut

    def __init__(self, attachment: AttachmentOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChip")
        self.attachment = attachment
        self.image = is_image(attachment.content_type)
        self.thumbnail = QLabel(objectName="attachmentThumb")
        self.thumbnail.setTextFormat(Qt.TextFormat.PlainText)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = PlainLabel(attachment.filename, objectName="attachmentName", selectable=False)
        self.name.setToolTip(plain_tooltip(attachment.filename))
        self.size = QLabel(file_size_text(attachment.size), objectName="mutedLabel")
        self.save_button = QPushButton(objectName="linkButton")
        self.save_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.attachment))
        line = QHBoxLayout()
        line.setSpacing(6)
        kind = Path(attachment.filename).suffix.lstrip(".").upper()[:4] or "FILE"
        self.kind_badge = QLabel(kind, objectName="attachmentKind")
        self.kind_badge.setTextFormat(Qt.TextFormat.PlainText)
        line.addWidget(self.kind_badge)
        line.addWidget(self.name, 1)
        line.addWidget(self.size)
        line.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(line)
        # Visibility is set only once a widget has a parent: a parentless widget that is shown
        # opens as a window of its own and takes the keyboard from the agent.
        self.thumbnail.setVisible(self.image)
        self.retranslate()

    def set_preview(self, image: QImage | None) -> None:
        if image is None or image.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(tr("No preview"))
            return
        if image.width() > THUMBNAIL_SIDE or image.height() > THUMBNAIL_SIDE:
            image = image.scaled(
                THUMBNAIL_SIDE,
                THUMBNAIL_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.thumbnail.setPixmap(QPixmap.fromImage(image))

    def has_preview(self) -> bool:
        pixmap = self.thumbnail.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def retranslate(self) -> None:
        self.save_button.setText(tr("Save as…"))
        self.save_button.setToolTip(tr("Choose where to save this file. It is not opened."))
        if self.image and not self.has_preview() and not self.thumbnail.text():
            self.thumbnail.setText(tr("Loading preview…"))


class AttachmentStrip(QWidget):
    """All files of a message; files not uploaded yet are listed by name only."""

    save_requested = Signal(object)  # AttachmentOut

    def __init__(
        self,
        attachments: Sequence[AttachmentOut],
        local_files: Sequence[str] = (),
        *,
        previews: dict[int, QImage | None] | None = None,
        loader: PreviewLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.chips: list[AttachmentChip] = []
        self.pending: list[PlainLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(4)
        cache = previews if previews is not None else {}
        for attachment in attachments:
            chip = AttachmentChip(attachment)
            chip.save_requested.connect(self.save_requested)
            self.chips.append(chip)
            layout.addWidget(chip)
            if not chip.image:
                continue
            if attachment.id in cache:
                chip.set_preview(cache[attachment.id])
            elif loader is not None:
                loader(attachment.id, THUMBNAIL_SIDE, _remember(cache, attachment.id, chip))
        for name in local_files:
            label = PlainLabel(
                tr("📎 {name} (uploads with the message)", name=Path(name).name),
                objectName="mutedLabel",
                selectable=False,
            )
            self.pending.append(label)
            layout.addWidget(label)
        if not (self.chips or self.pending):
            self.hide()  # otherwise shown with the message (see AttachmentChip)

    def retranslate(self) -> None:
        for chip in self.chips:
            chip.retranslate()


def _remember(
    cache: dict[int, QImage | None], attachment_id: int, chip: AttachmentChip
) -> Callable[[QImage | None], None]:
    """Keep the decoded image for the next rebuild and show it, unless the chip is gone."""
    from shiboken6 import isValid

    def done(image: QImage | None) -> None:
        cache[attachment_id] = image
        if isValid(chip):
            chip.set_preview(image)

    return done
