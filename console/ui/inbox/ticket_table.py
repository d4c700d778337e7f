"""The ticket table widget: columns sized for a working day, sorting by header click through the
store, coloured state cells, and keyboard movement (j / k move, Enter opens)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.store.records import TicketQuery
from console.ui.inbox.cell_delegates import RowDelegate
from console.ui.inbox.ticket_table_model import SORT_KEYS, Column, TicketTableModel

__all__ = ["COLUMN_WIDTHS", "TicketTable"]

ROW_HEIGHT = 30
COLUMN_WIDTHS = {
    Column.ID: 64,
    Column.PRIORITY: 74,
    Column.CUSTOMER: 124,
    Column.CHANNEL: 82,
    Column.STATUS: 84,
    Column.ASSIGNEE: 104,
    Column.SLA: 96,
    Column.UPDATED: 92,
}
# Hidden in this order when the table is too narrow for a readable subject.
OPTIONAL_COLUMNS = (Column.CHANNEL, Column.ASSIGNEE, Column.ID, Column.UPDATED, Column.STATUS)
MIN_SUBJECT_WIDTH = 200
_COLUMN_OF_SORT = {key: column for column, key in SORT_KEYS.items()}


class TicketTable(QTableView):
    open_requested = Signal()  # Enter on the current row

    def __init__(self, model: TicketTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketTable")
        self._model = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header_clicked)
        for column, width in COLUMN_WIDTHS.items():
            self.setColumnWidth(column, width)
        self._delegate = RowDelegate(model, self)
        self.setItemDelegate(self._delegate)
        self.show_sort(model.query())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Whole rows from the delegate's row pixmaps (no grid, no per-cell Python calls)."""
        painter = QPainter(self.viewport())
        try:
            self._delegate.paint_rows(self, painter, event.rect())
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the style sheet's or the app's font
            self._delegate.set_font(self.font())

    # --- sorting: the store orders, the header only shows it ---------------------------------

    def show_sort(self, query: TicketQuery) -> None:
        column = _COLUMN_OF_SORT.get(str(query.sort), -1)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            header.setSortIndicator(column, order)
        finally:
            header.blockSignals(blocked)

    def _on_header_clicked(self, section: int) -> None:
        query = self._model.query()
        key = SORT_KEYS.get(Column(section))
        if key is None:
            self.show_sort(query)  # not orderable: keep showing the order in force
            return
        if str(query.sort) == key:
            descending = not query.descending
        else:  # a new column starts with what the agent most likely wants first
            descending = key in ("updated", "created", "priority")
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self._model.sort(section, order)
        self.show_sort(self._model.query())

    # --- keyboard ----------------------------------------------------------------------------

    def move_current(self, delta: int) -> None:
        rows = self._model.rowCount()
        if rows == 0:
            return
        current = self.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        row = max(0, min(rows - 1, row))
        index = self._model.index(row, Column.SUBJECT)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Letters are shortcuts here (j, k, r, n…), not a jump to a row starting with them."""

    # --- columns -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Keep the subject readable: narrow tables drop the least needed columns first."""
        available = self.viewport().width()
        shown = dict(COLUMN_WIDTHS)
        for column in OPTIONAL_COLUMNS:
            if available - sum(shown.values()) >= MIN_SUBJECT_WIDTH:
                break
            del shown[column]
        for column in COLUMN_WIDTHS:
            self.setColumnHidden(column, column not in shown)
