"""The portfolio: every client of the manager (a supervisor: of the desk) in one table, the one
needing attention first on top, with live countdowns to the tier's response target.

It paints from the local cache at once (start-up, offline) and asks the server for a fresh copy
whenever it is shown; the sync engine keeps the cache current from events, and `on_changes`
re-reads it. Double-click or Enter opens a client; "Send message to selected…" hands the chosen
uids to whoever listens to `outreach_requested` (the outreach dialog).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import Role
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.vip.portfolio_filters import PortfolioFilter, PortfolioFilterBar
from console.ui.vip.portfolio_model import Clock, PortfolioColumn, PortfolioModel
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_vip import VipClientSummary
    from console.ui.change_bridge import ChangeBatch
    from console.ui.vip.ports import VipIntents

__all__ = ["TICK_MS", "PortfolioPage"]

TICK_MS = 1_000
ROW_HEIGHT = 30
C = PortfolioColumn
COLUMN_WIDTHS = {  # fits a 1440-pixel window with the manager column (supervisors)
    C.CLIENT: 140,
    C.UID: 92,
    C.TIER: 56,
    C.WAITING: 68,
    C.TARGET: 104,
    C.LAST_CONTACT: 100,
    C.FOLLOW_UP: 166,
    C.RISKS: 190,
    C.VOLUME: 108,
    C.ASSETS: 112,
    C.LANGUAGE: 78,
    C.MANAGER: 110,
}
# The look of the inbox table (style.qss has it for #ticketTable only). No `::item` box rule:
# with one, Qt ignores the model's BackgroundRole (the follow-up highlight).
_TABLE_STYLE = """
QTableView { background: #ffffff; alternate-background-color: #f9fafb;
    border: 1px solid #dfe3e8; border-radius: 4px; }
QTableView::item:selected { background: #dbe7fb; color: #111827; }
"""
_PAD_X = 7
_TEXT, _SELECTED_TEXT = QColor("#1f2933"), QColor("#111827")


class PaddedCells(QStyledItemDelegate):
    """The cell's background as the style paints it (selection, the model's BackgroundRole),
    then its text with room on both sides. (A style-sheet padding rule would do the latter but
    makes Qt drop BackgroundRole.)"""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        color = index.data(Qt.ItemDataRole.ForegroundRole)
        if not isinstance(color, QColor):
            color = _SELECTED_TEXT if selected else _TEXT
        rect = opt.rect.adjusted(_PAD_X, 0, -_PAD_X, 0)  # type: ignore[attr-defined]
        text = opt.fontMetrics.elidedText(  # type: ignore[attr-defined]
            opt.text,
            Qt.TextElideMode.ElideRight,
            rect.width(),  # type: ignore[attr-defined]
        )
        painter.save()
        painter.setFont(opt.font)  # type: ignore[attr-defined]
        painter.setPen(color)
        painter.drawText(rect, int(opt.displayAlignment), text)  # type: ignore[attr-defined]
        painter.restore()


class PortfolioPage(QWidget):
    client_opened = Signal(str)  # uid
    outreach_requested = Signal(list)  # uids of the selected clients
    outreach_history_requested = Signal()

    def __init__(
        self,
        intents: VipIntents,
        me: AgentOut,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vipPortfolioPage")
        self._intents = intents
        self.supervisor = me.role == Role.SUPERVISOR
        self._generation = 0  # answers to an older request are dropped
        self._loaded_at: datetime | None = None
        self._error: str | None = None

        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.attention_button = QPushButton(objectName="secondaryButton")
        self.attention_button.clicked.connect(self.sort_by_attention)
        self.outreach_button = QPushButton(objectName="secondaryButton")
        self.outreach_button.clicked.connect(self._request_outreach)
        self.history_button = QPushButton(objectName="secondaryButton")
        self.history_button.clicked.connect(self.outreach_history_requested)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.filters = PortfolioFilterBar(self.supervisor)
        self.filters.changed.connect(self._filter_changed)

        self.model = PortfolioModel(me.id, clock, self)
        self.table = self._build_table()
        self.empty_text = PlainLabel(objectName="emptyState", selectable=False)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_action = QPushButton(objectName="secondaryButton")
        self.empty_action.clicked.connect(self._empty_action)
        empty = QWidget(objectName="emptyState")
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_action, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(empty)

        self.ticker = QTimer(self, interval=TICK_MS)
        self.ticker.timeout.connect(self.model.tick)

        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.status, 1)
        head.addWidget(self.attention_button)
        head.addWidget(self.outreach_button)
        head.addWidget(self.history_button)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 8)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.filters)
        layout.addWidget(self.body, 1)
        self.outreach_button.setEnabled(False)  # until clients are selected
        self.retranslate()
        self.show_rows(intents.cached_portfolio())  # paint from the cache, refresh when shown

    def _build_table(self) -> QTableView:
        table = QTableView(objectName="vipPortfolio")
        table.setModel(self.model)
        table.setStyleSheet(_TABLE_STYLE)
        table.setItemDelegate(PaddedCells(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)  # shown once a header is clicked
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._header_clicked)
        for column, width in COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        table.setColumnHidden(C.MANAGER, not self.supervisor)
        table.activated.connect(self._activated)  # double-click and Enter
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        return table

    def retranslate(self) -> None:
        self.title.setText(tr("VIP desk") if self.supervisor else tr("My VIP clients"))
        self.attention_button.setText(tr("Attention order"))
        self.attention_button.setToolTip(
            tr("Overdue and waiting clients first, then risk signals, then follow-ups due")
        )
        self.outreach_button.setText(tr("Send message to selected…"))
        self.history_button.setText(tr("Past messages…"))
        self.outreach_button.setToolTip(
            tr("One message to the selected clients, each in their own language")
        )
        self.refresh_button.setText(tr("Refresh"))
        self.filters.retranslate()
        self.model.retranslate()
        self._show_state()

    # --- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.tick()
        self.ticker.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.ticker.stop()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.refresh_button.setEnabled(False)
        self._intents.load_portfolio(lambda rows, error: self._loaded(generation, rows, error))

    def _loaded(
        self, generation: int, rows: list[VipClientSummary] | None, error: str | None
    ) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        if rows is None:
            self._error = error or tr("unknown reason")
        else:
            self._error = None
            self._loaded_at = datetime.now().astimezone()
            self.show_rows(rows)
        self._show_state()

    def on_changes(self, batch: ChangeBatch) -> None:
        """The store changed: a row from an event, or a refresh the sync engine made."""
        if batch.touches("vip"):
            self.show_rows(self._intents.cached_portfolio())

    def show_rows(self, rows: list[VipClientSummary]) -> None:
        """Show `rows`, keeping the selection, the scroll position and the order chosen."""
        selected = self.selected_uids()
        current = self.model.client_at(self.table.currentIndex().row())
        current_uid = current.uid if current is not None else None
        scroll = self.table.verticalScrollBar().value()
        self.model.set_rows(rows)
        self.filters.offer(rows)
        self._select(selected, current_uid)
        self.table.verticalScrollBar().setValue(scroll)
        self._show_state()

    # --- state -----------------------------------------------------------------------------------

    def _show_state(self) -> None:
        total, shown = self.model.total(), self.model.rowCount()
        waiting = self.model.waiting_count()
        parts = []
        if total:
            parts.append(tr("{shown} of {total} clients", shown=shown, total=total))
            parts.append(tr("{n} waiting", n=waiting))
        if self._error is not None:
            parts.append(tr("Not updated: {reason}", reason=self._error))
        elif self._loaded_at is not None:
            parts.append(tr("updated {time}", time=short_datetime(self._loaded_at)))
        elif total:
            parts.append(tr("saved copy"))
        self.status.setText(" · ".join(parts))
        if shown:
            self.body.setCurrentIndex(0)
            return
        if total:
            self.empty_text.setText(tr("No client matches these filters."))
            self.empty_action.setText(tr("Clear filters"))
        elif self._error is not None:
            self.empty_text.setText(
                tr("The portfolio could not be loaded.\n{reason}", reason=self._error)
            )
            self.empty_action.setText(tr("Try again"))
        elif self.supervisor:
            self.empty_text.setText(tr("No VIP clients on the desk yet."))
            self.empty_action.setText(tr("Refresh"))
        else:
            self.empty_text.setText(
                tr("No VIP clients in your portfolio yet. Clients assigned to you appear here.")
            )
            self.empty_action.setText(tr("Refresh"))
        self.body.setCurrentIndex(1)

    def _empty_action(self) -> None:
        if self.model.total():
            self.filters.clear()
        else:
            self.refresh()

    # --- ordering, filters, selection ------------------------------------------------------------

    def _header_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        sorted_by = self.model.sorted_by()
        ascending = Qt.SortOrder.AscendingOrder
        descending = Qt.SortOrder.DescendingOrder
        order = descending if sorted_by == (column, ascending) else ascending
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)
        self.model.sort(column, order)

    def sort_by_attention(self) -> None:
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.sort_by_attention()

    def _filter_changed(self, wanted: PortfolioFilter) -> None:
        self.model.set_filter(wanted)
        self._show_state()

    def selected_uids(self) -> list[str]:
        selection = self.table.selectionModel()
        rows = sorted(index.row() for index in selection.selectedRows()) if selection else []
        return [c.uid for c in (self.model.client_at(r) for r in rows) if c is not None]

    def _select(self, uids: list[str], current_uid: str | None) -> None:
        selection = self.table.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for uid in uids:
            row = self.model.row_of(uid)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
        row = self.model.row_of(current_uid) if current_uid is not None else None
        if row is not None:
            selection.setCurrentIndex(self.model.index(row, 0), selection.SelectionFlag.NoUpdate)

    def _selection_changed(self) -> None:
        self.outreach_button.setEnabled(bool(self.selected_uids()))

    def _request_outreach(self) -> None:
        uids = self.selected_uids()
        if uids:
            self.outreach_requested.emit(uids)

    def _activated(self, index: QModelIndex) -> None:
        client = self.model.client_at(index.row())
        if client is not None:
            self.client_opened.emit(client.uid)

    def open_selected(self) -> None:
        uids = self.selected_uids()
        if uids:
            self.client_opened.emit(uids[0])
