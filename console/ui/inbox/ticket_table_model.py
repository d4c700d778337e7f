"""The inbox as a Qt table model: a window onto `Store.query_tickets`, read a page at a time.

The source is the Store, or until it is open a read-only glance at the same file
(`console.store.first_page.CachedTickets`); `set_source` swaps them without moving the view.
The row count comes from `count_tickets`, so the scroll bar is right from the start; rows are
fetched in pages of PAGE_SIZE when the view asks for them, and only a bounded number of pages is
kept. Filtering and ordering happen in SQL (TicketQuery), never in a proxy model: a header click
becomes `TicketQuery.sort` and one model reset, and a new query costs one page read plus, when
the first page is full, one count.

What a row shows (`row_cells`, worked out in `row_texts`) is kept until the row's ticket object,
the clock, the language or the colleagues' names change. The columns are in `columns`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from console.core.domain import TicketStatus
from console.store.records import TicketQuery
from console.ui.i18n import language, tr
from console.ui.inbox.columns import SORT_KEYS, Column, column_headers
from console.ui.inbox.row_texts import RowCells, RowTexts
from console.ui.inbox.sla_cell import SlaCell

if TYPE_CHECKING:
    from console.api.schemas import TicketOut
    from console.store.first_page import TicketRow

    Ticket = TicketOut | TicketRow

__all__ = ["SORT_KEYS", "Column", "RowCells", "TicketSource", "TicketTableModel"]

PAGE_SIZE = 60  # a screenful or two: at 100k each row read costs ~0.3 ms (pydantic)
MAX_CACHED_PAGES = 24  # ~5 KB per ticket read: 24 pages are ~8 MB
MAX_CACHED_ROWS = 2_000  # RowCells kept (a few screens' worth; cleared whole when full)
TICKET_ROLE = Qt.ItemDataRole.UserRole + 1
TONE_ROLE = Qt.ItemDataRole.UserRole + 2  # a word the pill delegate turns into colours
VIP_ROLE = Qt.ItemDataRole.UserRole + 3  # the customer's VIP tier (0 = none)

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = tuple(Column)
_NCOLUMNS = len(_COLUMNS)


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


class TicketTableModel(RowTexts, QAbstractTableModel):
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
        self._capped = False
        self._count = self._counted(query)
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
            self._count = self._counted(query)
        if first:
            self._pages[0] = first
        self.endResetModel()
        self.refreshed.emit()

    def _counted(self, query: TicketQuery) -> int:
        """Rows to offer. A text search or tag matching thousands is capped (shown as
        "1,000+"): nobody scrolls that far, and an exact count costs a full pass."""
        capped_count = getattr(self._store, "count_tickets_capped", None)
        if capped_count is None:  # the cold-start reader counts exactly
            self._capped = False
            return self._store.count_tickets(query)
        count, self._capped = capped_count(query)
        return int(count)

    def is_capped(self) -> bool:
        """True when more tickets match than the rows offered (a broad search)."""
        return self._capped

    def set_source(self, store: TicketSource) -> None:
        """Read from `store` from now on (the Store, once open), keeping the view as it is."""
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """Re-read after the store changed, keeping the view's scroll position and columns."""
        new_count = self._counted(self._query)
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
                headers = self._headers = column_headers()
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
