"""One message of the conversation: who, when, the text as written, its files, where it came from
after a merge, and for our own messages whether it has reached the server (queued / sending /
sent / failed, with Retry and Discard)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.core.domain import MessageKind
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.labels import message_kind_label
from console.ui.ticket.attachment_strip import AttachmentStrip, PreviewLoader
from console.ui.widgets.message_text import MessageText
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["MessageBubble"]

_FRAME_NAMES = {
    MessageKind.CUSTOMER: "customerMessage",
    MessageKind.REPLY: "replyMessage",
    MessageKind.NOTE: "noteMessage",
}


def _state_text(state: str, error: str | None) -> str:
    if state == "queued":
        return tr("Queued — will be sent when online")
    if state == "sending":
        return tr("Sending…")
    if state == "failed":
        return tr("Not sent: {error}", error=error or tr("the server refused it"))
    return tr("Sent")


class MessageBubble(QFrame):
    """Renders a store LocalMessage (id, kind, body, author_name, created_at, state, ...)."""

    retry_requested = Signal(int)
    discard_requested = Signal(int)
    save_requested = Signal(object)  # AttachmentOut

    def __init__(
        self,
        message: Any,
        *,
        own: bool,
        previews: dict[int, QImage | None] | None = None,
        loader: PreviewLoader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.message = message
        self.own = own
        self.setObjectName(_FRAME_NAMES.get(message.kind, "customerMessage"))
        self.setProperty("state", message.state)
        self.author = PlainLabel(objectName="messageAuthor", selectable=False)
        self.kind_tag = QLabel(objectName="messageKind")
        self.time = QLabel(objectName="messageTime")
        self.merged_from = QLabel(objectName="mergedFrom")
        self.body = MessageText(message.body)
        self.body.setObjectName("messageBody")
        self.attachments = AttachmentStrip(
            message.attachments, message.local_files, previews=previews, loader=loader
        )
        self.attachments.save_requested.connect(self.save_requested)
        self.state_label = PlainLabel(objectName="messageState", selectable=False)
        self.state_label.setWordWrap(True)
        self.retry_button = QPushButton(objectName="linkButton")
        self.discard_button = QPushButton(objectName="linkButton")
        for button in (self.retry_button, self.discard_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        outbox_id = message.outbox_id
        if outbox_id is not None:
            self.retry_button.clicked.connect(lambda: self.retry_requested.emit(outbox_id))
            self.discard_button.clicked.connect(lambda: self.discard_requested.emit(outbox_id))

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.author)
        top.addWidget(self.kind_tag)
        top.addWidget(self.merged_from)
        top.addStretch(1)
        top.addWidget(self.time)
        status = QHBoxLayout()
        status.setSpacing(8)
        status.addWidget(self.state_label, 1)
        status.addWidget(self.retry_button)
        status.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addWidget(self.attachments)
        layout.addLayout(status)
        # Once in the layout: a parentless widget that is shown opens as a window of its own.
        self.merged_from.setVisible(message.merged_from_id is not None)
        self.retranslate()

    def shows_state(self) -> bool:
        return self.own or self.message.state != "sent"

    def retranslate(self) -> None:
        message = self.message
        self.author.setText(message.author_name or message_kind_label(message.kind))
        self.kind_tag.setText(message_kind_label(message.kind))
        self.time.setText(short_datetime(message.created_at))
        if message.merged_from_id is not None:
            self.merged_from.setText(tr("from #{id}", id=message.merged_from_id))
            self.merged_from.setToolTip(
                tr(
                    "Moved here when ticket #{id} was merged into this one.",
                    id=message.merged_from_id,
                )
            )
        self.attachments.retranslate()
        shows = self.shows_state()
        failed = message.state == "failed"
        self.state_label.setVisible(shows)
        self.state_label.setText(_state_text(message.state, message.error) if shows else "")
        self.retry_button.setText(tr("Retry"))
        self.discard_button.setText(tr("Discard"))
        can_act = failed and message.outbox_id is not None
        self.retry_button.setVisible(can_act)
        self.discard_button.setVisible(can_act)
