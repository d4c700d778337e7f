"""One ticket: header with its properties, who else is on it, the conversation, the composer, and
the side tabs (customer, escalations, related tickets), kept current from the store."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import MAX_MESSAGE_CHARS, AgentOut, AttachmentOut, TicketUpdate
from console.core.domain import Category, MessageKind, Priority, TicketStatus
from console.store import KB_OUTBOX_KINDS, OutboxKind, Store
from console.ui.aml.report_entry import ReportEntry
from console.ui.change_bridge import ChangeBatch, ChangeBridge
from console.ui.commands import TicketCommands
from console.ui.i18n import tr
from console.ui.identity.identity_panel import IdentityPanel
from console.ui.identity.ports import IdentityTarget, identity_intents_of
from console.ui.ticket.attachment_files import ask_save_path
from console.ui.ticket.composer_actions import ComposerActions
from console.ui.ticket.conversation_view import ConversationView
from console.ui.ticket.customer_panel import CustomerPanel
from console.ui.ticket.escalation_panel import EscalationPanel
from console.ui.ticket.failed_changes_bar import FailedChangesBar
from console.ui.ticket.presence_bar import PresenceBar
from console.ui.ticket.presence_reporter import PresenceReporter
from console.ui.ticket.related_panel import RelatedPanel
from console.ui.ticket.reply_box import ReplyBox
from console.ui.ticket.side_tabs import SideTabs
from console.ui.ticket.suggested_articles import SuggestedArticles
from console.ui.ticket.ticket_header import TicketHeader

__all__ = ["TicketView"]

log = logging.getLogger(__name__)

PRESENCE_POLL_MS = 5000  # entries expire on their own; look again while someone is shown


class TicketView(QStackedWidget):
    ticket_opened = Signal(int)  # a linked, merged or past ticket was opened from here
    article_requested = Signal(int, str)  # a suggested article: id, language to show

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
        # Where "Save as…" puts a file; tests replace it to skip the native dialog.
        self.choose_save_path: Callable[[str], Path | None] = lambda n: ask_save_path(self, n)

        self.placeholder = QLabel(objectName="emptyState")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header = TicketHeader()
        self.presence_bar = PresenceBar()
        self.conversation = ConversationView()
        self.conversation.set_preview_loader(commands.load_preview)
        self.reply_box = ReplyBox(store)
        self.customer_panel = CustomerPanel()
        self.escalations = EscalationPanel()
        self.related = RelatedPanel()
        self.suggested = SuggestedArticles(store.kb)
        self.security = IdentityPanel(identity_intents_of(commands))  # verification, freeze
        self.side = SideTabs(
            self.customer_panel,
            self.escalations,
            self.related,
            self.suggested,
            security=self.security,
        )
        self.failed_changes = FailedChangesBar()
        self.notice = QLabel(objectName="noticeBar")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.presence = PresenceReporter(commands.set_presence, self)
        self.composer = ComposerActions(self, store, commands, me)
        self._presence_poll = QTimer(self, interval=PRESENCE_POLL_MS)
        self._presence_poll.timeout.connect(self._reload_presence)

        talk = QSplitter(Qt.Orientation.Vertical)
        talk.setChildrenCollapsible(False)
        talk.addWidget(self.conversation)
        talk.addWidget(self.reply_box)
        talk.setStretchFactor(0, 4)
        talk.setStretchFactor(1, 1)
        talk.setSizes([480, 210])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.setChildrenCollapsible(False)
        body.addWidget(talk)
        # The side column, with "Report suspicious activity…" (AML) under its tabs.
        aml = getattr(commands, "aml", None)
        self.aml_report = ReportEntry(self.side, store, self.ticket_id, aml)
        body.addWidget(self.aml_report)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setSizes([560, 300])
        page = QWidget(objectName="ticketPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for part in (self.header, self.presence_bar, self.failed_changes, self.notice):
            layout.addWidget(part)
        layout.addWidget(body, 1)
        self.addWidget(self.placeholder)
        self.addWidget(page)

        h = self.header
        h.status_chosen.connect(lambda v: self._update(TicketUpdate(status=TicketStatus(v))))
        h.priority_chosen.connect(lambda v: self._update(TicketUpdate(priority=Priority(v))))
        h.category_chosen.connect(lambda v: self._update(TicketUpdate(category=Category(v))))
        h.group_chosen.connect(lambda v: self._update(TicketUpdate(group=v or None)))
        h.assignee_chosen.connect(lambda v: self._update(TicketUpdate(assignee_id=v)))
        h.assign_to_me.connect(lambda: self._update(TicketUpdate(assignee_id=self._me.id)))
        h.tags_edited.connect(lambda tags: self._update(TicketUpdate(tags=tags)))
        h.open_ticket.connect(self.open_related)
        self.reply_box.send_requested.connect(self.composer.send)
        self.reply_box.send_and_status_requested.connect(self.composer.send_and_set_status)
        self.reply_box.macro_chosen.connect(self.composer.insert_macro)
        self.reply_box.typing.connect(self.presence.typed)
        self.conversation.retry_requested.connect(self._commands.retry)
        self.conversation.discard_requested.connect(self._commands.discard)
        self.conversation.save_requested.connect(self._save_attachment)
        self.failed_changes.retry_requested.connect(self._commands.retry)
        self.failed_changes.discard_requested.connect(self._commands.discard)
        self.escalations.escalate_requested.connect(self._escalate)
        self.escalations.close_requested.connect(self._close_escalation)
        self.related.open_ticket.connect(self.open_related)
        self.related.link_requested.connect(lambda other: self._act(self._commands.link, other))
        self.related.unlink_requested.connect(lambda other: self._act(self._commands.unlink, other))
        self.related.merge_requested.connect(self._merge)
        self.customer_panel.open_ticket.connect(self.open_related)
        self.suggested.insert_text.connect(self.insert_into_reply)
        self.suggested.open_article.connect(self.article_requested)
        bridge.changed.connect(self._on_changes)
        self.retranslate()
        self.set_can_send(commands.can_send())

    # --- public ------------------------------------------------------------------------------

    def ticket_id(self) -> int | None:
        return self._ticket_id

    def show_ticket(self, ticket_id: int | None) -> None:
        if ticket_id == self._ticket_id:
            return
        self.composer.forget()
        self._ticket_id = ticket_id
        self.notice.hide()
        self.reply_box.set_ticket(ticket_id)
        self.presence.open(ticket_id)
        self.presence_bar.set_entries([])
        if ticket_id is None:
            self.suggested.set_ticket(None, [])
            self._customer_uid = None
            self._presence_poll.stop()
            self.setCurrentIndex(0)
            return
        self.setCurrentIndex(1)
        self.customer_panel.set_current_ticket(ticket_id)
        self._reload_ticket()
        self._reload_messages()
        self._reload_customer()
        self._reload_failed_changes()
        self._reload_escalations()
        self._reload_presence()
        self.composer.mark_seen()
        self.conversation.scroll_to_end()
        self._presence_poll.start()
        self._commands.refresh_ticket(ticket_id, lambda: self.composer.mark_seen(ticket_id))
        self._commands.fetch_escalations(ticket_id)

    def open_related(self, ticket_id: int) -> None:
        """Open another ticket here (a link, the merge target, a past ticket)."""
        self.show_ticket(ticket_id)
        self.ticket_opened.emit(ticket_id)

    def customer_language(self) -> str | None:
        """The open ticket's language (what its customer reads); None with no ticket open."""
        ticket = self._store.ticket(self._ticket_id) if self._ticket_id is not None else None
        return ticket.language if ticket is not None else None

    def insert_into_reply(self, text: str) -> None:
        """An article's summary or link, into the reply at the cursor (the draft keeps it)."""
        if self._ticket_id is not None:
            self.reply_box.set_kind(MessageKind.REPLY)
            self.reply_box.insert_text(text)

    def leave(self) -> None:
        """The window closes or the agent signs out: tell colleagues I left."""
        self.presence.leave()

    def on_presence_changed(self, ticket_id: int) -> None:
        if ticket_id == self._ticket_id:
            self._reload_presence()

    def set_can_send(self, can_send: bool) -> None:
        self.reply_box.set_can_send(can_send)

    def save_draft_now(self) -> None:
        self.reply_box.save_draft_now()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def retranslate(self) -> None:
        self.placeholder.setText(tr("Select a ticket in the inbox to read and answer it."))
        self.header.retranslate()
        self.presence_bar.retranslate()
        self.conversation.retranslate()
        self.reply_box.retranslate()
        self.customer_panel.retranslate()
        self.escalations.retranslate()
        self.related.retranslate()
        self.security.retranslate()
        self.suggested.retranslate()
        self.failed_changes.retranslate()
        self.aml_report.retranslate()
        self._retitle_tabs()

    # --- store -> widgets --------------------------------------------------------------------

    def _on_changes(self, batch: ChangeBatch) -> None:
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        if batch.touches("tickets", ticket_id):
            self._reload_ticket()
        elif batch.touches("tickets"):
            ticket = self._store.ticket(ticket_id)
            linked = ticket.linked_ids if ticket is not None else []
            if any(batch.touches("tickets", other) for other in linked):
                self._reload_related()
        if batch.touches("messages", ticket_id) or batch.touches("outbox"):
            self._reload_messages()
        if batch.touches("outbox"):
            self._reload_failed_changes()
        if self._customer_uid and batch.touches("customers", self._customer_uid):
            self._reload_customer()
        if batch.touches("escalations", ticket_id):
            self._reload_escalations()
        if batch.touches("kb"):
            self.suggested.refresh()

    def _reload_ticket(self) -> None:
        assert self._ticket_id is not None
        ticket = self._store.ticket(self._ticket_id)
        self.header.set_agents(self._commands.agents())
        self.header.set_ticket(ticket, self._me.id)
        uid = ticket.customer_uid if ticket is not None else None
        if uid != self._customer_uid:
            self._customer_uid = uid
            self._reload_customer()
        self._reload_related()

    def _reload_messages(self) -> None:
        assert self._ticket_id is not None
        messages = self._store.messages(self._ticket_id)
        self.conversation.set_messages(messages, self._me.display_name)
        self.suggested.set_ticket(self._store.ticket(self._ticket_id), messages)

    def _reload_failed_changes(self) -> None:
        items = [
            item
            for item in self._store.failed_outbox()
            # Knowledge-base items target an article id, not this ticket.
            if item.kind != OutboxKind.MESSAGE
            and item.kind not in KB_OUTBOX_KINDS
            and item.target_id == self._ticket_id
        ]
        self.failed_changes.set_items(items)

    def _reload_customer(self) -> None:
        uid = self._customer_uid
        customer = self._store.customer(uid) if uid else None
        self.customer_panel.set_customer(uid, customer)
        ticket_id = self._ticket_id
        target = IdentityTarget("ticket", ticket_id, uid) if uid and ticket_id else None
        self.security.set_target(target, customer)

    def _reload_escalations(self) -> None:
        assert self._ticket_id is not None
        self.escalations.set_escalations(self._store.escalations(self._ticket_id))
        self._retitle_tabs()

    def _reload_related(self) -> None:
        assert self._ticket_id is not None
        ticket = self._store.ticket(self._ticket_id)
        ids = list(ticket.linked_ids) if ticket is not None else []
        cached = self._store.tickets_by_id(ids) if ids else {}
        linked = [(i, cached.get(i)) for i in ids]
        same_customer = self._store.customer_tickets(ticket.customer_uid) if ticket else []
        self.related.set_related(ticket, linked, same_customer)
        self._retitle_tabs()

    def _reload_presence(self) -> None:
        if self._ticket_id is not None:
            self.presence_bar.set_entries(self._commands.presence(self._ticket_id))

    def _retitle_tabs(self) -> None:
        self.side.retitle()

    # --- widgets -> commands -----------------------------------------------------------------

    def _update(self, update: TicketUpdate) -> None:
        if self._ticket_id is None:
            return
        try:
            self._commands.update_ticket(self._ticket_id, update)
        except Exception:
            log.exception("could not queue an update for ticket %s", self._ticket_id)
            self.show_notice(tr("The change could not be saved. Please try again."))
            self._reload_ticket()

    def _act(self, command: Callable[[int, int], None], other: int) -> None:
        if self._ticket_id is None:
            return
        try:
            command(self._ticket_id, other)
        except Exception:
            log.exception("could not queue a change for ticket %s", self._ticket_id)
            self.show_notice(tr("The change could not be saved. Please try again."))

    def _escalate(self, department: str, note: str) -> None:
        if self._ticket_id is None:
            return
        if len(note) > MAX_MESSAGE_CHARS:
            self.show_notice(tr("The note is too long. Please shorten it."))
            return
        try:
            self._commands.escalate(self._ticket_id, department, note)
        except Exception:
            log.exception("could not queue an escalation for ticket %s", self._ticket_id)
            self.show_notice(tr("The escalation could not be queued. Your note is still here."))
            return
        self.escalations.clear_form()

    def _close_escalation(self, escalation_id: int) -> None:
        if self._ticket_id is not None:
            ticket_id = self._ticket_id
            self._act(lambda _t, e: self._commands.close_escalation(e, ticket_id), escalation_id)

    def _merge(self, into_id: int) -> None:
        source = self._ticket_id
        if source is None:
            return
        self.reply_box.save_draft_now()  # the merge carries this draft over to the target
        try:
            self._commands.merge(source, into_id)
        except Exception:
            log.exception("could not queue the merge of %s into %s", source, into_id)
            self.show_notice(tr("The merge could not be queued. Please try again."))
            return
        self.open_related(into_id)
        self.show_notice(tr("Ticket #{source} is being merged into this one.", source=source))

    def _save_attachment(self, attachment: AttachmentOut) -> None:
        dest = self.choose_save_path(attachment.filename)
        if dest is None:
            return
        try:
            self._commands.download_attachment(attachment.id, dest)
        except Exception:
            log.exception("could not start downloading attachment %s", attachment.id)
            self.show_notice(tr("The file can be saved once the console is connected."))
            return
        self.show_notice(tr("Saving {name}…", name=dest.name))

    # The composer (reply box) sends through `self.composer`; it reports here.
    def sent(self) -> None:
        self.notice.hide()
        self.reply_box.clear_after_send()

    def current_kind_is_reply(self) -> bool:
        return self.reply_box.kind() == MessageKind.REPLY
