"""The whole window from a filled cache, without a server: routing, live updates, language."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from ui_factories import ME, customer, message, ticket

from console.core.domain import MessageKind
from console.ui.i18n import set_language
from console.ui.inbox.ticket_table_model import Column
from console.ui.session import ConsoleSession
from console.ui.ticket.reply_box import draft_key


@pytest.fixture
def session(qtbot, store) -> Iterator[ConsoleSession]:
    store.upsert_tickets([ticket(i) for i in range(1, 51)])
    store.upsert_messages(
        [
            message(1, 50, MessageKind.CUSTOMER, "我的提币还没到账"),
            message(2, 50, MessageKind.NOTE, "checked the chain: 2 confirmations"),
        ]
    )
    store.upsert_customer(customer(ticket(50).customer_uid))
    built = ConsoleSession(store, ME, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.bridge.close()
    set_language("en")


def _open(qtbot, window, ticket_id: int) -> None:
    assert window.inbox.select_ticket(ticket_id)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == ticket_id, timeout=2000)


def test_window_shows_the_cached_inbox_and_the_demo_banner(session):
    window = session.window
    assert window.inbox.model.rowCount() == 50
    assert not window.banner.isHidden()
    assert window.current_page() == "inbox"
    assert window.connection.state() == "connecting"
    assert window.ticket_view.currentIndex() == 0  # nothing selected yet


def test_selecting_a_ticket_opens_it_from_the_cache(qtbot, session):
    window = session.window
    _open(qtbot, window, 50)
    view = window.ticket_view
    assert view.header.subject.text() == "Ticket number 50"
    assert [b.message.body for b in view.conversation.bubbles] == [
        "我的提币还没到账",
        "checked the chain: 2 confirmations",
    ]
    assert view.customer_panel.fields["uid"].text() == ticket(50).customer_uid
    assert not view.reply_box.send_button.isEnabled()  # no server attached yet


def test_drafts_come_back_when_a_ticket_is_reopened(qtbot, session, store):
    window = session.window
    _open(qtbot, window, 50)
    qtbot.keyClicks(window.ticket_view.reply_box.editor, "half-written answer")
    _open(qtbot, window, 49)
    assert window.ticket_view.reply_box.text() == ""
    assert store.draft(draft_key(50)) == "half-written answer"
    _open(qtbot, window, 50)
    assert window.ticket_view.reply_box.text() == "half-written answer"


def test_open_ticket_follows_changes_from_another_thread(qtbot, session, store):
    window = session.window
    _open(qtbot, window, 50)
    arriving = message(3, 50, MessageKind.CUSTOMER, "any news?")
    writer = threading.Thread(target=store.upsert_messages, args=([arriving],))
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: len(window.ticket_view.conversation.bubbles) == 3, timeout=2000)
    changed = ticket(50, subject="Escalated: withdrawal missing", version=2)
    threading.Thread(target=store.upsert_tickets, args=([changed],)).start()
    qtbot.waitUntil(
        lambda: window.ticket_view.header.subject.text() == "Escalated: withdrawal missing",
        timeout=2000,
    )
    assert window.inbox.model.index(0, Column.SUBJECT).data() == "Escalated: withdrawal missing"


def test_a_refused_status_change_is_shown_with_retry(qtbot, session, store):
    window = session.window
    _open(qtbot, window, 50)
    item = store.queue_ticket_update(50, {"status": "solved"}, "key-1")
    store.mark_sending(item)
    store.mark_failed(item, "Someone else changed this ticket first.")
    bar = window.ticket_view.failed_changes
    qtbot.waitUntil(lambda: not bar.isHidden(), timeout=2000)
    [row] = bar.rows
    text = row.findChild(QLabel, "failedChangeText").text()
    assert text == (
        "Your change (status to Solved) was not saved: Someone else changed this ticket first."
    )
    buttons = row.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Retry", "Discard"]
    buttons[0].click()
    qtbot.waitUntil(bar.isHidden, timeout=2000)
    assert store.outbox_item(item).state == "queued"


def test_language_switch_applies_at_once(qtbot, session):
    window = session.window
    _open(qtbot, window, 50)
    window.show_page("settings")
    box = window.settings.language_box
    box.activated.emit(box.findData("zh_CN"))

    assert window.settings.title.text() == "设置"
    assert window.inbox.title.text() == "全部未结"
    assert window.inbox.views_panel.label_of("view:open") == "全部未结"
    assert window.inbox.model.headerData(Column.SUBJECT, Qt.Orientation.Horizontal, 0) == "主题"
    assert window.inbox.model.index(0, Column.STATUS).data() == "处理中"
    assert window.rail.buttons["inbox"].toolTip() == "收件箱"
    assert window.banner.text().startswith("演示工作区")
    assert window.connection.text() == "● 正在连接…"
    assert window.ticket_view.reply_box.reply_button.text() == "回复"
    assert window.ticket_view.conversation.bubbles[1].kind_tag.text() == "内部备注"
    assert window.ticket_view.header.status_caption.text() == "状态"
    assert window.ticket_view.customer_panel.fields["account"].text() == "已冻结"
    assert window.windowTitle() == "客服工作台 — Demo"

    box.activated.emit(box.findData("en"))
    assert window.inbox.title.text() == "All open"
    assert window.ticket_view.header.status_caption.text() == "Status"
