"""The inbox as a Qt table model: a window onto `Store.query_tickets`, read a page at a time.

The source is the Store, or until it is open a read-only glance at the same file
(`console.store.first_page.CachedTickets`); `set_source` swaps them without moving the view.
The row count comes from `count_tickets`, so the scroll bar is right from the start; rows are
fetched in pages of PAGE_SIZE when the view asks for them, and only a bounded number of pages is
kept. Filtering and ordering happen in SQL (TicketQuery), never in a proxy model.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from console.core.domain import Priority, TicketStatus
from console.store.records import TicketQuery
from console.ui.formatting import relative_time, short_datetime
from console.ui.i18n import tr
from console.ui.labels import category_label, channel_label, priority_label, status_label
from console.ui.widgets.plain_text import plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas import TicketOut
    from console.store.first_page import TicketRow

    Ticket = TicketOut | TicketRow

__all__ = ["Column", "TicketSource", "TicketTableModel"]

PAGE_SIZE = 200
MAX_CACHED_PAGES = 12
TICKET_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ID = 0
    SUBJECT = 1
    CUSTOMER = 2
    CHANNEL = 3
    CATEGORY = 4
    PRIORITY = 5
    STATUS = 6
    UPDATED = 7


def _headers() -> dict[Column, str]:
    return {
        Column.ID: tr("#"),
        Column.SUBJECT: tr("Subject"),
        Column.CUSTOMER: tr("Customer UID"),
        Column.CHANNEL: tr("Channel"),
        Column.CATEGORY: tr("Category"),
        Column.PRIORITY: tr("Priority"),
        Column.STATUS: tr("Status"),
        Column.UPDATED: tr("Updated"),
    }


class TicketSource(Protocol):
    """The Store's ticket reads (what the model needs of it)."""

    def query_tickets(self, q: TicketQuery, offset: int, limit: int) -> Sequence[Ticket]: ...

    def count_tickets(self, q: TicketQuery) -> int: ...


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED_ROLES = frozenset({_DISPLAY, TICKET_ROLE, _TOOLTIP, _FOREGROUND, _FONT, _ALIGNMENT})
_ID_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_PRIORITY_COLOURS = {Priority.URGENT: QColor("#c62828"), Priority.HIGH: QColor("#b45309")}


class TicketTableModel(QAbstractTableModel):
    TicketRole = TICKET_ROLE
    refreshed = Signal()

    def __init__(self, store: TicketSource, query: TicketQuery, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._query = query
        self._pages: OrderedDict[int, Sequence[Ticket]] = OrderedDict()
        self._count = store.count_tickets(query)
        self._bold = QFont()
        self._bold.setBold(True)
        self._now = datetime.now(UTC)

    # --- query -------------------------------------------------------------------------------

    def query(self) -> TicketQuery:
        return self._query

    def set_query(self, query: TicketQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = self._store.count_tickets(query)
        self.endResetModel()
        self.refreshed.emit()

    def set_source(self, store: TicketSource) -> None:
        """Read from `store` from now on (the Store, once open), keeping the view as it is."""
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """Re-read after the store changed, keeping the view's scroll position and columns."""
        new_count = self._store.count_tickets(self._query)
        self._pages.clear()
        self._now = datetime.now(UTC)
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
        self._now = datetime.now(UTC)
        if self._count:
            self.dataChanged.emit(
                self.index(0, Column.UPDATED), self.index(self._count - 1, Column.UPDATED)
            )

    def retranslate(self) -> None:
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
        for page_no in range(min(search_pages, self._page_count())):
            self._page(page_no)
        for page_no, page in self._pages.items():
            for offset, ticket in enumerate(page):
                if ticket.id == ticket_id:
                    return page_no * PAGE_SIZE + offset
        return None

    def _page_count(self) -> int:
        return (self._count + PAGE_SIZE - 1) // PAGE_SIZE

    def _page(self, page_no: int) -> Sequence[Ticket]:
        page = self._pages.get(page_no)
        if page is None:
            page = self._store.query_tickets(self._query, page_no * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page

    # --- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers().get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell: unanswered roles leave before any work.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        ticket = self.ticket_at(index.row())
        if ticket is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(ticket, Column(column))
        if role == TICKET_ROLE:
            return ticket
        if role == _TOOLTIP:
            if column == Column.SUBJECT:
                return plain_tooltip(ticket.last_message_preview or ticket.subject)
            if column == Column.UPDATED:
                return short_datetime(ticket.updated_at)
            return None
        if role == _FOREGROUND:
            return _PRIORITY_COLOURS.get(ticket.priority) if column == Column.PRIORITY else None
        if role == _FONT:
            new = ticket.status == TicketStatus.NEW
            return self._bold if new and column in (Column.SUBJECT, Column.STATUS) else None
        return _ID_ALIGNMENT if column == Column.ID else None  # TextAlignmentRole

    def _display(self, ticket: Ticket, column: Column) -> str:
        if column == Column.ID:
            return f"#{ticket.id}"
        if column == Column.SUBJECT:
            return ticket.subject
        if column == Column.CUSTOMER:
            return ticket.customer_uid
        if column == Column.CHANNEL:
            return channel_label(ticket.channel)
        if column == Column.CATEGORY:
            return category_label(ticket.category)
        if column == Column.PRIORITY:
            return priority_label(ticket.priority)
        if column == Column.STATUS:
            return status_label(ticket.status)
        return relative_time(ticket.updated_at, self._now, compact=True)
