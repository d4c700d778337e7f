"""The inbox as a Qt table model: a window onto `Store.query_tickets`, read a page at a time.

The source is the Store, or until it is open a read-only glance at the same file
(`console.store.first_page.CachedTickets`); `set_source` swaps them without moving the view.
The row count comes from `count_tickets`, so the scroll bar is right from the start; rows are
fetched in pages of PAGE_SIZE when the view asks for them, and only a bounded number of pages is
kept. Filtering and ordering happen in SQL (TicketQuery), never in a proxy model: a header click
becomes `TicketQuery.sort` and one model reset, and a new query costs one page read plus, when
the first page is full, one count.

What a row shows (`row_cells`) is worked out once per row and kept until the row's ticket object,
the clock, the language or the colleagues' names change; relative times and enum labels come
from small caches, so painting a screenful costs little more than reading it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from console.core.domain import TicketStatus
from console.store.records import TicketQuery
from console.ui.formatting import relative_time, short_datetime
from console.ui.i18n import language, tr
from console.ui.inbox.sla_cell import SlaCell, sla_cell, sla_face
from console.ui.labels import channel_label, priority_label, status_label
from console.ui.widgets.plain_text import plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas import TicketOut
    from console.store.first_page import TicketRow

    Ticket = TicketOut | TicketRow

__all__ = ["SORT_KEYS", "Column", "RowCells", "TicketSource", "TicketTableModel"]

PAGE_SIZE = 60  # a screenful or two: at 100k each row read costs ~0.3 ms (pydantic)
MAX_CACHED_PAGES = 24  # ~5 KB per ticket read: 24 pages are ~8 MB
MAX_CACHED_ROWS = 2_000  # RowCells kept (a few screens' worth; cleared whole when full)
_MAX_RELATIVE = 5_000  # relative-time strings kept (one per minute of age)
TICKET_ROLE = Qt.ItemDataRole.UserRole + 1
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # a word the pill delegate turns into colours
VIP_ROLE = Qt.ItemDataRole.UserRole + 3  # the customer's VIP tier (0 = none)

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ID = 0
    PRIORITY = 1
    SUBJECT = 2
    CUSTOMER = 3
    CHANNEL = 4
    STATUS = 5
    ASSIGNEE = 6
    SLA = 7
    UPDATED = 8


# Columns the store can order by (TicketQuery.sort); the others ignore header clicks.
SORT_KEYS: dict[Column, str] = {
    Column.ID: "created",
    Column.PRIORITY: "priority",
    Column.SUBJECT: "subject",
    Column.CUSTOMER: "customer",
    Column.SLA: "sla",
    Column.UPDATED: "updated",
}


def _headers() -> dict[Column, str]:
    return {
        Column.ID: tr("#"),
        Column.PRIORITY: tr("Priority"),
        Column.SUBJECT: tr("Subject"),
        Column.CUSTOMER: tr("Customer"),
        Column.CHANNEL: tr("Channel"),
        Column.STATUS: tr("Status"),
        Column.ASSIGNEE: tr("Assignee"),
        Column.SLA: tr("SLA"),
        Column.UPDATED: tr("Updated"),
    }


_COLUMNS = tuple(Column)
_NCOLUMNS = len(_COLUMNS)
_SUBJECT = int(Column.SUBJECT)
_CUSTOMER = int(Column.CUSTOMER)


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


class TicketSource(Protocol):
    """The Store's ticket reads (what the model needs of it)."""

    def query_tickets(self, q: TicketQuery, offset: int, limit: int) -> Sequence[Ticket]: ...

    def count_tickets(self, q: TicketQuery) -> int: ...


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TONE = int(TONE_ROLE)
_VIP = int(VIP_ROLE)
_ANSWERED_ROLES = frozenset({_DISPLAY, TICKET_ROLE, _TOOLTIP, _FONT, _ALIGNMENT, _TONE, _VIP})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_PRIORITY_TONES = {"urgent": "urgent", "high": "high", "normal": "normal", "low": "low"}
_STATUS_TONES = {
    "new": "new",
    "open": "open",
    "pending": "pending",
    "on_hold": "on_hold",
    "solved": "done",
    "closed": "done",
}


class TicketTableModel(QAbstractTableModel):
    TicketRole = TICKET_ROLE
    ToneRole = TONE_ROLE
    VipRole = VIP_ROLE
    refreshed = Signal()

    def __init__(
        self,
        store: TicketSource,
        query: TicketQuery,
        parent: Any = None,
        *,
        me_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._query = query
        self._me_id = me_id
        self._pages: OrderedDict[int, Sequence[Ticket]] = OrderedDict()
        self._count = store.count_tickets(query)
        self._bold = QFont()
        self._bold.setBold(True)
        self._now = datetime.now(UTC)
        self._sla: dict[int, SlaCell] = {}  # per ticket id at self._now; cleared when it moves
        self._agent_names: Callable[[], dict[int, str]] = dict
        self._names: dict[int, str] = {}
        # row -> (the stamp it was worked out at, what it shows); only rows of loaded pages
        self._rows: dict[int, tuple[int, RowCells]] = {}
        self._stamp = 0  # moves on with the clock, the language and colleagues' names
        self._lang = language()
        self._relative: dict[int, str] = {}  # whole minutes of age -> "5 min. ago"
        self._labels: dict[tuple[Callable[[str], str], str], str] = {}
        self._headers: dict[Column, str] | None = None  # in self._headers_lang
        self._headers_lang = ""

    # --- query -------------------------------------------------------------------------------

    def query(self) -> TicketQuery:
        return self._query

    def set_query(self, query: TicketQuery) -> None:
        """Show `query` from the top in one reset: the first page (which the view paints at
        once) and, only when that page is full, a count; later rows load as the view asks."""
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._rows.clear()
        self._sla.clear()
        self._now = datetime.now(UTC)
        self._stamp += 1
        first = self._store.query_tickets(query, 0, PAGE_SIZE)
        if len(first) < PAGE_SIZE:
            self._count = len(first)  # a short first page is the whole answer
        else:
            self._count = self._store.count_tickets(query)
        if first:
            self._pages[0] = first
        self.endResetModel()
        self.refreshed.emit()

    def set_source(self, store: TicketSource) -> None:
        """Read from `store` from now on (the Store, once open), keeping the view as it is."""
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """Re-read after the store changed, keeping the view's scroll position and columns."""
        new_count = self._store.count_tickets(self._query)
        self._names = self._agent_names()
        self._pages.clear()
        self._rows.clear()
        self._sla.clear()
        self._now = datetime.now(UTC)
        self._stamp += 1
        old_count = self._count
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._count = new_count
            self.endInsertRows()
        elif new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._count = new_count
            self.endRemoveRows()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(Column) - 1))
        self.refreshed.emit()

    def refresh_times(self) -> None:
        """The clock moved: SLA and 'updated' cells change, the rows and their order do not."""
        self._now = datetime.now(UTC)
        self._sla.clear()
        self._stamp += 1
        if self._count:
            last = self._count - 1
            self.dataChanged.emit(self.index(0, Column.SLA), self.index(last, Column.UPDATED))

    def retranslate(self) -> None:
        self._sla.clear()
        self._language_changed()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(Column) - 1))

    # --- rows --------------------------------------------------------------------------------

    def ticket_at(self, row: int) -> Ticket | None:
        if row < 0 or row >= self._count:
            return None
        page_no, offset = divmod(row, PAGE_SIZE)
        page = self._page(page_no)
        return page[offset] if offset < len(page) else None

    def row_of(self, ticket_id: int, search_pages: int = 3) -> int | None:
        """Row of a ticket among the loaded pages (loading the first few if needed)."""
        rows = self.rows_of([ticket_id], search_pages)
        return rows[0] if rows else None

    def rows_of(
        self, ticket_ids: Iterable[int], search_pages: int = 3, *, near: range | None = None
    ) -> list[int]:
        """Rows of these tickets among the loaded pages, loading first the pages of the rows
        `near` (the ones on screen, which the view reads anyway) or else the first few."""
        wanted = set(ticket_ids)
        if near is not None:
            last = min(near.stop, self._count) - 1
            pages = (
                range(max(0, near.start) // PAGE_SIZE, last // PAGE_SIZE + 1) if last >= 0 else ()
            )
        else:
            pages = range(min(search_pages, self._page_count()))
        for page_no in pages:
            self._page(page_no)
        rows = []
        for page_no, page in self._pages.items():
            for offset, ticket in enumerate(page):
                if ticket.id in wanted:
                    rows.append(page_no * PAGE_SIZE + offset)
        return sorted(rows)

    def set_agent_names(self, names: Callable[[], dict[int, str]]) -> None:
        """Where the assignee column finds colleagues' names (asked at each refresh)."""
        self._agent_names = names
        self._names = names()
        self._stamp += 1

    def row_cells(self, row: int) -> RowCells | None:
        """What `row` shows, worked out once and kept while its page, the clock, the language
        and the names stand (rows leave with their page: a re-read page is worked out anew)."""
        entry = self._rows.get(row)
        if entry is not None and entry[0] == self._stamp:
            try:
                self._pages.move_to_end(row // PAGE_SIZE)  # in use: keep the page loaded
            except KeyError:
                pass
            else:
                return entry[1]
        ticket = self.ticket_at(row)
        if ticket is None:
            return None
        cells = self._cells_of(ticket)
        if len(self._rows) >= MAX_CACHED_ROWS:
            self._rows.clear()
        self._rows[row] = (self._stamp, cells)
        return cells

    def _page_count(self) -> int:
        return (self._count + PAGE_SIZE - 1) // PAGE_SIZE

    def _page(self, page_no: int) -> Sequence[Ticket]:
        page = self._pages.get(page_no)
        if page is None:
            page = self._store.query_tickets(self._query, page_no * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                old, _ = self._pages.popitem(last=False)
                for row in range(old * PAGE_SIZE, (old + 1) * PAGE_SIZE):
                    self._rows.pop(row, None)  # nor keep its tickets alive through their cells
        else:
            self._pages.move_to_end(page_no)
        return page

    def sla_at(self, ticket: Ticket) -> SlaCell:
        cell = self._sla.get(ticket.id)
        if cell is None:
            cell = self._sla[ticket.id] = sla_cell(ticket, self._now)
        return cell

    # --- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else _NCOLUMNS  # asked by Qt for every cell painted

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _NCOLUMNS:
            return None
        if role == _DISPLAY:
            headers = self._headers
            if headers is None or self._headers_lang != language():
                headers = self._headers = _headers()
                self._headers_lang = language()
            return headers.get(Column(section))
        if role == _TOOLTIP and Column(section) in SORT_KEYS:
            return tr("Click to sort")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the store orders the rows (columns it cannot order by are ignored)."""
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self._query.sort, self._query.descending) != (key, descending):
            self.set_query(replace(self._query, sort=key, descending=descending))

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell: unanswered roles leave before any work.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row = index.row()
        ticket = self.ticket_at(row)
        if ticket is None:
            return None
        column = index.column()
        if role in (_DISPLAY, _TONE):
            cells = self.row_cells(row)
            if cells is None or not 0 <= column < _NCOLUMNS:
                return None
            return cells.texts[column] if role == _DISPLAY else cells.tones[column]
        if role == TICKET_ROLE:
            return ticket
        if role == _VIP:
            return getattr(ticket, "customer_vip_tier", 0) if column == Column.CUSTOMER else None
        if role == _TOOLTIP:
            return self._tooltip(ticket, Column(column))
        if role == _FONT:
            new = ticket.status == TicketStatus.NEW
            return self._bold if new and column == Column.SUBJECT else None
        return _RIGHT if column == Column.ID else None  # TextAlignmentRole

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
