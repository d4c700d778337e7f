"""Reply box: debounced draft autosave, save on focus loss, restore per ticket, CJK input."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from console.ui.ticket.reply_box import DRAFT_SAVE_MS, ReplyBox, draft_key

_hosts: list[QWidget] = []  # pytest-qt holds widgets weakly; keep them until the test ends


@pytest.fixture(autouse=True)
def _release_hosts():
    yield
    _hosts.clear()


def _box(qtbot, store) -> ReplyBox:
    host = QWidget()
    _hosts.append(host)
    box = ReplyBox(store)
    other = QLineEdit(objectName="elsewhere")
    layout = QVBoxLayout(host)
    layout.addWidget(box)
    layout.addWidget(other)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    box.set_can_send(True)
    return box


def type_cjk(widget, text: str) -> None:
    """What an input method does: commit composed text (keyClicks cannot type non-ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_draft_is_saved_after_a_pause_not_on_every_key(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(1)
    box.editor.setFocus()
    qtbot.keyClicks(box.editor, "Hello, your withdrawal")
    assert store.draft(draft_key(1)) is None  # still typing
    started = time.monotonic()
    qtbot.waitUntil(lambda: store.draft(draft_key(1)) == "Hello, your withdrawal", timeout=2000)
    assert time.monotonic() - started <= 0.5 + 0.2  # 300 ms debounce, well under a second
    assert DRAFT_SAVE_MS <= 500


def test_draft_is_saved_at_once_when_focus_leaves(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(3)
    box.editor.setFocus()
    qtbot.waitUntil(box.editor.hasFocus)
    qtbot.keyClicks(box.editor, "Checking the chain")
    box.parentWidget().findChild(QLineEdit, "elsewhere").setFocus()
    qtbot.waitUntil(lambda: not box.editor.hasFocus())
    assert store.draft(draft_key(3)) == "Checking the chain"


def test_drafts_follow_their_ticket(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(1)
    qtbot.keyClicks(box.editor, "for one")
    box.set_ticket(2)  # switching saves immediately
    assert store.draft(draft_key(1)) == "for one"
    assert box.text() == ""
    qtbot.keyClicks(box.editor, "for two")
    box.set_ticket(1)
    assert box.text() == "for one"
    assert store.draft(draft_key(2)) == "for two"


def test_draft_survives_a_new_reply_box(qtbot, store):
    first = _box(qtbot, store)
    first.set_ticket(9)
    type_cjk(first.editor, "您好，请提供提币的交易哈希。")
    first.save_draft_now()
    second = _box(qtbot, store)
    second.set_ticket(9)
    assert second.text() == "您好，请提供提币的交易哈希。"


def test_chinese_input_method_text_reaches_the_box_and_the_draft(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(4)
    box.editor.setFocus()
    type_cjk(box.editor, "您好")
    type_cjk(box.editor, "，提币已到账。")
    assert box.text() == "您好，提币已到账。"
    qtbot.waitUntil(lambda: store.draft(draft_key(4)) == "您好，提币已到账。", timeout=2000)
    assert box.send_button.isEnabled()


def test_ctrl_enter_sends_with_the_chosen_kind(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(5)
    qtbot.keyClicks(box.editor, "  internal detail  ")
    box.note_button.click()
    assert box.kind() == "note"
    assert box.property("mode") == "note"
    assert box.send_button.text() == "Add note"
    with qtbot.waitSignal(box.send_requested) as blocker:
        qtbot.keyClick(box.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["note", "internal detail"]


def test_plain_enter_makes_a_new_line(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(5)
    qtbot.keyClicks(box.editor, "line one")
    qtbot.keyClick(box.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(box.editor, "line two")
    assert box.text() == "line one\nline two"


def test_empty_text_cannot_be_sent_and_leaves_no_draft(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(6)
    qtbot.keyClicks(box.editor, "   ")
    assert not box.send_button.isEnabled()
    box.save_draft_now()
    assert store.draft(draft_key(6)) is None


def test_clear_after_send_removes_the_draft(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(8)
    qtbot.keyClicks(box.editor, "sent text")
    box.save_draft_now()
    box.clear_after_send()
    assert box.text() == ""
    qtbot.wait(DRAFT_SAVE_MS + 100)
    assert store.draft(draft_key(8)) is None


def test_send_waits_for_the_connection(qtbot, store):
    box = _box(qtbot, store)
    box.set_can_send(False)
    box.set_ticket(1)
    qtbot.keyClicks(box.editor, "hello")
    assert not box.send_button.isEnabled()
    assert box.send_button.toolTip() == "Connecting to the server…"
    box.set_can_send(True)
    assert box.send_button.isEnabled()


def test_a_reply_asking_for_a_seed_phrase_stays_in_the_box_with_the_reason(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(1)
    sent: list[tuple[str, str]] = []
    box.send_requested.connect(lambda kind, text: sent.append((kind, text)))
    box.editor.setFocus()
    type_cjk(box.editor, "为了核实身份，请发一下你的助记词")
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert sent == []
    assert box.file_error.isVisible() and "seed phrase" in box.file_error.text()
    assert "发一下你的助记词" in box.file_error.text()
    assert box.text() == "为了核实身份，请发一下你的助记词"  # nothing lost: the agent rewrites it
    # The same words in an internal note reach colleagues only: not checked.
    qtbot.mouseClick(box.note_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert sent == [("note", "为了核实身份，请发一下你的助记词")]


def test_a_warning_about_seed_phrases_and_an_official_link_are_sent(qtbot, store):
    box = _box(qtbot, store)
    box.set_ticket(1)
    sent: list[tuple[str, str]] = []
    box.send_requested.connect(lambda kind, text: sent.append((kind, text)))
    box.editor.setFocus()
    text = "We will never ask for your seed phrase. See https://lumen.example/help/en/phishing"
    qtbot.keyClicks(box.editor, text)
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert sent == [("reply", text)] and not box.file_error.isVisible()
