"""What the inbox paints is worked out once and kept, and still follows every change: a new
ticket version, an optimistic local edit, the 30-second clock, selection and the language.
Each query change costs one round of store reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint
from PySide6.QtGui import QColor, QImage
from ui_factories import ticket

import console.ui.inbox.ticket_table_model as table_model
from console.api.schemas import SlaOut
from console.core.domain import Priority, TicketStatus
from console.store import TicketQuery
from console.ui.change_bridge import ChangeBridge
from console.ui.i18n import set_language
from console.ui.inbox.inbox_view import InboxView
from console.ui.inbox.ticket_table import TicketTable
from console.ui.inbox.ticket_table_model import Column, TicketTableModel


class _Clock:
    """Stands in for the model module's `datetime`: `now()` is whatever the test says."""

    def __init__(self, now: datetime) -> None:
        self.now_value = now

    def now(self, tz=None) -> datetime:
        return self.now_value


@pytest.fixture
def clock(monkeypatch) -> _Clock:
    fake = _Clock(datetime.now(UTC).replace(second=5, microsecond=0))
    monkeypatch.setattr(table_model, "datetime", fake)
    return fake


def _sla_due_in(now: datetime, minutes: int) -> SlaOut:
    return SlaOut(
        policy_priority=Priority.HIGH,
        first_response_due_at=now + timedelta(minutes=minutes),
        resolution_due_at=now + timedelta(hours=24),
    )


def _table(qtbot, model) -> TicketTable:
    table = TicketTable(model)
    qtbot.addWidget(table)
    table.resize(1000, 400)
    table.show()
    table.viewport().repaint()
    return table


def _cell(table: TicketTable, row: int, column: int) -> QImage:
    return table.viewport().grab(table.visualRect(table.model().index(row, column))).toImage()


def _background(table: TicketTable, row: int, column: int = Column.SUBJECT) -> QColor:
    rect = table.visualRect(table.model().index(row, column))
    image = table.viewport().grab().toImage()
    return image.pixelColor(QPoint(rect.left() + 2, rect.top() + 2))


def test_a_new_version_shows_new_text(store, qtbot):
    store.upsert_tickets([ticket(1, subject="Withdrawal stuck")])
    model = TicketTableModel(store, TicketQuery(view="all"))
    table = _table(qtbot, model)
    assert model.row_cells(0).texts[Column.SUBJECT] == "Withdrawal stuck"
    before = _cell(table, 0, Column.SUBJECT)

    store.upsert_tickets([ticket(1, subject="Withdrawal arrived", version=2)])
    model.refresh()
    table.viewport().repaint()
    assert model.row_cells(0).texts[Column.SUBJECT] == "Withdrawal arrived"
    assert model.index(0, Column.SUBJECT).data() == "Withdrawal arrived"
    assert _cell(table, 0, Column.SUBJECT) != before


def test_an_optimistic_edit_without_a_new_version_shows_too(store, qtbot):
    store.upsert_tickets([ticket(1)])
    model = TicketTableModel(store, TicketQuery(view="all"))
    _table(qtbot, model)
    assert model.row_cells(0).texts[Column.STATUS] == "Open"
    store.queue_ticket_update(1, {"status": "pending"}, "key-1")
    assert store.ticket(1).version == 1  # same version, other content
    model.refresh()
    assert model.row_cells(0).texts[Column.STATUS] == "Pending"
    assert model.row_cells(0).tones[Column.STATUS] == "pending"


def test_the_clock_tick_moves_sla_and_updated_texts(store, qtbot, clock):
    now = clock.now_value
    store.upsert_tickets(
        [
            ticket(
                1,
                created_at=now - timedelta(hours=1),
                updated_at=now - timedelta(minutes=3),
                sla=_sla_due_in(now, 40),
            )
        ]
    )
    model = TicketTableModel(store, TicketQuery(view="all"))
    table = _table(qtbot, model)
    cells = model.row_cells(0)
    assert cells.texts[Column.SLA] == "40m" and cells.tones[Column.SLA] == "ok"
    assert cells.texts[Column.UPDATED] == "3 min. ago"
    assert model.row_cells(0) is cells  # kept while nothing changes
    sla_before = _cell(table, 0, Column.SLA)

    clock.now_value = now + timedelta(seconds=30)
    model.refresh_times()
    table.viewport().repaint()
    assert model.row_cells(0).texts[Column.SLA] == "39m"  # 39m 30s left
    assert _cell(table, 0, Column.SLA) != sla_before
    clock.now_value = now + timedelta(minutes=30)
    model.refresh_times()
    table.viewport().repaint()
    cells = model.row_cells(0)
    assert cells.texts[Column.SLA] == "10m" and cells.tones[Column.SLA] == "due_soon"
    assert cells.texts[Column.UPDATED] == "33 min. ago"
    assert model.index(0, Column.SLA).data() == "10m"


def test_the_inbox_tick_refreshes_the_times(store, qtbot, me, clock):
    now = clock.now_value
    store.upsert_tickets([ticket(1, created_at=now, updated_at=now, sla=_sla_due_in(now, 20))])
    bridge = ChangeBridge(store.hub)
    inbox = InboxView(store, bridge, me.id)
    qtbot.addWidget(inbox)
    try:
        assert inbox._tick.interval() == 30_000 and inbox._tick.isActive()
        assert inbox.model.row_cells(0).texts[Column.SLA] == "20m"
        clock.now_value = now + timedelta(minutes=5)
        inbox._tick.timeout.emit()
        assert inbox.model.row_cells(0).texts[Column.SLA] == "15m"
    finally:
        inbox.close_counts()
        bridge.close()


def test_repaints_reuse_painted_cells_and_selection_shows(store, qtbot):
    store.upsert_tickets(
        [ticket(i, status=TicketStatus.NEW if i == 3 else "open") for i in (1, 2, 3)]
    )
    model = TicketTableModel(store, TicketQuery(view="all"))
    table = _table(qtbot, model)
    delegate = table.itemDelegate()
    first = table.viewport().grab().toImage()
    assert delegate.cached_rows() == 3  # each row painted is kept as one pixmap
    table.viewport().repaint()
    assert delegate.cached_rows() == 3  # and repainted from it
    assert table.viewport().grab().toImage() == first

    assert _background(table, 0) == QColor("#ffffff")
    assert _background(table, 1) == QColor("#f9fafb")  # alternate rows
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.selectionModel().select(model.index(1, 0), flags)
    assert _background(table, 1) == QColor("#dbe7fb")
    assert _background(table, 0) == QColor("#ffffff")
    table.selectionModel().clearSelection()
    assert _background(table, 1) == QColor("#f9fafb")


def test_cjk_text_is_painted_and_elided(store, qtbot):
    long = "提币一直显示处理中，已经过去十二小时，请帮忙查一下交易哈希" * 4
    store.upsert_tickets([ticket(1, subject=long), ticket(2, subject="")])
    model = TicketTableModel(store, TicketQuery(view="all"))
    table = _table(qtbot, model)
    image = _cell(table, 1, Column.SUBJECT)  # row 1 is ticket 1
    blank = _cell(table, 0, Column.SUBJECT)
    assert image != blank  # glyphs were drawn
    assert model.row_cells(1).texts[Column.SUBJECT] == long  # elided only when painted


def test_a_language_switch_rewords_the_cells(store, qtbot):
    store.upsert_tickets([ticket(1, priority=Priority.URGENT)])
    model = TicketTableModel(store, TicketQuery(view="all"))
    assert model.row_cells(0).texts[Column.PRIORITY] == "Urgent"
    set_language("zh_CN")
    model.retranslate()
    assert model.row_cells(0).texts[Column.PRIORITY] != "Urgent"


class _CountingStore:
    """The Store, counting the ticket reads made on the calling (GUI) thread."""

    def __init__(self, store) -> None:
        self._store = store
        self.calls: list[str] = []

    def query_tickets(self, q, offset, limit):
        self.calls.append("page")
        return self._store.query_tickets(q, offset, limit)

    def count_tickets(self, q):
        self.calls.append("count")
        return self._store.count_tickets(q)

    def count_tickets_capped(self, q, cap=1000):
        self.calls.append("count")
        return self._store.count_tickets_capped(q, cap)

    def __getattr__(self, name):
        return getattr(self._store, name)


@pytest.fixture
def counted(qtbot, store, me):
    store.upsert_tickets(
        [ticket(i, channel="telegram" if i % 3 == 0 else "email") for i in range(1, 301)]
    )
    counting = _CountingStore(store)
    bridge = ChangeBridge(store.hub)
    view = InboxView(counting, bridge, me.id)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.table.viewport().repaint()
    yield view, counting
    view.close_counts()
    bridge.close()


def _one_round(view, counting, change) -> list[str]:
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    counting.calls.clear()
    change()
    view.table.viewport().repaint()
    view.table.viewport().repaint()
    assert len(resets) == 1
    return list(counting.calls)


def test_each_change_costs_one_round_of_reads(counted):
    view, counting = counted
    box = view.filter_bar.boxes["channel"]
    assert _one_round(view, counting, lambda: box.setCurrentIndex(box.findData("email"))) == [
        "page",
        "count",
    ]
    item = view.views_panel._items["view:all"]
    assert _one_round(view, counting, lambda: view.views_panel.setCurrentItem(item)) == [
        "page",
        "count",
    ]
    header = view.table.horizontalHeader()
    assert _one_round(view, counting, lambda: header.sectionClicked.emit(Column.SUBJECT)) == [
        "page",
        "count",
    ]


def test_a_short_answer_needs_no_count_and_a_selection_no_extra_pages(counted, qtbot):
    view, counting = counted
    view.table.selectRow(2)
    qtbot.waitUntil(lambda: view.selected_ticket_id() == 298)

    def search() -> None:
        view.search.setText("Ticket number 29")
        view.filter_bar._search_settled()

    assert _one_round(view, counting, search) == ["page"]  # 29 and 290-299: one short page
    selected = view.table.selectionModel().selectedRows()
    assert [view.model.ticket_at(i.row()).id for i in selected] == [298]


def test_the_delegate_also_paints_single_cells(store, qtbot):
    from PySide6.QtWidgets import QTableView

    from console.ui.inbox.cell_delegates import RowDelegate

    store.upsert_tickets([ticket(1, subject="提币 stuck", customer_vip_tier=2)])
    model = TicketTableModel(store, TicketQuery(view="all"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(RowDelegate(model, view))
    view.resize(900, 200)
    view.show()
    rect = view.visualRect(model.index(0, Column.SUBJECT))
    image = view.viewport().grab(rect).toImage()
    colours = {image.pixelColor(x, rect.height() // 2).name() for x in range(image.width())}
    assert len(colours) > 2  # background and glyphs
