"""Chats in the window: the page is built when first shown, the rail badge counts offers and
unread customer messages, and a chat notification plays the alert, shows a toast and a tray
message (also while the window has focus) and opens the chat when clicked."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from chat_fixtures import chat_message, conversation, offer
from PySide6.QtCore import QPoint, Qt
from ui_factories import ME

from console.store import Store
from console.sync.notifications import Notification
from console.ui.chat.chat_pages import badge_count
from console.ui.session import ConsoleSession


@pytest.fixture
def session(qtbot, store: Store) -> Iterator[ConsoleSession]:
    store.chats.put_conversations(
        [conversation(1, customer_name="王小明", last_seq=2), offer(2, customer_name="Kim")]
    )
    store.chats.put_messages(
        [
            chat_message(1, 1, "customer", "我的提币还没到账"),
            chat_message(1, 2, "customer", "在吗？"),
        ]
    )
    built = ConsoleSession(store, ME, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.bridge.close()


def test_the_chat_page_is_built_when_first_shown(session: ConsoleSession) -> None:
    window = session.window
    pages = window.chat_pages
    assert pages is not None and pages.page is None
    assert window.rail.buttons["chats"].isEnabled()
    window.rail.buttons["chats"].click()
    assert window.current_page() == "chats"
    assert pages.page is not None and window.pages.currentWidget() is pages.page


def test_the_chat_ui_is_not_imported_for_the_first_paint() -> None:
    """What the cold start imports before the first paint pulls in nothing of console.ui.chat."""
    code = (
        "import sys, console.ui.launcher, console.ui.shell.main_window; "
        "print(sorted(m for m in sys.modules if m.startswith('console.ui.chat')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_rail_badge_counts_offers_and_unread(qtbot, session: ConsoleSession, store: Store):
    window = session.window
    assert badge_count(store.chats, ME.id) == 3  # one offer + two unread
    assert window.rail.badge("chats") == 3
    store.chats.put_messages([chat_message(1, 3, "customer", "hello?")])
    qtbot.waitUntil(lambda: window.rail.badge("chats") == 4, timeout=2000)
    window.show_page("chats")
    window.chat_pages.open_chat(1)  # reading the chat marks it read (through the session)
    assert "(4)" in window.rail.buttons["chats"].toolTip()


def test_a_chat_notification_sounds_toasts_and_opens_the_chat(
    qtbot, session: ConsoleSession
) -> None:
    window = session.window
    window.activateWindow()  # focused: chats still notify
    note = Notification("chat_offered", 0, "Kim", "deposit_withdrawal", conversation_id=2)
    session.notification.emit(note)
    notifier = window.notifier
    assert notifier.sound.played == 1
    toasts = notifier.toasts.visible_toasts()
    assert len(toasts) == 1 and toasts[0].conversation_id == 2
    assert toasts[0].heading.text() == "Chat offered to you"
    assert toasts[0].body.text() == "Deposit & withdrawal"  # the topic, as agents read it
    if notifier.tray is not None:
        assert notifier.tray.shown[-1][0] == toasts[0].heading.text()
    qtbot.mouseClick(toasts[0], Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert window.current_page() == "chats"
    assert window.chat_pages.page is not None and window.chat_pages.page.current() == 2


def test_a_new_customer_message_notifies_with_its_text(session: ConsoleSession) -> None:
    notifier = session.window.notifier
    notifier.notify(Notification("chat_message", 0, "王小明", "<b>在吗</b>", conversation_id=1))
    toast = notifier.toasts.visible_toasts()[-1]
    assert toast.body.text() == "<b>在吗</b>"
    assert toast.body.textFormat() == Qt.TextFormat.PlainText
    assert notifier.sound.played == 1


def test_ticket_notifications_stay_silent(session: ConsoleSession) -> None:
    notifier = session.window.notifier
    notifier.notify(Notification("customer_reply", 5, "Subject", "text"))
    assert notifier.sound.played == 0
