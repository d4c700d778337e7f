"""The inbox model pages through the store and filters in SQL."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from ui_factories import ticket

from console.core.domain import Channel, TicketStatus
from console.store import TicketQuery
from console.ui.i18n import set_language
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


def test_display_roles_show_labels_and_mark_urgency(store):
    store.upsert_tickets([ticket(1, priority="urgent", status="new", channel=Channel.IN_APP)])
    model = TicketTableModel(store, TicketQuery(view="all"))
    assert model.index(0, Column.PRIORITY).data() == "Urgent"
    assert model.index(0, Column.STATUS).data() == "New"
    assert model.index(0, Column.CHANNEL).data() == "In-app"
    assert model.index(0, Column.PRIORITY).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, Column.SUBJECT).data(Qt.ItemDataRole.FontRole).bold()


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
