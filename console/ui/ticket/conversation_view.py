"""The conversation of a ticket: customer messages on the left, our replies on the right, internal
notes across in their own colour, so nobody mistakes a note for something the customer saw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from console.core.domain import MessageKind
from console.ui.i18n import tr
from console.ui.ticket.attachment_strip import PreviewLoader
from console.ui.ticket.message_bubble import MessageBubble

__all__ = ["ConversationView"]


class ConversationView(QScrollArea):
    retry_requested = Signal(int)
    discard_requested = Signal(int)
    save_requested = Signal(object)  # AttachmentOut

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._canvas = QWidget(objectName="conversationCanvas")
        self._layout = QVBoxLayout(self._canvas)
        self._layout.setContentsMargins(14, 12, 14, 12)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        self.empty_label = QLabel(objectName="mutedLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty_label)
        self.setWidget(self._canvas)
        self.bubbles: list[MessageBubble] = []
        self._key: tuple[Any, ...] = ()
        # Decoded thumbnails by attachment id: a rebuild of the thread does not download again.
        self._previews: dict[int, QImage | None] = {}
        self._loader: PreviewLoader | None = None
        self.retranslate()

    def set_preview_loader(self, loader: PreviewLoader | None) -> None:
        self._loader = loader

    def set_messages(self, messages: Sequence[Any], own_author: str | None) -> None:
        """Show `messages` (oldest first). Rebuilds only when something visible changed."""
        key = (
            *(
                (
                    m.id,
                    m.client_id,
                    m.state,
                    m.error,
                    m.body,
                    m.outbox_id,
                    m.merged_from_id,
                    tuple(a.id for a in m.attachments),
                    tuple(m.local_files),
                )
                for m in messages
            ),
            own_author,
        )
        if key == self._key:
            return
        self._key = key
        bar = self.verticalScrollBar()
        was_at_end = bar.value() >= bar.maximum() - 8 or not self.bubbles
        self._clear()
        for message in messages:
            own = message.kind != MessageKind.CUSTOMER and (
                message.client_id is not None and message.author_name == own_author
            )
            bubble = MessageBubble(message, own=own, previews=self._previews, loader=self._loader)
            bubble.retry_requested.connect(self.retry_requested)
            bubble.discard_requested.connect(self.discard_requested)
            bubble.save_requested.connect(self.save_requested)
            self._layout.insertWidget(self._layout.count() - 1, self._row_for(bubble))
            self.bubbles.append(bubble)
        self.empty_label.setVisible(not self.bubbles)
        if was_at_end:
            QTimer.singleShot(0, self, self.scroll_to_end)  # dropped if the view is gone

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def retranslate(self) -> None:
        self.empty_label.setText(tr("No messages yet."))
        for bubble in self.bubbles:
            bubble.retranslate()

    def _row_for(self, bubble: MessageBubble) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        kind = bubble.message.kind
        if kind == MessageKind.CUSTOMER:
            layout.addWidget(bubble, 5)
            layout.addStretch(1)
        elif kind == MessageKind.REPLY:
            layout.addStretch(1)
            layout.addWidget(bubble, 5)
        else:
            layout.addWidget(bubble)
        return row

    def _clear(self) -> None:
        for bubble in self.bubbles:
            row = bubble.parentWidget()
            if row is not None:
                self._layout.removeWidget(row)
                row.deleteLater()
        self.bubbles = []
