"""One ticket: header, conversation, customer panel and reply box, kept current from the store."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from console.api.schemas import MAX_MESSAGE_CHARS, AgentOut, TicketUpdate
from console.core.domain import Priority, TicketStatus
from console.store import OutboxKind, Store
from console.ui.change_bridge import ChangeBatch, ChangeBridge
from console.ui.commands import TicketCommands
from console.ui.i18n import tr
from console.ui.ticket.conversation_view import ConversationView
from console.ui.ticket.customer_panel import CustomerPanel
from console.ui.ticket.failed_changes_bar import FailedChangesBar
from console.ui.ticket.reply_box import ReplyBox
from console.ui.ticket.ticket_header import TicketHeader

__all__ = ["TicketView"]

log = logging.getLogger(__name__)


class TicketView(QStackedWidget):
    def __init__(
        self,
        store: Store,
        bridge: ChangeBridge,
        commands: TicketCommands,
        me: AgentOut,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketView")
        self._store = store
        self._commands = commands
        self._me = me
        self._ticket_id: int | None = None
        self._customer_uid: str | None = None

        self.placeholder = QLabel(objectName="emptyState")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header = TicketHeader()
        self.conversation = ConversationView()
        self.reply_box = ReplyBox(store)
        self.customer_panel = CustomerPanel()
        self.failed_changes = FailedChangesBar()
        self.notice = QLabel(objectName="noticeBar")
        self.notice.setWordWrap(True)
        self.notice.hide()

        talk = QSplitter(Qt.Orientation.Vertical)
        talk.setChildrenCollapsible(False)
        talk.addWidget(self.conversation)
        talk.addWidget(self.reply_box)
        talk.setStretchFactor(0, 4)
        talk.setStretchFactor(1, 1)
        talk.setSizes([520, 170])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setChildrenCollapsible(False)
        body.addWidget(talk)
        body.addWidget(self.customer_panel)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([560, 280])
        page = QWidget(objectName="ticketPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.failed_changes)
        layout.addWidget(self.notice)
        layout.addWidget(body, 1)
        self.addWidget(self.placeholder)
        self.addWidget(page)

        self.header.status_chosen.connect(self._on_status)
        self.header.priority_chosen.connect(self._on_priority)
        self.header.assign_to_me.connect(self._on_assign)
        self.reply_box.send_requested.connect(self._on_send)
        self.conversation.retry_requested.connect(self._commands.retry)
        self.conversation.discard_requested.connect(self._commands.discard)
        self.failed_changes.retry_requested.connect(self._commands.retry)
        self.failed_changes.discard_requested.connect(self._commands.discard)
        bridge.changed.connect(self._on_changes)
        self.retranslate()
        self.set_can_send(commands.can_send())

    # --- public ------------------------------------------------------------------------------

    def ticket_id(self) -> int | None:
        return self._ticket_id

    def show_ticket(self, ticket_id: int | None) -> None:
        if ticket_id == self._ticket_id:
            return
        self._ticket_id = ticket_id
        self.notice.hide()
        self.reply_box.set_ticket(ticket_id)
        if ticket_id is None:
            self._customer_uid = None
            self.setCurrentIndex(0)
            return
        self.setCurrentIndex(1)
        self._reload_ticket()
        self._reload_messages()
        self._reload_customer()
        self._reload_failed_changes()
        self.conversation.scroll_to_end()
        self._commands.refresh_ticket(ticket_id)

    def set_can_send(self, can_send: bool) -> None:
        self.reply_box.set_can_send(can_send)

    def save_draft_now(self) -> None:
        self.reply_box.save_draft_now()

    def retranslate(self) -> None:
        self.placeholder.setText(tr("Select a ticket in the inbox to read and answer it."))
        self.header.retranslate()
        self.conversation.retranslate()
        self.reply_box.retranslate()
        self.customer_panel.retranslate()
        self.failed_changes.retranslate()

    # --- store -> widgets --------------------------------------------------------------------

    def _on_changes(self, batch: ChangeBatch) -> None:
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        if batch.touches("tickets", ticket_id):
            self._reload_ticket()
        if batch.touches("messages", ticket_id) or batch.touches("outbox"):
            self._reload_messages()
        if batch.touches("outbox"):
            self._reload_failed_changes()
        if self._customer_uid and batch.touches("customers", self._customer_uid):
            self._reload_customer()

    def _reload_ticket(self) -> None:
        assert self._ticket_id is not None
        ticket = self._store.ticket(self._ticket_id)
        self.header.set_ticket(ticket, self._me.id)
        uid = ticket.customer_uid if ticket is not None else None
        if uid != self._customer_uid:
            self._customer_uid = uid
            self._reload_customer()

    def _reload_messages(self) -> None:
        assert self._ticket_id is not None
        messages = self._store.messages(self._ticket_id)
        self.conversation.set_messages(messages, self._me.display_name)

    def _reload_failed_changes(self) -> None:
        items = [
            item
            for item in self._store.failed_outbox()
            if item.kind == OutboxKind.TICKET_UPDATE and item.target_id == self._ticket_id
        ]
        self.failed_changes.set_items(items)

    def _reload_customer(self) -> None:
        uid = self._customer_uid
        customer = self._store.customer(uid) if uid else None
        self.customer_panel.set_customer(uid, customer)

    # --- widgets -> commands -----------------------------------------------------------------

    def _on_send(self, kind: str, text: str) -> None:
        if self._ticket_id is None:
            return
        if len(text) > MAX_MESSAGE_CHARS:
            self._show_notice(
                tr(
                    "This message is longer than {limit} characters. Please shorten it.",
                    limit=MAX_MESSAGE_CHARS,
                )
            )
            return
        try:
            self._commands.send_message(self._ticket_id, kind, text)
        except Exception:
            log.exception("could not queue a message for ticket %s", self._ticket_id)
            self._show_notice(tr("The message could not be queued. Your text is still here."))
            return
        self.notice.hide()
        self.reply_box.clear_after_send()

    def _on_status(self, status: str) -> None:
        self._update(TicketUpdate(status=TicketStatus(status)))

    def _on_priority(self, priority: str) -> None:
        self._update(TicketUpdate(priority=Priority(priority)))

    def _on_assign(self) -> None:
        self._update(TicketUpdate(assignee_id=self._me.id))

    def _update(self, update: TicketUpdate) -> None:
        if self._ticket_id is None:
            return
        try:
            self._commands.update_ticket(self._ticket_id, update)
        except Exception:
            log.exception("could not queue an update for ticket %s", self._ticket_id)
            self._show_notice(tr("The change could not be saved. Please try again."))
            self._reload_ticket()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
