"""One chat message: the customer's on the left, the bot's on the left in its own colour and
marked "Bot" (the transcript the customer had before a person joined), ours on the right with a
read receipt, and system lines (hand-off, transfer, end) across in small grey type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.ui.chat.chat_text import receipt_mark, receipt_tooltip, sender_label
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.ticket.attachment_strip import AttachmentStrip, PreviewLoader
from console.ui.widgets.message_text import MessageText
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["ChatBubble", "SystemLine"]

_FRAME_NAMES = {
    "customer": "chatCustomerMessage",
    "bot": "chatBotMessage",
    "agent": "chatAgentMessage",
}


class SystemLine(QWidget):
    """A hand-off, transfer or end notice: not a message anyone typed."""

    def __init__(self, message: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        self.setObjectName("chatSystemLine")
        self.text = PlainLabel(message.body, objectName="chatSystemText", selectable=True)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time = QLabel(objectName="messageTime")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 2, 40, 2)
        layout.setSpacing(0)
        layout.addWidget(self.text)
        layout.addWidget(self.time, 0, Qt.AlignmentFlag.AlignHCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.time.setText(short_datetime(self.message.created_at))


class ChatBubble(QFrame):
    save_requested = Signal(object)  # ChatAttachmentOut

    def __init__(
        self,
        message: Any,
        *,
        customer_read_seq: int = 0,
        previews: dict[int, QImage | None] | None = None,
        loader: PreviewLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.message = message
        self.sender = str(message.sender)
        self.read_seq = customer_read_seq
        self.setObjectName(_FRAME_NAMES.get(self.sender, "chatCustomerMessage"))
        self.setProperty("state", getattr(message, "state", "sent") or "sent")
        self.author = PlainLabel(objectName="messageAuthor", selectable=False)
        self.tag = QLabel(objectName="chatSenderTag")
        self.time = QLabel(objectName="messageTime")
        self.receipt = QLabel(objectName="chatReceipt")
        self.body = MessageText(message.body)
        self.body.setObjectName("messageBody")
        local_files = tuple(getattr(message, "local_files", ()) or ())
        self.attachments = AttachmentStrip(
            message.attachments, local_files, previews=previews, loader=loader
        )
        self.attachments.save_requested.connect(self.save_requested)
        self.error = PlainLabel(objectName="chatMessageError", selectable=False)
        self.error.setWordWrap(True)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.author)
        top.addWidget(self.tag)
        top.addStretch(1)
        top.addWidget(self.time)
        top.addWidget(self.receipt)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 7, 12, 7)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addWidget(self.attachments)
        layout.addWidget(self.error)
        # Visibility once parented: a parentless label that is shown opens as a window.
        self.body.setVisible(bool(message.body))
        self.tag.setVisible(self.sender == "bot")
        self.receipt.setVisible(self.sender == "agent")
        failed = getattr(message, "state", None) == "failed"
        self.error.setVisible(failed)
        self.set_read_seq(customer_read_seq)
        self.retranslate()

    def set_read_seq(self, customer_read_seq: int) -> None:
        self.read_seq = customer_read_seq
        if self.sender != "agent":
            return
        mark = receipt_mark(self.message, customer_read_seq)
        self.receipt.setText(mark)
        self.receipt.setProperty("read", mark == "✓✓")
        self.receipt.setToolTip(receipt_tooltip(mark))
        self.receipt.style().unpolish(self.receipt)
        self.receipt.style().polish(self.receipt)

    def retranslate(self) -> None:
        message = self.message
        self.author.setText(message.author_name or sender_label(self.sender))
        self.tag.setText(tr("Bot"))
        self.tag.setToolTip(tr("Answered automatically before the chat reached an agent."))
        self.time.setText(short_datetime(message.created_at))
        error = getattr(message, "error", None)
        self.error.setText(tr("Not sent: {error}", error=error or tr("the server refused it")))
        self.attachments.retranslate()
        self.set_read_seq(self.read_seq)
