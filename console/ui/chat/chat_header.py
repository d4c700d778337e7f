"""The head of an open chat: who (name, UID, VIP / security), the topic the bot detected, the
language and state; Transfer, Convert to ticket and End chat; for an offer, Accept / Decline and
the seconds left; for an ended chat, the rating and the ticket it became."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui.chat.chat_text import language_text, offer_seconds_left, state_text, topic_text
from console.ui.chat.vip_countdown import VipCountdown
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["ChatHeader"]


class ChatHeader(QFrame):
    accept_clicked = Signal()
    decline_clicked = Signal()
    transfer_clicked = Signal()
    convert_clicked = Signal()
    end_clicked = Signal()
    security_clicked = Signal()  # verify the customer / emergency freeze (console/ui/identity)
    ticket_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self._conversation: Any = None
        self.name = PlainLabel(objectName="ticketSubject", selectable=True)
        self.marks = QLabel(objectName="chatMarks")
        self.vip_countdown = VipCountdown()  # a VIP client's chat: time left on its target
        self.facts = PlainLabel(objectName="mutedLabel", selectable=True)
        self.state = QLabel(objectName="chatState")
        self.note = PlainLabel(objectName="chatTransferNote", selectable=True)
        self.note.setWordWrap(True)
        self.outcome = PlainLabel(objectName="mutedLabel", selectable=True)
        self.outcome.setWordWrap(True)
        self.transfer_button = QPushButton()
        self.convert_button = QPushButton()
        self.end_button = QPushButton(objectName="dangerButton")
        self.security_button = QPushButton(objectName="dangerButton")
        self.ticket_button = QPushButton(objectName="linkButton")
        self.ticket_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.offer_bar = QFrame(objectName="chatOfferBar")
        self.offer_text = QLabel(objectName="chatOfferText")
        self.accept_button = QPushButton(objectName="primaryButton")
        self.decline_button = QPushButton()
        offer = QHBoxLayout(self.offer_bar)
        offer.setContentsMargins(10, 6, 10, 6)
        offer.addWidget(self.offer_text, 1)
        offer.addWidget(self.accept_button)
        offer.addWidget(self.decline_button)

        first = QHBoxLayout()
        first.setSpacing(8)
        first.addWidget(self.name)
        first.addWidget(self.marks)
        first.addWidget(self.vip_countdown)
        first.addStretch(1)
        first.addWidget(self.state)
        second = QHBoxLayout()
        second.setSpacing(6)
        second.addWidget(self.facts, 1)
        second.addWidget(self.ticket_button)
        second.addWidget(self.transfer_button)
        second.addWidget(self.convert_button)
        second.addWidget(self.security_button)
        second.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.note)
        layout.addWidget(self.outcome)
        layout.addWidget(self.offer_bar)
        self.accept_button.clicked.connect(self.accept_clicked)
        self.decline_button.clicked.connect(self.decline_clicked)
        self.transfer_button.clicked.connect(self.transfer_clicked)
        self.convert_button.clicked.connect(self.convert_clicked)
        self.end_button.clicked.connect(self.end_clicked)
        self.security_button.clicked.connect(self.security_clicked)
        self.ticket_button.clicked.connect(self._open_ticket)
        self.set_conversation(None)

    def set_conversation(self, conversation: Any, me_id: int | None = None) -> None:
        self._conversation = conversation
        self._me_id = me_id
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        for button in (
            self.accept_button,
            self.decline_button,
            self.transfer_button,
            self.convert_button,
            self.end_button,
        ):
            button.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    def tick(self, now: datetime | None = None) -> None:
        conversation = self._conversation
        self.vip_countdown.tick(now)
        if conversation is None or conversation.state != "offered":
            return
        left = offer_seconds_left(conversation, now or datetime.now(UTC))
        self.offer_text.setText(
            tr(
                "This chat is offered to you: accept within {n} s or it goes back to the queue.",
                n=left,
            )
        )

    def retranslate(self) -> None:
        self.accept_button.setText(tr("Accept"))
        self.decline_button.setText(tr("Decline"))
        self.transfer_button.setText(tr("Transfer…"))
        self.convert_button.setText(tr("Convert to ticket"))
        self.end_button.setText(tr("End chat"))
        self.security_button.setText(tr("Verify / freeze…"))
        conversation = self._conversation
        self.vip_countdown.set_conversation(conversation)
        if conversation is None:
            return
        self.name.setText(conversation.customer_name or tr("Guest"))
        marks = []
        if conversation.priority == "security":
            marks.append(tr("⚠ Security"))
        if conversation.vip_tier:
            marks.append(tr("★ VIP {tier}", tier=conversation.vip_tier))
        self.marks.setText("  ".join(marks))
        self.marks.setVisible(bool(marks))
        uid = conversation.customer_uid or tr("guest")
        self.facts.setText(
            tr(
                "UID {uid} · {topic} · {language}",
                uid=uid,
                topic=topic_text(conversation.topic),
                language=language_text(conversation.language),
            )
        )
        self.state.setText(state_text(conversation.state))
        self.state.setProperty("state", conversation.state)
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        note = conversation.transfer_note
        self.note.setText(tr("Transfer note: {note}", note=note) if note else "")
        self.note.setVisible(bool(note))
        self.outcome.setText(self._outcome_text(conversation))
        self.outcome.setVisible(bool(self.outcome.text()))
        if conversation.ticket_id is not None:
            self.ticket_button.setText(tr("Open ticket #{id}", id=conversation.ticket_id))
        self.tick()
        self._update_buttons()

    def _outcome_text(self, conversation: Any) -> str:
        if conversation.state != "ended":
            return ""
        if conversation.rating is None:
            return tr("Chat ended. The customer was asked to rate it.")
        text = tr(
            "Chat ended. Rated {stars} ({score}/5).",
            stars="★" * conversation.rating,
            score=conversation.rating,
        )
        if conversation.rating_comment:
            text += "\n" + tr("Comment: {comment}", comment=conversation.rating_comment)
        return text

    def _update_buttons(self) -> None:
        conversation = self._conversation
        state = conversation.state if conversation is not None else None
        mine = conversation is not None and conversation.assigned_agent_id == self._me_id
        active = state == "active" and mine
        self.offer_bar.setVisible(state == "offered")
        self.transfer_button.setVisible(active)
        self.end_button.setVisible(active)
        self.security_button.setVisible(active and bool(conversation.customer_uid))
        self.convert_button.setVisible(
            conversation is not None and conversation.ticket_id is None and state != "offered"
        )
        self.ticket_button.setVisible(
            conversation is not None and conversation.ticket_id is not None
        )

    def _open_ticket(self) -> None:
        if self._conversation is not None and self._conversation.ticket_id is not None:
            self.ticket_clicked.emit(int(self._conversation.ticket_id))
