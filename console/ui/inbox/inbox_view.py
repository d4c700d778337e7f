"""The inbox: views panel with live counts, filter bar, bulk bar and the ticket table.

Everything the list shows is one `TicketQuery` answered by the store (filter, sort and search in
SQL); a change of view, filter, search or sort order is one model reset. Counts per view are
computed off the GUI thread (ViewCounter). Selecting a row opens the ticket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.store.records import TicketQuery
from console.ui.formatting import number
from console.ui.i18n import tr
from console.ui.inbox.filter_bar import SEARCH_DEBOUNCE_MS, FilterBar
from console.ui.inbox.inbox_views import (
    BUILTIN_VIEWS,
    Filters,
    builtin_query,
    filters_of,
    query_for,
)
from console.ui.inbox.saved_views import SavedViews
from console.ui.inbox.ticket_table import TicketTable
from console.ui.inbox.ticket_table_model import TicketSource, TicketTableModel
from console.ui.inbox.view_counter import ViewCounter
from console.ui.inbox.views_panel import ViewsPanel

if TYPE_CHECKING:
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.commands import TicketCommands
    from console.ui.inbox.bulk_bar import BulkBar, BulkTarget

__all__ = ["DEFAULT_VIEW", "SEARCH_DEBOUNCE_MS", "InboxView", "default_query"]

DEFAULT_VIEW = "open"
OPEN_DELAY_MS = 120  # arrowing through rows opens only the row the agent stops on
TICK_MS = 30_000  # SLA time left and "updated" move on by themselves
_VIEW_LABELS = {view.key: view.label for view in BUILTIN_VIEWS}


def default_query(me_id: int | None) -> TicketQuery:
    """What the inbox shows when it opens (a cold start reads this page before the Store)."""
    return query_for(DEFAULT_VIEW, me_id, Filters())


class InboxView(QWidget):
    ticket_selected = Signal(int)
    notice = Signal(str)  # a sentence for the status bar

    def __init__(
        self, store: TicketSource, bridge: ChangeBridge | None, me_id: int | None, parent=None
    ):
        """Without a bridge the view shows what `store` holds until `attach()`."""
        super().__init__(parent)
        self.setObjectName("inboxView")
        self._me_id = me_id
        self._selected_id: int | None = None
        self._view = DEFAULT_VIEW
        self._saved_id: int | None = None  # the saved view shown, if any
        self._selected_ids: list[int] = []

        self.views_panel = ViewsPanel()
        self.title = QLabel(objectName="viewTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # saved views carry the agent's names
        self.count_label = QLabel(objectName="mutedLabel")
        self.filter_bar = FilterBar()
        self.search = self.filter_bar.search
        self.model = TicketTableModel(store, default_query(me_id), self, me_id=me_id)
        self.table = TicketTable(self.model)
        self._bulk_bar: BulkBar | None = None  # built when first needed, after the first paint
        self.empty_label = QLabel(objectName="emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved = SavedViews(self, me_id)
        self.counter: ViewCounter | None = None

        header_row = QHBoxLayout()
        header_row.addWidget(self.title)
        header_row.addWidget(self.count_label)
        header_row.addStretch(1)
        list_area = QWidget(objectName="inboxList")
        list_layout = QVBoxLayout(list_area)
        list_layout.setContentsMargins(12, 10, 6, 6)
        list_layout.setSpacing(8)
        list_layout.addLayout(header_row)
        list_layout.addWidget(self.filter_bar)
        self._list_layout = list_layout  # the bulk bar goes in under the filter bar
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_label)
        # Shown or hidden once in the layout: a parentless widget shown becomes a window.
        self.empty_label.setVisible(self.model.rowCount() == 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.views_panel)
        layout.addWidget(list_area, 1)

        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._emit_selected)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self.views_panel.builtin_chosen.connect(self.set_view)
        self.views_panel.saved_chosen.connect(self.open_saved_view)
        self.views_panel.delete_requested.connect(self.saved.delete)
        self.filter_bar.changed.connect(self._requery)
        self.filter_bar.save_requested.connect(self.saved.save_current)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.open_requested.connect(self.open_current)
        self.model.refreshed.connect(self._after_refresh)
        self.model.modelReset.connect(self._sync_sort_from_model)
        self.views_panel.select(f"view:{self._view}")
        if bridge is not None:
            self._follow(store, bridge)
        self.retranslate()

    # --- wiring ------------------------------------------------------------------------------

    def attach(self, store: TicketSource, bridge: ChangeBridge) -> None:
        """Read from the Store and follow its changes from now on (after a cold start)."""
        self.model.set_source(store)
        self._follow(store, bridge)

    def _follow(self, store: Any, bridge: ChangeBridge) -> None:
        bridge.changed.connect(self._on_changes)
        self.saved.set_store(store)
        self.counter = ViewCounter(store.count_views, self)
        self.counter.counted.connect(self._show_counts)
        self._count_queries_changed()

    def set_commands(self, commands: TicketCommands, macros: Any) -> None:
        """Enable bulk actions (`macros`: a callable listing the workspace's macros)."""
        self.bulk_bar.set_commands(commands, macros)
        self.model.set_agent_names(lambda: {a.id: a.display_name for a in commands.agents()})

    def close_counts(self) -> None:
        if self.counter is not None:
            self.counter.close()

    # --- commands ----------------------------------------------------------------------------

    def set_view(self, view: str) -> None:
        """Show a built-in view; the filter bar's choices stay as they are."""
        self._view = view
        self._saved_id = None
        self.views_panel.select(f"view:{view}")
        self._requery()

    def open_saved_view(self, view_id: int) -> None:
        saved = self.saved.find(view_id)
        if saved is None:
            return
        self._view = saved.query.view
        self._saved_id = view_id
        self.views_panel.select(f"saved:{view_id}")
        self.filter_bar.set_filters(filters_of(saved.query))
        self._requery()

    def current_view(self) -> str:
        return self._view

    def current_filters(self) -> Filters:
        query = self.model.query()
        return self.filter_bar.filters(Filters(sort=query.sort, descending=query.descending))

    def current_query(self) -> TicketQuery:
        return query_for(self._view, self._me_id, self.current_filters())

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self.table.show_sort(self.model.query())

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def move(self, delta: int) -> None:
        """j / k: the next or previous ticket (opens it, like arrowing through the list)."""
        self.table.move_current(delta)

    def open_current(self) -> None:
        current = self.table.currentIndex()
        ticket = self.model.ticket_at(current.row()) if current.isValid() else None
        if ticket is not None:
            self._open_timer.stop()
            self._selected_id = ticket.id
            self.ticket_selected.emit(ticket.id)

    def selected_ticket_id(self) -> int | None:
        return self._selected_id

    def select_ticket(self, ticket_id: int) -> bool:
        row = self.model.row_of(ticket_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    @property
    def bulk_bar(self) -> BulkBar:
        if self._bulk_bar is None:
            from console.ui.inbox.bulk_bar import BulkBar

            bar = self._bulk_bar = BulkBar(self.selected_targets, self._me_id)
            self._list_layout.insertWidget(2, bar)
            bar.applied.connect(self.notice)
            bar.retranslate()
        return self._bulk_bar

    def selected_targets(self) -> list[BulkTarget]:
        from console.ui.inbox.bulk_bar import BulkTarget

        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        targets = []
        for row in rows:
            ticket = self.model.ticket_at(row)
            if ticket is not None:
                targets.append(BulkTarget(ticket.id, ticket.tags))
        return targets

    def retranslate(self) -> None:
        self.views_panel.retranslate()
        self.filter_bar.retranslate()
        if self._bulk_bar is not None:
            self._bulk_bar.retranslate()
        self.model.retranslate()
        self.empty_label.setText(tr("No tickets match this view and its filters."))
        self._update_title()

    # --- reactions ---------------------------------------------------------------------------

    def _requery(self) -> None:
        query = self.current_query()
        if query != self.model.query():
            self.model.set_query(query)
        else:
            self._update_title()

    def _sync_sort_from_model(self) -> None:
        self.table.show_sort(self.model.query())

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("tickets") or batch.touches("sla") or batch.touches("escalations"):
            self.model.refresh()
            if self.counter is not None:
                self.counter.request()
        if batch.touches("saved_views"):
            self.saved.reload()

    def _on_tick(self) -> None:
        self.model.refresh_times()
        if self.counter is not None:
            self.counter.request()  # "due soon" and "breached" grow with the clock

    def _count_queries_changed(self) -> None:
        if self.counter is None:
            return
        queries = [builtin_query(view.key, self._me_id) for view in BUILTIN_VIEWS]
        queries += [saved.query for saved in self.saved.views()]
        self.counter.set_queries(queries)

    def _show_counts(self, queries: tuple[TicketQuery, ...], counts: list[int]) -> None:
        keys = [f"view:{view.key}" for view in BUILTIN_VIEWS]
        keys += [f"saved:{saved.id}" for saved in self.saved.views()]
        for key, count in zip(keys, counts, strict=False):
            self.views_panel.set_count(key, count)

    def _after_refresh(self) -> None:
        self._update_title()
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self._restore_selection()

    def _restore_selection(self) -> None:
        """Rows move when tickets change: keep the agent's tickets selected, without reopening.

        They are looked for on the rows the table shows (read for painting anyway) and in the
        pages still loaded, so a change costs no page reads beyond the ones on screen."""
        wanted = self._selected_ids or ([self._selected_id] if self._selected_id else [])
        if not wanted:
            return
        near = self._shown_rows()
        rows = self.model.rows_of(wanted, near=near)
        selection_model = self.table.selectionModel()
        blocked = selection_model.blockSignals(True)
        try:
            selection = QItemSelection()
            last = self.model.columnCount() - 1
            for row in rows:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            selection_model.select(selection, flags)
            current = (
                self.model.rows_of([self._selected_id], near=near) if self._selected_id else []
            )
            if current:
                selection_model.setCurrentIndex(
                    self.model.index(current[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            selection_model.blockSignals(blocked)
        self.table.viewport().update()

    def _shown_rows(self) -> range:
        """The rows on screen (or about to be, right after a reset)."""
        table = self.table
        height = table.viewport().height()
        first = max(0, table.rowAt(0))
        last = table.rowAt(max(0, height - 1))
        if last < 0:
            last = first + height // max(1, table.verticalHeader().defaultSectionSize()) + 1
        return range(first, last + 1)

    def _update_title(self) -> None:
        saved = self.saved.find(self._saved_id) if self._saved_id is not None else None
        label = _VIEW_LABELS.get(self._view)
        self.title.setText(saved.name if saved is not None else label() if label else self._view)
        total = self.model.rowCount()
        if self.model.is_capped():
            self.count_label.setText(tr("{count}+ tickets", count=number(total)))
        else:
            self.count_label.setText(tr("{count} tickets", count=number(total)))

    def _on_current_row(self, current, _previous) -> None:
        ticket = self.model.ticket_at(current.row()) if current.isValid() else None
        if ticket is None:
            return
        self._selected_id = ticket.id
        self._open_timer.start()

    def _on_selection(self, _selected, _deselected) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) >= 2 or self._bulk_bar is not None:
            self.bulk_bar.set_count(len(rows))
        if len(rows) > 200:
            self._selected_ids = []  # too many to carry over a refresh; the count still shows
            return
        ids = []
        for index in rows:
            ticket = self.model.ticket_at(index.row())
            if ticket is not None:
                ids.append(ticket.id)
        self._selected_ids = ids

    def _emit_selected(self) -> None:
        if self._selected_id is not None:
            self.ticket_selected.emit(self._selected_id)
