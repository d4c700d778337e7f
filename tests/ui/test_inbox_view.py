"""The inbox view: view selector, debounced search, live refresh from the change hub."""

from __future__ import annotations

import threading

import pytest
from ui_factories import ticket

from console.core.domain import TicketStatus
from console.ui.change_bridge import ChangeBridge
from console.ui.inbox.inbox_view import SEARCH_DEBOUNCE_MS, InboxView


@pytest.fixture
def inbox(qtbot, store, me):
    store.upsert_tickets(
        [ticket(i, assignee_id=me.id if i % 10 == 0 else None) for i in range(1, 301)]
        + [ticket(301, subject="Deposit missing 提币", status=TicketStatus.SOLVED)]
    )
    bridge = ChangeBridge(store.hub)
    view = InboxView(store, bridge, me.id)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    yield view
    bridge.close()


def test_view_selector_requeries(inbox):
    assert inbox.model.rowCount() == 300
    inbox.view_buttons["mine"].click()
    assert inbox.current_view() == "mine"
    assert inbox.model.rowCount() == 30
    inbox.view_buttons["unassigned"].click()
    assert inbox.model.rowCount() == 270
    inbox.view_buttons["all"].click()
    assert inbox.model.rowCount() == 301
    assert inbox.count_label.text() == "301 tickets"


def test_search_is_debounced_and_filters(inbox, qtbot):
    inbox.set_view("all")
    qtbot.keyClicks(inbox.search, "deposit")
    assert inbox.model.rowCount() == 301  # not yet: the agent may still be typing
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=SEARCH_DEBOUNCE_MS * 4)
    assert inbox.model.ticket_at(0).id == 301
    inbox.search.clear()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 301, timeout=SEARCH_DEBOUNCE_MS * 4)
    inbox.search.setText("提币")
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=SEARCH_DEBOUNCE_MS * 4)


def test_selecting_a_row_announces_the_ticket(inbox, qtbot):
    with qtbot.waitSignal(inbox.ticket_selected, timeout=1000) as blocker:
        inbox.table.selectRow(2)
    assert blocker.args == [298]
    assert inbox.selected_ticket_id() == 298


def test_live_refresh_from_another_thread_keeps_the_selection(inbox, qtbot, store):
    inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: inbox.selected_ticket_id() == 300)
    writer = threading.Thread(target=store.upsert_tickets, args=([ticket(302)],))
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 301, timeout=2000)
    assert inbox.model.ticket_at(0).id == 302
    selected = inbox.table.selectionModel().selectedRows()
    assert [inbox.model.ticket_at(i.row()).id for i in selected] == [300]


def test_a_burst_of_changes_refreshes_once_or_twice(inbox, qtbot, store):
    refreshes = []
    inbox.model.refreshed.connect(lambda: refreshes.append(1))

    def burst() -> None:
        for version in range(2, 102):
            store.upsert_tickets([ticket(5, version=version, subject=f"v{version}")])

    writer = threading.Thread(target=burst)
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: inbox.model.ticket_at(inbox.model.row_of(5)).subject == "v101")
    qtbot.wait(150)
    assert 1 <= len(refreshes) <= 3
