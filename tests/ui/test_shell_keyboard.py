"""The shell's keyboard: list movement, search focus, compose, palette, help sheet, and no
single-key shortcut while typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_factories import ME, ticket

from console.core.domain import MessageKind
from console.ui.notify.toast import Toast
from console.ui.palette.fuzzy import fuzzy_filter, fuzzy_score
from console.ui.session import ConsoleSession
from console.ui.shell.keyboard import SHORTCUTS, shortcut_rows


@pytest.fixture
def session(qtbot, store) -> Iterator[ConsoleSession]:
    store.upsert_tickets([ticket(i) for i in range(1, 41)])
    built = ConsoleSession(store, ME, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    built.window.activateWindow()
    yield built
    built.window.inbox.close_counts()
    built.bridge.close()


def _key(qtbot, window, key, text="", modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def test_j_and_k_move_through_the_list_and_open_tickets(qtbot, session):
    window = session.window
    window.inbox.select_ticket(40)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 40, timeout=2000)
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 39, timeout=2000)
    _key(qtbot, window, Qt.Key.Key_J)
    _key(qtbot, window, Qt.Key.Key_J)
    _key(qtbot, window, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 38, timeout=2000)


def test_slash_focuses_search_and_letters_then_type(qtbot, session):
    window = session.window
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.inbox.search
    qtbot.keyClicks(window.inbox.search, "jk/rn")
    assert window.inbox.search.text() == "jk/rn"
    assert window.ticket_view.ticket_id() is None  # j did not move the list
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.inbox.table


def test_r_and_n_start_a_reply_or_a_note(qtbot, session):
    window = session.window
    window.inbox.select_ticket(40)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 40, timeout=2000)
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_N)
    box = window.ticket_view.reply_box
    assert box.kind() == MessageKind.NOTE
    assert QApplication.focusWidget() is box.editor
    qtbot.keyClicks(box.editor, "r")  # typing: r is a letter here, not a shortcut
    assert box.kind() == MessageKind.NOTE and box.text() == "r"
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_R)
    assert box.kind() == MessageKind.REPLY


def test_ctrl_k_opens_the_palette_and_runs_a_view(qtbot, session):
    window = session.window
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_K, modifier=Qt.KeyboardModifier.ControlModifier)
    palette = window.command_palette
    qtbot.waitUntil(palette.isVisible, timeout=2000)
    qtbot.keyClicks(palette.query, "unassig")
    assert palette.shown_titles()[0] == "Unassigned"
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.inbox.current_view() == "unassigned"


def test_help_sheet_lists_every_shortcut(qtbot, session):
    window = session.window
    window.inbox.focus_list()
    _key(qtbot, window, Qt.Key.Key_F1)
    sheets = [w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsSheet"]
    assert sheets and sheets[-1].isVisible()
    shown = dict(sheets[-1].rows())
    for shortcut in SHORTCUTS:
        assert any(shortcut.shown in keys for keys in shown), shortcut.shown
    assert "Ctrl+K" in shown and "Ctrl+Enter" in shown
    assert len(shortcut_rows()) == len(shown)
    sheets[-1].close()


def test_fuzzy_matching_prefers_word_starts():
    assert fuzzy_score("sb", "SLA breached") > fuzzy_score("sb", "Subject")
    assert fuzzy_score("xyz", "SLA breached") is None
    titles = ["All open", "SLA breached", "SLA due soon", "Search tickets"]
    assert fuzzy_filter("slab", titles, str)[0] == "SLA breached"
    assert fuzzy_filter("提币", ["提币问题", "充值"], str) == ["提币问题"]


def test_notification_shows_a_toast_while_the_window_is_active(qtbot, session):
    window = session.window
    window.activateWindow()
    notification = type("N", (), {})()
    notification.kind, notification.ticket_id = "customer_reply", 12
    notification.title, notification.body = "Withdrawal <b>missing</b>", "any news? <script>"
    session.notification.emit(notification)
    toasts = window.notifier.toasts.visible_toasts()
    assert len(toasts) == 1
    toast: Toast = toasts[0]
    assert toast.heading.text() == "Customer replied · #12"
    assert toast.title.text() == "Withdrawal <b>missing</b>"
    assert toast.title.textFormat() == Qt.TextFormat.PlainText
    tray = window.notifier.tray
    assert tray is not None and tray.shown[-1][2] == 12
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 12, timeout=2000)
    assert not window.notifier.toasts.visible_toasts()


def test_toasts_stack_and_keep_at_most_four(session):
    window = session.window
    for i in range(6):
        note = type("N", (), {"kind": "assigned", "ticket_id": i + 1, "title": f"T{i}", "body": ""})
        session.notification.emit(note)
    toasts = window.notifier.toasts.visible_toasts()
    assert len(toasts) == 4
    tops = [t.geometry().top() for t in toasts]
    assert tops == sorted(tops)  # newest at the bottom, older ones stacked above
    assert len(set(tops)) == 4
