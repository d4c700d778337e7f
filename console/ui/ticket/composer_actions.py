"""What happens when the agent sends from the composer: the length check, the stale-reply guard,
macros (rendered for this ticket, with their status and tags applied on send), and the command.

The agent's text is never lost: it leaves the reply box (and its draft) only once the message
is in the outbox; "Review first" on the stale-reply dialog keeps it where it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from console.api.schemas import MAX_MESSAGE_CHARS, AgentOut, TicketUpdate
from console.core.domain import MessageKind
from console.store import Store
from console.ui.commands import TicketCommands
from console.ui.i18n import tr
from console.ui.labels import status_label
from console.ui.macro_fill import macro_for_ticket
from console.ui.ticket.stale_guard import Seen, changes_since, snapshot
from console.ui.ticket.stale_reply_dialog import StaleReplyDialog

if TYPE_CHECKING:
    from console.ui.ticket.ticket_view import TicketView

__all__ = ["ComposerActions", "PendingSend"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PendingSend:
    ticket_id: int
    kind: str
    text: str
    files: tuple[Path, ...]
    status: str | None  # send and set this status


@dataclass(frozen=True, slots=True)
class _MacroEffects:
    ticket_id: int
    status: str | None
    tags: tuple[str, ...]


class ComposerActions(QObject):
    def __init__(
        self, view: TicketView, store: Store, commands: TicketCommands, me: AgentOut
    ) -> None:
        super().__init__(view)
        self._view = view
        self._store = store
        self._commands = commands
        self._me = me
        self._seen: Seen | None = None
        self._seen_ticket: int | None = None
        self._macro: _MacroEffects | None = None
        self.stale_dialog: StaleReplyDialog | None = None

    # --- what the agent has seen -------------------------------------------------------------

    def mark_seen(self, ticket_id: int | None = None) -> None:
        """Remember the ticket as it is now as what the agent knows (`ticket_id`: only if that
        ticket is still the one on screen, for callbacks that arrive later)."""
        current = self._view.ticket_id()
        if current is None or (ticket_id is not None and ticket_id != current):
            return
        self._seen_ticket = current
        self._seen = snapshot(self._store.ticket(current), self._store.messages(current))

    def forget(self) -> None:
        self._seen = None
        self._seen_ticket = None
        self._macro = None
        if self.stale_dialog is not None:
            self.stale_dialog.reject()

    def changes(self) -> list[str]:
        ticket_id = self._view.ticket_id()
        if ticket_id is None or self._seen is None or self._seen_ticket != ticket_id:
            return []
        return changes_since(
            self._seen,
            self._store.ticket(ticket_id),
            self._store.messages(ticket_id),
            self._me.display_name,
        )

    # --- sending -----------------------------------------------------------------------------

    def send(self, kind: str, text: str) -> None:
        status = None
        macro = self._macro
        if (
            macro is not None
            and kind == MessageKind.REPLY
            and macro.ticket_id == self._view.ticket_id()
        ):
            status = macro.status
        self._start(kind, text, status)

    def send_and_set_status(self, text: str, status: str) -> None:
        self._start(MessageKind.REPLY, text, status)

    def _start(self, kind: str, text: str, status: str | None) -> None:
        ticket_id = self._view.ticket_id()
        if ticket_id is None:
            return
        if len(text) > MAX_MESSAGE_CHARS:
            self._view.show_notice(
                tr(
                    "This message is longer than {limit} characters. Please shorten it.",
                    limit=MAX_MESSAGE_CHARS,
                )
            )
            return
        files = tuple(self._view.reply_box.files())
        pending = PendingSend(ticket_id, kind, text, files, status)
        # Notes are for colleagues; only what the customer reads waits for a second look.
        changes = self.changes() if kind == MessageKind.REPLY else []
        if not changes:
            self._deliver(pending)
            return
        self._view.reply_box.save_draft_now()
        dialog = StaleReplyDialog(changes, self._view)
        dialog.accepted.connect(lambda: self._after_dialog(pending, send=True))
        dialog.rejected.connect(lambda: self._after_dialog(pending, send=False))
        self.stale_dialog = dialog
        dialog.open()

    def _after_dialog(self, pending: PendingSend, *, send: bool) -> None:
        dialog, self.stale_dialog = self.stale_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if pending.ticket_id != self._view.ticket_id():
            return  # the agent moved on; the text waits in that ticket's draft
        self.mark_seen()
        if send:
            self._deliver(pending)
        else:
            self._view.reply_box.editor.setFocus()
            self._view.conversation.scroll_to_end()

    def _deliver(self, pending: PendingSend) -> None:
        try:
            if pending.status is not None:
                self._commands.send_and_set_status(
                    pending.ticket_id, pending.text, pending.status, pending.files
                )
            else:
                self._commands.send_message(
                    pending.ticket_id, pending.kind, pending.text, pending.files
                )
            self._apply_macro_tags(pending)
        except Exception:
            log.exception("could not queue a message for ticket %s", pending.ticket_id)
            self._view.show_notice(tr("The message could not be queued. Your text is still here."))
            return
        self._macro = None
        self._view.sent()
        self.mark_seen()

    def _apply_macro_tags(self, pending: PendingSend) -> None:
        macro = self._macro
        if macro is None or macro.ticket_id != pending.ticket_id or not macro.tags:
            return
        if pending.kind != MessageKind.REPLY:
            return
        ticket = self._store.ticket(pending.ticket_id)
        if ticket is None:
            return
        new = [t for t in macro.tags if t not in ticket.tags]
        if new:
            self._commands.update_ticket(pending.ticket_id, TicketUpdate(tags=[*ticket.tags, *new]))

    # --- macros ------------------------------------------------------------------------------

    def insert_macro(self, macro_id: int) -> None:
        ticket_id = self._view.ticket_id()
        macro = next((m for m in self._store.macros() if m.id == macro_id), None)
        ticket = self._store.ticket(ticket_id) if ticket_id is not None else None
        if macro is None or ticket is None:
            return
        text = macro_for_ticket(self._store, macro, ticket, self._me.display_name)
        self._view.reply_box.set_kind(MessageKind.REPLY)
        self._view.reply_box.insert_text(text)
        status = str(macro.set_status) if macro.set_status is not None else None
        self._macro = _MacroEffects(ticket.id, status, tuple(macro.add_tags))
        effects = []
        if status is not None:
            effects.append(tr("set the status to {status}", status=status_label(status)))
        if macro.add_tags:
            effects.append(tr("add the tags {tags}", tags=", ".join(macro.add_tags)))
        if effects:
            self._view.show_notice(
                tr("Sending this reply will also {effects}.", effects=tr(" and ").join(effects))
            )
