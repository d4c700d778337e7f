"""The inbox model pages through the store; filters, sort and search happen in SQL."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import Qt
from ui_factories import BASE_TIME, ticket

from console.api.schemas import SlaOut
from console.core.domain import Channel, Priority, SlaState, TicketStatus
from console.store import TicketQuery
from console.ui.i18n import set_language
from console.ui.inbox.sla_cell import sla_cell
from console.ui.inbox.ticket_table_model import (
    MAX_CACHED_PAGES,
    PAGE_SIZE,
    Column,
    TicketTableModel,
)


def test_pages_through_thousands_of_rows_newest_first(store):
    store.upsert_tickets([ticket(i) for i in range(1, 2501)])
    model = TicketTableModel(store, TicketQuery(view="all"))

    assert model.rowCount() == 2500
    assert model.index(0, Column.ID).data() == "#2500"
    assert model.index(2499, Column.ID).data() == "#1"
    assert model.index(PAGE_SIZE, Column.SUBJECT).data() == f"Ticket number {2500 - PAGE_SIZE}"
    for row in range(0, 2500, 97):
        assert model.ticket_at(row).id == 2500 - row
    assert len(model._pages) <= MAX_CACHED_PAGES


def test_views_select_open_mine_unassigned_and_all(store, me):
    store.upsert_tickets(
        [
            ticket(1, assignee_id=me.id),
            ticket(2, assignee_id=me.id, status=TicketStatus.SOLVED),
            ticket(3),
            ticket(4, assignee_id=99),
            ticket(5, status=TicketStatus.CLOSED),
            ticket(6, status=TicketStatus.PENDING),
        ]
    )

    def ids(view: str) -> list[int]:
        model = TicketTableModel(store, TicketQuery(view=view, me_id=me.id))
        return [model.ticket_at(row).id for row in range(model.rowCount())]

    assert ids("open") == [6, 4, 3, 1]
    assert ids("mine") == [1]
    assert ids("unassigned") == [6, 3]
    assert ids("all") == [6, 5, 4, 3, 2, 1]
    assert ids("pending") == [6]


def test_header_sort_asks_the_store_for_the_order(store):
    store.upsert_tickets(
        [
            ticket(1, priority=Priority.LOW, subject="b"),
            ticket(2, priority=Priority.URGENT, subject="c"),
            ticket(3, priority=Priority.HIGH, subject="a"),
        ]
    )
    model = TicketTableModel(store, TicketQuery(view="all"))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.sort(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    assert (model.query().sort, model.query().descending) == ("priority", True)
    assert [model.ticket_at(r).id for r in range(3)] == [2, 3, 1]
    model.sort(Column.SUBJECT, Qt.SortOrder.AscendingOrder)
    assert [model.ticket_at(r).id for r in range(3)] == [3, 1, 2]
    model.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)  # not orderable: ignored
    assert model.query().sort == "subject"
    assert len(resets) == 2


def test_set_query_filters_text_in_sql(store):
    store.upsert_tickets(
        [
            ticket(1, subject="Withdrawal stuck on TRC20"),
            ticket(2, subject="提币没有到账", language="zh"),
            ticket(3, subject="API key question", customer_uid="U55500001"),
        ]
    )
    model = TicketTableModel(store, TicketQuery(view="all"))
    model.set_query(TicketQuery(view="all", text="withdrawal"))
    assert [model.ticket_at(r).id for r in range(model.rowCount())] == [1]
    model.set_query(TicketQuery(view="all", text="提币"))
    assert [model.ticket_at(r).id for r in range(model.rowCount())] == [2]
    model.set_query(TicketQuery(view="all", text="U55500001"))
    assert [model.ticket_at(r).id for r in range(model.rowCount())] == [3]
    model.set_query(TicketQuery(view="all", text="#2"))
    assert [model.ticket_at(r).id for r in range(model.rowCount())] == [2]


def test_cells_show_labels_states_and_names(store, me):
    store.upsert_tickets(
        [
            ticket(
                1,
                priority="urgent",
                status="new",
                channel=Channel.TELEGRAM,
                assignee_id=me.id,
                customer_name="王伟",
                customer_vip_tier=3,
            )
        ]
    )
    model = TicketTableModel(store, TicketQuery(view="all"), me_id=me.id)
    assert model.index(0, Column.PRIORITY).data() == "Urgent"
    assert model.index(0, Column.PRIORITY).data(model.ToneRole) == "urgent"
    assert model.index(0, Column.STATUS).data() == "New"
    assert model.index(0, Column.CHANNEL).data() == "Telegram"
    assert model.index(0, Column.CUSTOMER).data() == "王伟"
    assert model.index(0, Column.CUSTOMER).data(model.VipRole) == 3
    assert model.index(0, Column.ASSIGNEE).data() == "Me"
    assert model.index(0, Column.SUBJECT).data(Qt.ItemDataRole.FontRole).bold()


def _sla(first_due_min: int, **overrides) -> SlaOut:
    values = {
        "policy_priority": Priority.HIGH,
        "first_response_due_at": BASE_TIME + timedelta(minutes=first_due_min),
        "resolution_due_at": BASE_TIME + timedelta(hours=24),
    }
    values.update(overrides)
    return SlaOut(**values)


def test_sla_cells_show_ok_due_soon_breached_paused():
    now = BASE_TIME + timedelta(minutes=100)
    ok = ticket(1, sla=_sla(240))
    soon = ticket(2, sla=_sla(105))
    late = ticket(3, sla=_sla(60))
    paused = ticket(4, sla=_sla(240, paused_since=BASE_TIME + timedelta(minutes=30)))
    assert sla_cell(ok, now).state is SlaState.OK and sla_cell(ok, now).text == "2h 20m"
    assert sla_cell(soon, now).state is SlaState.DUE_SOON
    assert sla_cell(late, now).state is SlaState.BREACHED and sla_cell(late, now).text == "−40m"
    assert sla_cell(paused, now).state is SlaState.PAUSED
    assert sla_cell(ticket(5), now).state is SlaState.NONE


def test_sla_column_refreshes_without_a_reset(store, qtbot):
    store.upsert_tickets([ticket(1, sla=_sla(60))])
    model = TicketTableModel(store, TicketQuery(view="all"))
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_times()
    assert blocker.args[0].column() == Column.SLA and not resets


def test_preview_tooltip_is_escaped(store):
    store.upsert_tickets([ticket(1, last_message_preview="<b>bold</b><script>x()</script>")])
    model = TicketTableModel(store, TicketQuery(view="all"))
    tip = model.index(0, Column.SUBJECT).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tip and "&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;" in tip


def test_refresh_grows_and_shrinks_the_row_count(store, qtbot):
    store.upsert_tickets([ticket(i) for i in range(1, 11)])
    model = TicketTableModel(store, TicketQuery(view="open"))
    assert model.rowCount() == 10
    writer = threading.Thread(target=store.upsert_tickets, args=([ticket(11), ticket(12)],))
    writer.start()
    writer.join()
    with qtbot.waitSignal(model.rowsInserted):
        model.refresh()
    assert model.rowCount() == 12 and model.ticket_at(0).id == 12
    store.upsert_tickets([ticket(12, status=TicketStatus.SOLVED, version=2)])
    with qtbot.waitSignal(model.rowsRemoved):
        model.refresh()
    assert model.rowCount() == 11 and model.ticket_at(0).id == 11


def test_headers_follow_the_language(store):
    model = TicketTableModel(store, TicketQuery(view="all"))
    assert model.headerData(Column.SUBJECT, Qt.Orientation.Horizontal, 0) == "Subject"
    set_language("zh_CN")
    model.retranslate()
    assert model.headerData(Column.SUBJECT, Qt.Orientation.Horizontal, 0) == "主题"
