"""The inbox view over a real Store: views and live counts, filters, sort, search, saved views,
bulk actions through the outbox."""

from __future__ import annotations

import threading
import uuid

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from ui_factories import ticket

from console.api.schemas import TicketUpdate
from console.core.domain import Channel, Priority, TicketStatus
from console.ui.change_bridge import ChangeBridge
from console.ui.inbox.filter_bar import SEARCH_DEBOUNCE_MS
from console.ui.inbox.inbox_view import InboxView
from console.ui.inbox.ticket_table_model import Column

WAIT = SEARCH_DEBOUNCE_MS * 6


class QueueingCommands:
    """The session's bulk-relevant commands, queueing into the Store the way the engine does."""

    def __init__(self, store) -> None:
        self.store = store
        self.macro_calls: list[tuple[list[int], int]] = []

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None:
        payload = update.model_dump(mode="json", exclude_unset=True)
        self.store.queue_ticket_update(ticket_id, payload, str(uuid.uuid4()))

    def apply_macro(self, ticket_ids, macro_id: int) -> int:
        self.macro_calls.append((list(ticket_ids), macro_id))
        return len(ticket_ids)

    def agents(self):
        return []


@pytest.fixture
def inbox(qtbot, store, me):
    store.upsert_tickets(
        [
            ticket(
                i,
                assignee_id=me.id if i % 10 == 0 else None,
                channel=Channel.TELEGRAM if i % 3 == 0 else Channel.EMAIL,
                priority=Priority.URGENT if i % 50 == 0 else Priority.NORMAL,
                customer_vip_tier=2 if i % 25 == 0 else 0,
            )
            for i in range(1, 301)
        ]
        + [ticket(301, subject="Deposit missing 提币", status=TicketStatus.SOLVED)]
    )
    bridge = ChangeBridge(store.hub)
    view = InboxView(store, bridge, me.id)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    yield view
    view.close_counts()
    bridge.close()


def _count(inbox, key):
    return inbox.views_panel.count_of(key)


def test_views_panel_selects_views_and_shows_counts(inbox, qtbot):
    assert inbox.model.rowCount() == 300  # all open
    qtbot.waitUntil(lambda: _count(inbox, "view:all") == 301, timeout=3000)
    assert _count(inbox, "view:mine") == 30
    assert _count(inbox, "view:unassigned") == 270
    assert _count(inbox, "view:vip") == 12
    inbox.views_panel.setCurrentItem(inbox.views_panel._items["view:mine"])
    assert inbox.current_view() == "mine" and inbox.model.rowCount() == 30
    assert inbox.title.text() == "My open"
    inbox.set_view("all")
    assert inbox.count_label.text() == "301 tickets"


def test_counts_follow_store_changes_from_another_thread(inbox, qtbot, store, me):
    qtbot.waitUntil(lambda: _count(inbox, "view:mine") == 30, timeout=3000)
    writer = threading.Thread(target=store.upsert_tickets, args=([ticket(302, assignee_id=me.id)],))
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: _count(inbox, "view:mine") == 31, timeout=3000)
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 301, timeout=3000)


def test_filters_drive_the_store_query(inbox, qtbot):
    box = inbox.filter_bar.boxes["channel"]
    box.setCurrentIndex(box.findData("telegram"))
    assert inbox.model.query().channel == "telegram"
    assert inbox.model.rowCount() == 100
    assert box.property("active") is True
    priority = inbox.filter_bar.boxes["priority"]
    priority.setCurrentIndex(priority.findData("urgent"))
    assert inbox.model.rowCount() == 2  # 150 and 300
    inbox.set_view("mine")  # the filters stay while the view changes
    assert inbox.model.query().view == "mine" and inbox.model.rowCount() == 2
    inbox.filter_bar.clear()
    assert inbox.model.query().channel is None and inbox.model.rowCount() == 30


def test_header_click_sorts_in_the_store(inbox):
    header = inbox.table.horizontalHeader()
    header.sectionClicked.emit(Column.PRIORITY)
    query = inbox.model.query()
    assert (query.sort, query.descending) == ("priority", True)
    assert inbox.model.ticket_at(0).priority == Priority.URGENT
    assert header.sortIndicatorSection() == Column.PRIORITY
    header.sectionClicked.emit(Column.PRIORITY)
    assert inbox.model.query().descending is False
    header.sectionClicked.emit(Column.CHANNEL)  # not orderable
    assert inbox.model.query().sort == "priority"
    assert header.sortIndicatorSection() == Column.PRIORITY


def test_search_is_debounced_and_filters(inbox, qtbot):
    inbox.set_view("all")
    qtbot.keyClicks(inbox.search, "deposit")
    assert inbox.model.rowCount() == 301  # not yet: the agent may still be typing
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    assert inbox.model.ticket_at(0).id == 301
    inbox.search.clear()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 301, timeout=WAIT)
    inbox.search.setText("提币")
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1, timeout=WAIT)
    inbox.search.setText("#42")
    qtbot.waitUntil(lambda: inbox.model.query().text == "#42", timeout=WAIT)
    assert [inbox.model.ticket_at(r).id for r in range(inbox.model.rowCount())] == [42]


def test_saved_views_persist_for_a_new_inbox(inbox, qtbot, store, me):
    box = inbox.filter_bar.boxes["channel"]
    box.setCurrentIndex(box.findData("telegram"))
    inbox.table.horizontalHeader().sectionClicked.emit(Column.PRIORITY)
    inbox.saved.ask_name = lambda _parent, _suggestion: "Telegram <b>urgent</b>"
    inbox.filter_bar.save_button.click()
    [saved] = store.saved_views(me.id)
    assert saved.query.channel == "telegram" and saved.query.sort == "priority"
    assert inbox.views_panel.current_key() == f"saved:{saved.id}"
    assert inbox.title.text() == "Telegram <b>urgent</b>"
    assert inbox.title.textFormat() == Qt.TextFormat.PlainText

    bridge = ChangeBridge(store.hub)
    fresh = InboxView(store, bridge, me.id)
    qtbot.addWidget(fresh)
    try:
        assert fresh.model.query().channel is None
        assert fresh.views_panel.label_of(f"saved:{saved.id}") == "Telegram <b>urgent</b>"
        fresh.views_panel.setCurrentItem(fresh.views_panel._items[f"saved:{saved.id}"])
        assert fresh.model.query().channel == "telegram"
        assert fresh.filter_bar.boxes["channel"].value() == "telegram"
        assert fresh.model.rowCount() == 100
        qtbot.waitUntil(lambda: fresh.views_panel.count_of(f"saved:{saved.id}") == 100)
        fresh.saved.ask_delete = lambda _parent, _name: True
        fresh.views_panel.delete_requested.emit(saved.id)
        assert store.saved_views(me.id) == []
        assert fresh.current_view() == "open"
    finally:
        fresh.close_counts()
        bridge.close()


def test_bulk_status_queues_one_outbox_item_per_ticket(inbox, qtbot, store):
    commands = QueueingCommands(store)
    inbox.set_commands(commands, list)
    asked = []
    inbox.bulk_bar.confirm = lambda _parent, text: asked.append(text) or True
    selection = inbox.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1, 2):
        selection.select(inbox.model.index(row, 0), flags)
    assert not inbox.bulk_bar.isHidden()
    assert inbox.bulk_bar.count_label.text() == "3 selected"
    ids = [t.id for t in inbox.selected_targets()]
    assert inbox.bulk_bar.set_status(TicketStatus.PENDING) == 3
    assert asked == ["Set 3 tickets to “Pending”?"]
    pending = store.pending_outbox()
    assert sorted(item.target_id for item in pending) == sorted(ids)
    assert all(item.payload == {"status": "pending"} for item in pending)
    assert all(store.ticket(i).status == TicketStatus.PENDING for i in ids)
    assert inbox.bulk_bar.apply_macro(5, "Withdrawal delay") == 3
    assert commands.macro_calls == [(ids, 5)]


def test_bulk_action_cancelled_queues_nothing(inbox, store):
    inbox.set_commands(QueueingCommands(store), list)
    inbox.bulk_bar.confirm = lambda _parent, _text: False
    inbox.table.selectAll()
    assert inbox.bulk_bar.assign(None, "nobody") == 0
    assert store.pending_outbox() == []


def test_live_refresh_keeps_the_selection(inbox, qtbot, store):
    inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: inbox.selected_ticket_id() == 300)
    writer = threading.Thread(target=store.upsert_tickets, args=([ticket(302)],))
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 301, timeout=2000)
    assert inbox.model.ticket_at(0).id == 302
    selected = inbox.table.selectionModel().selectedRows()
    assert [inbox.model.ticket_at(i.row()).id for i in selected] == [300]
