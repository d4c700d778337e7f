"""The inbox: view selector, search and the ticket table; selecting a row opens the ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.store.records import TicketQuery
from console.ui.formatting import number
from console.ui.i18n import tr
from console.ui.inbox.ticket_table_model import Column, TicketSource, TicketTableModel

if TYPE_CHECKING:
    from console.ui.change_bridge import ChangeBatch, ChangeBridge

__all__ = ["VIEWS", "InboxView", "default_query"]

# TicketQuery.view values, in the order the selector shows them.
VIEWS = ("open", "mine", "unassigned", "all")
SEARCH_DEBOUNCE_MS = 250
OPEN_DELAY_MS = 120  # arrowing through rows opens only the row the agent stops on
TICK_MS = 60_000  # relative times ("5 minutes ago") move on by themselves
COLUMN_WIDTHS = {
    Column.ID: 62,
    Column.CUSTOMER: 96,
    Column.CHANNEL: 72,
    Column.CATEGORY: 124,
    Column.PRIORITY: 64,
    Column.STATUS: 76,
    Column.UPDATED: 104,
}
# Hidden in this order when the inbox is too narrow for a readable subject.
OPTIONAL_COLUMNS = (Column.CHANNEL, Column.CATEGORY, Column.CUSTOMER)
MIN_SUBJECT_WIDTH = 240


def default_query(me_id: int | None) -> TicketQuery:
    """What the inbox shows when it opens (a cold start reads this page before the Store)."""
    return TicketQuery(view=VIEWS[0], me_id=me_id)


def _view_names() -> dict[str, str]:
    return {
        "open": tr("All open"),
        "mine": tr("Mine"),
        "unassigned": tr("Unassigned"),
        "all": tr("All"),
    }


class InboxView(QWidget):
    ticket_selected = Signal(int)

    def __init__(
        self, store: TicketSource, bridge: ChangeBridge | None, me_id: int | None, parent=None
    ):
        """Without a bridge the view shows what `store` holds until `attach()`."""
        super().__init__(parent)
        self.setObjectName("inboxView")
        self._me_id = me_id
        self._selected_id: int | None = None

        self.title = QLabel(objectName="viewTitle")
        self.count_label = QLabel(objectName="mutedLabel")
        self.search = QLineEdit(objectName="searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Ctrl+F")
        self.view_buttons: dict[str, QPushButton] = {}
        self._view_group = QButtonGroup(self)
        self._view_group.setExclusive(True)
        for view in VIEWS:
            button = QPushButton(objectName="segment")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, v=view: self.set_view(v))
            self._view_group.addButton(button)
            self.view_buttons[view] = button
        self.view_buttons[VIEWS[0]].setChecked(True)

        self.model = TicketTableModel(store, default_query(me_id), self)
        self.table = QTableView(objectName="ticketTable")
        self._setup_table()

        header_row = QHBoxLayout()
        header_row.addWidget(self.title)
        header_row.addWidget(self.count_label)
        header_row.addStretch(1)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(0)
        for view in VIEWS:
            filter_row.addWidget(self.view_buttons[view])
        filter_row.addSpacing(12)
        filter_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 6, 6)
        layout.setSpacing(8)
        layout.addLayout(header_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._emit_selected)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self.model.refresh_times)
        self._tick.start()
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        self.model.refreshed.connect(self._after_refresh)
        if bridge is not None:
            bridge.changed.connect(self._on_changes)
        self.retranslate()
        self._update_counts()

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(28)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Keep the subject readable: narrow inboxes drop the least needed columns first."""
        available = self.table.viewport().width()
        shown = dict(COLUMN_WIDTHS)
        for column in OPTIONAL_COLUMNS:
            if available - sum(shown.values()) >= MIN_SUBJECT_WIDTH:
                break
            del shown[column]
        for column in COLUMN_WIDTHS:
            self.table.setColumnHidden(column, column not in shown)

    def attach(self, store: TicketSource, bridge: ChangeBridge) -> None:
        """Read from the Store and follow its changes from now on (after a cold start)."""
        bridge.changed.connect(self._on_changes)
        self.model.set_source(store)

    # --- commands ----------------------------------------------------------------------------

    def set_view(self, view: str) -> None:
        self.view_buttons[view].setChecked(True)
        self._requery()

    def current_view(self) -> str:
        for view, button in self.view_buttons.items():
            if button.isChecked():
                return view
        return "open"

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_ticket_id(self) -> int | None:
        return self._selected_id

    def select_ticket(self, ticket_id: int) -> bool:
        row = self.model.row_of(ticket_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def retranslate(self) -> None:
        self.title.setText(tr("Inbox"))
        for view, name in _view_names().items():
            self.view_buttons[view].setText(name)
        self.search.setPlaceholderText(tr("Search subject, UID or #id"))
        self.model.retranslate()
        self._update_counts()

    # --- reactions ---------------------------------------------------------------------------

    def _build_query(self, view: str, text: str) -> TicketQuery:
        return TicketQuery(view=view, me_id=self._me_id, text=text.strip())

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self._requery()

    def _requery(self) -> None:
        query = self._build_query(self.current_view(), self.search.text())
        if query != self.model.query():
            self.model.set_query(query)

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("tickets"):
            self.model.refresh()

    def _after_refresh(self) -> None:
        self._update_counts()
        if self._selected_id is None:
            return
        # Rows move when tickets change; keep the agent's ticket selected without reopening it.
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            row = self.model.row_of(self._selected_id)
            if row is None:
                selection.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            selection.blockSignals(blocked)
        self.table.viewport().update()

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(tr("{count} tickets", count=number(total)))

    def _on_current_row(self, current, _previous) -> None:
        ticket = self.model.ticket_at(current.row()) if current.isValid() else None
        if ticket is None:
            return
        self._selected_id = ticket.id
        self._open_timer.start()

    def _emit_selected(self) -> None:
        if self._selected_id is not None:
            self.ticket_selected.emit(self._selected_id)
