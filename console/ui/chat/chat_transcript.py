"""The conversation of one chat: the bot's transcript (marked), the customer's messages on the
left, ours on the right with ✓ / ✓✓, and "customer is typing…" under the last message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from console.ui.chat.chat_bubble import ChatBubble, SystemLine
from console.ui.i18n import tr
from console.ui.ticket.attachment_strip import PreviewLoader

__all__ = ["ChatTranscript"]


def _key(message: Any) -> tuple[Any, ...]:
    return (
        message.id,
        getattr(message, "client_id", None),
        getattr(message, "seq", None),
        getattr(message, "state", None),
        getattr(message, "error", None),
        message.body,
        tuple(a.id for a in message.attachments),
        tuple(getattr(message, "local_files", ()) or ()),
    )


class ChatTranscript(QWidget):
    save_requested = Signal(object)  # ChatAttachmentOut

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatTranscript")
        self.scroll = QScrollArea(objectName="conversation")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._canvas = QWidget(objectName="conversationCanvas")
        self._layout = QVBoxLayout(self._canvas)
        self._layout.setContentsMargins(14, 12, 14, 12)
        self._layout.setSpacing(8)
        self._layout.addStretch(1)
        self.scroll.setWidget(self._canvas)
        self.typing_label = QLabel(objectName="chatTyping")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.typing_label)
        self.typing_label.setVisible(False)
        self.bubbles: list[ChatBubble] = []
        self.system_lines: list[SystemLine] = []
        self.bot_divider: QLabel | None = None
        self._rows: list[QWidget] = []
        self._key: tuple[Any, ...] = ()
        self._previews: dict[int, QImage | None] = {}
        self._loader: PreviewLoader | None = None
        self._typing = False
        # Follow new messages while the agent is at the end; stay put while they scroll back.
        self._stick_to_end = True
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_scrolled)
        self.retranslate()

    def set_preview_loader(self, loader: PreviewLoader | None) -> None:
        self._loader = loader

    def clear_previews(self) -> None:
        self._previews.clear()

    def set_messages(self, messages: Sequence[Any], customer_read_seq: int) -> None:
        """Show `messages` (in order); rebuilds only when a message changed, else just updates
        the read receipts."""
        key = tuple(_key(m) for m in messages)
        if key == self._key:
            for bubble in self.bubbles:
                bubble.set_read_seq(customer_read_seq)
            return
        self._key = key
        if not self._rows:
            self._stick_to_end = True
        self._clear()
        if any(m.sender == "bot" for m in messages):  # the customer began with the bot
            divider = self.bot_divider = QLabel(objectName="chatBotDivider")
            divider.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._add_row(divider)
        for message in messages:
            if message.sender == "system":
                line = SystemLine(message)
                self.system_lines.append(line)
                self._add_row(line)
                continue
            bubble = ChatBubble(
                message,
                customer_read_seq=customer_read_seq,
                previews=self._previews,
                loader=self._loader,
            )
            bubble.save_requested.connect(self.save_requested)
            self.bubbles.append(bubble)
            self._add_row(self._row_for(bubble))
        self.retranslate()
        if self._stick_to_end:
            QTimer.singleShot(0, self, self.scroll_to_end)

    def set_customer_typing(self, typing: bool) -> None:
        if typing == self._typing:
            return
        self._typing = typing
        self.typing_label.setVisible(typing)

    def customer_typing(self) -> bool:
        return self._typing

    def scroll_to_end(self) -> None:
        self._stick_to_end = True
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._stick_to_end:
            self.scroll.verticalScrollBar().setValue(maximum)

    def _on_scrolled(self, value: int) -> None:
        self._stick_to_end = value >= self.scroll.verticalScrollBar().maximum() - 8

    def retranslate(self) -> None:
        self.typing_label.setText(tr("Customer is typing…"))
        if self.bot_divider is not None:
            self.bot_divider.setText(
                tr("The customer's conversation with the bot, before the hand-off")
            )
        for bubble in self.bubbles:
            bubble.retranslate()
        for line in self.system_lines:
            line.retranslate()

    def _row_for(self, bubble: ChatBubble) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if bubble.sender == "agent":
            layout.addStretch(1)
            layout.addWidget(bubble, 4)
        else:
            layout.addWidget(bubble, 4)
            layout.addStretch(1)
        return row

    def _add_row(self, row: QWidget) -> None:
        self._layout.addWidget(row)  # under the stretch: a short chat sits at the bottom
        self._rows.append(row)

    def _clear(self) -> None:
        for row in self._rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        self.bubbles = []
        self.system_lines = []
        self.bot_divider = None
