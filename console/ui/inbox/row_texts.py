"""What an inbox row shows: each cell's text, tone (a pill) and tooltip, worked out from a ticket.

`RowTexts` is mixed into `TicketTableModel`, which owns the clock (`_now`), the colleagues'
names and the `_stamp` that invalidates its row cache. Relative times and enum labels come from
small caches, so painting a screenful costs little more than reading it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from console.core.domain import TicketStatus
from console.ui.formatting import relative_time, short_datetime
from console.ui.i18n import language, tr
from console.ui.inbox.columns import Column
from console.ui.inbox.sla_cell import SlaCell, sla_cell, sla_face
from console.ui.labels import channel_label, priority_label, status_label
from console.ui.widgets.plain_text import plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas import TicketOut
    from console.store.first_page import TicketRow

    Ticket = TicketOut | TicketRow

__all__ = ["RowCells", "RowTexts"]

_MAX_RELATIVE = 5_000  # relative-time strings kept (one per minute of age)
_SUBJECT = int(Column.SUBJECT)
_CUSTOMER = int(Column.CUSTOMER)
_PRIORITY_TONES = {"urgent": "urgent", "high": "high", "normal": "normal", "low": "low"}
_STATUS_TONES = {
    "new": "new",
    "open": "open",
    "pending": "pending",
    "on_hold": "on_hold",
    "solved": "done",
    "closed": "done",
}


class RowCells:
    """What one row shows: per column its text, its tone (a pill) or None, and a content key.

    `keys[column]` is everything the cell's pixels depend on besides geometry, selection and font
    (column, text, tone, bold subject, VIP badge text), so equal keys may share a painted cell.
    """

    __slots__ = ("bold", "keys", "texts", "tones", "vip", "vip_text")

    def __init__(
        self,
        texts: tuple[str, ...],
        tones: tuple[str | None, ...],
        bold: bool,
        vip: int,
        vip_text: str,
    ) -> None:
        self.texts = texts
        self.tones = tones
        self.bold = bold
        self.vip = vip
        self.vip_text = vip_text
        keys = [(c, texts[c], tones[c], None) for c in range(len(texts))]
        keys[_SUBJECT] = (_SUBJECT, texts[_SUBJECT], None, bold)
        keys[_CUSTOMER] = (_CUSTOMER, texts[_CUSTOMER], None, vip_text)
        self.keys = tuple(keys)


class RowTexts:
    """Cell texts, tones and tooltips for the table model; the state it reads is the model's."""

    # Set by TicketTableModel.__init__ (a mixin has no constructor of its own).
    _now: datetime
    _me_id: int | None
    _names: dict[int, str]
    _stamp: int
    _lang: str
    _sla: dict[int, SlaCell]  # per ticket id at self._now; cleared when it moves
    _relative: dict[int, str]  # whole minutes of age -> "5 min. ago"
    _labels: dict[tuple[Callable[[str], str], str], str]

    def sla_at(self, ticket: Ticket) -> SlaCell:
        cell = self._sla.get(ticket.id)
        if cell is None:
            cell = self._sla[ticket.id] = sla_cell(ticket, self._now)
        return cell

    def _tone(self, ticket: Ticket, column: Column) -> str | None:
        if column == Column.PRIORITY:
            return _PRIORITY_TONES.get(str(ticket.priority))
        if column == Column.STATUS:
            return _STATUS_TONES.get(str(ticket.status))
        if column == Column.SLA:
            return str(self.sla_at(ticket).state)
        return None

    def _tooltip(self, ticket: Ticket, column: Column) -> str | None:
        if column == Column.SUBJECT:
            return plain_tooltip(ticket.last_message_preview or ticket.subject)
        if column == Column.CUSTOMER:
            name = getattr(ticket, "customer_name", "")
            return plain_tooltip(f"{name}\n{ticket.customer_uid}" if name else ticket.customer_uid)
        if column == Column.SLA:
            return self.sla_at(ticket).tooltip
        if column == Column.UPDATED:
            return short_datetime(ticket.updated_at)
        return None

    # --- what a row shows -------------------------------------------------------------------

    def _cells_of(self, ticket: Ticket) -> RowCells:
        if language() != self._lang:
            self._language_changed()
        sla_state, sla_text = sla_face(ticket, self._now)
        priority, status = str(ticket.priority), str(ticket.status)
        vip = int(getattr(ticket, "customer_vip_tier", 0) or 0)
        texts = (
            f"#{ticket.id}",
            self._label(priority_label, priority),
            ticket.subject,
            getattr(ticket, "customer_name", "") or ticket.customer_uid,
            self._label(channel_label, str(ticket.channel)),
            self._label(status_label, status),
            self._assignee(ticket.assignee_id),
            sla_text,
            self._relative_time(ticket.updated_at),
        )
        tones = (
            None,
            _PRIORITY_TONES.get(priority),
            None,
            None,
            None,
            _STATUS_TONES.get(status),
            None,
            str(sla_state),
            None,
        )
        bold = ticket.status == TicketStatus.NEW
        return RowCells(texts, tones, bold, vip, tr("VIP {tier}", tier=vip) if vip > 0 else "")

    def _label(self, label: Callable[[str], str], value: str) -> str:
        key = (label, value)
        text = self._labels.get(key)
        if text is None:
            text = self._labels[key] = label(value)
        return text

    def _relative_time(self, moment: datetime) -> str:
        """`relative_time` at whole minutes of age (the column's resolution), kept per minute."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        minutes = int((moment - self._now).total_seconds() / 60)  # under a minute: "just now"
        text = self._relative.get(minutes)
        if text is None:
            if len(self._relative) >= _MAX_RELATIVE:
                self._relative.clear()
            then = self._now + timedelta(minutes=minutes)
            text = self._relative[minutes] = relative_time(then, self._now, compact=True)
        return text

    def _language_changed(self) -> None:
        self._lang = language()
        self._relative.clear()
        self._labels.clear()
        self._stamp += 1

    # --- straight reads of one cell, no Qt variants -------------------------------------------

    def display_text(self, ticket: Ticket, column: Column) -> str:
        return self._display(ticket, column)

    def tone(self, ticket: Ticket, column: Column) -> str | None:
        return self._tone(ticket, column)

    @staticmethod
    def vip_tier(ticket: Ticket) -> int:
        return int(getattr(ticket, "customer_vip_tier", 0) or 0)

    @staticmethod
    def is_new(ticket: Ticket) -> bool:
        return ticket.status == TicketStatus.NEW

    def _display(self, ticket: Ticket, column: Column) -> str:
        if column == Column.ID:
            return f"#{ticket.id}"
        if column == Column.SUBJECT:
            return ticket.subject
        if column == Column.CUSTOMER:
            return getattr(ticket, "customer_name", "") or ticket.customer_uid
        if column == Column.CHANNEL:
            return channel_label(ticket.channel)
        if column == Column.PRIORITY:
            return priority_label(ticket.priority)
        if column == Column.STATUS:
            return status_label(ticket.status)
        if column == Column.ASSIGNEE:
            return self._assignee(ticket.assignee_id)
        if column == Column.SLA:
            return self.sla_at(ticket).text
        return self._relative_time(ticket.updated_at)

    def _assignee(self, agent_id: int | None) -> str:
        if agent_id is None:
            return tr("Unassigned")
        if agent_id == self._me_id:
            return tr("Me")
        return self._names.get(agent_id) or tr("Agent {id}", id=agent_id)
