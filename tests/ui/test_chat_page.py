"""The chats page over a real Store: my chats and offers, the conversation with the bot's
transcript, receipts and typing, the composer (Enter, drafts, files) and what the buttons ask
the session for (a recording double of ChatIntents)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chat_fixtures import (
    RecordingChat,
    chat_message,
    conversation,
    image_attachment,
    offer,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from ui_factories import ME

from console.store import Store
from console.ui.change_bridge import ChangeBridge
from console.ui.chat.chat_composer import chat_draft_key
from console.ui.chat.chat_page import ChatPage


@pytest.fixture
def intents() -> RecordingChat:
    return RecordingChat()


@pytest.fixture
def page(qtbot, store: Store, intents: RecordingChat) -> Iterator[ChatPage]:
    store.chats.put_conversations(
        [
            conversation(1, customer_name="王小明", last_seq=4, customer_read_seq=3),
            offer(2, customer_name="Kim", language="ko", vip_tier=3, priority="security"),
        ]
    )
    store.chats.put_messages(
        [
            chat_message(1, 1, "customer", "我的提币还没到账", minutes_ago=4),
            chat_message(1, 2, "bot", "提币通常在30分钟内到账。这有帮助吗？", minutes_ago=4),
            chat_message(1, 3, "system", "正在为您转接人工客服…", minutes_ago=3),
            chat_message(1, 4, "agent", "您好，我来帮您查一下。", minutes_ago=2),
            chat_message(1, 5, "customer", "<b>谢谢</b> & 0xABC", minutes_ago=1),
        ]
    )
    bridge = ChangeBridge(store.hub)
    built = ChatPage(store.chats, store, bridge, intents, ME)
    qtbot.addWidget(built)
    built.resize(1200, 760)
    built.show()
    qtbot.waitExposed(built)
    yield built
    bridge.close()


def test_my_chats_list_offers_and_unread_counts(page: ChatPage) -> None:
    rows = {row.conversation_id: row for row in page.list.rows}
    assert set(rows) == {1, 2}
    offered = rows[2]
    assert offered.accept_button.isVisible() and offered.decline_button.isVisible()
    assert offered.timer_label.text().endswith("s left")
    assert "Security" in offered.marks.text() and "VIP 3" in offered.marks.text()
    active = rows[1]
    assert not active.accept_button.isVisible()
    assert active.preview.full_text == "<b>谢谢</b> & 0xABC"
    assert active.timer_label.text().startswith("waiting")


def test_the_first_chat_opens_with_the_bot_transcript_marked(page: ChatPage) -> None:
    assert page.current() in (1, 2)
    page.open_chat(1)
    transcript = page.transcript
    senders = [b.sender for b in transcript.bubbles]
    assert senders == ["customer", "bot", "agent", "customer"]
    assert transcript.bot_divider is not None and transcript.bot_divider.text()
    bot = transcript.bubbles[1]
    assert bot.objectName() == "chatBotMessage" and bot.tag.isVisible()
    assert [line.text.text() for line in transcript.system_lines] == ["正在为您转接人工客服…"]
    assert transcript.bubbles[3].body.text() == "<b>谢谢</b> & 0xABC"  # as typed


def test_read_receipt_single_then_double(qtbot, page: ChatPage, store: Store) -> None:
    store.chats.put_conversations(
        [conversation(1, customer_name="王小明", last_seq=5, customer_read_seq=3, version=2)]
    )
    qtbot.waitUntil(lambda: page.conversation().version == 2, timeout=2000)
    page.open_chat(1)
    ours = page.transcript.bubbles[2]
    assert ours.receipt.text() == "✓"  # seq 4, customer read up to 3
    store.chats.put_conversations(
        [conversation(1, customer_name="王小明", last_seq=5, customer_read_seq=5, version=3)]
    )
    qtbot.waitUntil(lambda: page.transcript.bubbles[2].receipt.text() == "✓✓", timeout=2000)


def test_opening_an_active_chat_marks_it_read(page: ChatPage, intents: RecordingChat) -> None:
    page.open_chat(1)
    assert (1, 5) in intents.named("mark_read")


def test_accept_an_offer_then_it_opens(page: ChatPage, intents: RecordingChat) -> None:
    row = page.list.row(2)
    assert row is not None
    row.accept_button.click()
    assert intents.named("accept") == [(2,)]
    assert not row.accept_button.isEnabled()  # no double accept while it runs
    intents.answer("accept", None)
    assert page.current() == 2


def test_a_refused_accept_says_why(qtbot, page: ChatPage, intents: RecordingChat) -> None:
    page.list.row(2).accept_button.click()
    with qtbot.waitSignal(page.notice) as notice:
        intents.answer("accept", "Not possible any more: the offer timed out")
    assert "timed out" in notice.args[0]


def test_decline(page: ChatPage, intents: RecordingChat) -> None:
    page.list.row(2).decline_button.click()
    assert intents.named("decline") == [(2,)]


def test_customer_typing_shows_under_the_transcript(page: ChatPage, intents: RecordingChat):
    page.open_chat(1)
    assert not page.transcript.typing_label.isVisible()
    intents.set_customer_typing(1, True)
    assert page.transcript.typing_label.isVisible()
    assert page.transcript.typing_label.text() == "Customer is typing…"
    intents.set_customer_typing(2, True)  # another chat: no change here
    intents.set_customer_typing(1, False)
    assert not page.transcript.typing_label.isVisible()


def test_typing_is_sent_once_then_stopped_on_send(
    qtbot, page: ChatPage, intents: RecordingChat
) -> None:
    page.open_chat(1)
    qtbot.keyClicks(page.composer.editor, "one moment")
    assert intents.named("set_typing") == [(1, True)]  # throttled: one for several keys
    qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return)
    assert intents.named("send_message") == [(1, "one moment", ())]
    assert intents.named("set_typing") == [(1, True), (1, False)]
    assert page.composer.text() == ""


def test_shift_enter_is_a_new_line(qtbot, page: ChatPage, intents: RecordingChat) -> None:
    page.open_chat(1)
    qtbot.keyClicks(page.composer.editor, "one")
    qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(page.composer.editor, "two")
    assert page.composer.text() == "one\ntwo"
    assert intents.named("send_message") == []


def test_a_refused_message_stays_in_the_composer(
    qtbot, page: ChatPage, intents: RecordingChat
) -> None:
    page.open_chat(1)
    intents.refuse = ValueError("The message cannot be sent.")
    qtbot.keyClicks(page.composer.editor, "hello")
    with qtbot.waitSignal(page.notice):
        qtbot.keyClick(page.composer.editor, Qt.Key.Key_Return)
    assert page.composer.text() == "hello"


def test_drafts_per_chat_survive_a_new_page(
    qtbot, page: ChatPage, store: Store, intents: RecordingChat
) -> None:
    page.open_chat(1)
    qtbot.keyClicks(page.composer.editor, "draft for one")
    qtbot.waitUntil(lambda: store.draft(chat_draft_key(1)) == "draft for one", timeout=2000)
    page.open_chat(2)
    assert page.composer.text() == ""
    page.open_chat(1)
    assert page.composer.text() == "draft for one"
    again = ChatPage(store.chats, store, None, intents, ME)
    qtbot.addWidget(again)
    again.open_chat(1)
    assert again.composer.text() == "draft for one"


def test_offered_chat_cannot_be_written_in(page: ChatPage) -> None:
    page.open_chat(2)
    assert not page.composer.isEnabled()
    assert page.header.offer_bar.isVisible()
    assert "s" in page.header.offer_text.text()


def test_status_selector(page: ChatPage, intents: RecordingChat) -> None:
    box = page.status_box
    box.setCurrentIndex(box.findData("online"))
    box.activated.emit(box.currentIndex())
    assert intents.named("set_status") == [("online",)]
    intents.status_changed.emit("away")
    assert box.currentData() == "away"


def test_attach_an_image_shows_a_preview_and_refuses_others(
    qtbot, page: ChatPage, intents: RecordingChat, tmp_path: Path
) -> None:
    page.open_chat(1)
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2563eb"))
    picture = tmp_path / "proof.png"
    assert image.save(str(picture))
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ")
    refused = page.composer.add_files([picture, program])
    assert len(refused) == 1 and "tool.exe" in refused[0]
    assert page.composer.files() == [picture]
    thumbs = page.composer.files_row.findChildren(type(page.composer.hint), "chatFileThumb")
    assert thumbs and not thumbs[0].pixmap().isNull()
    page.composer.send_button.click()  # files alone may be sent
    assert intents.named("send_message") == [(1, "", (picture,))]


def test_received_image_asks_for_a_preview(qtbot, page: ChatPage, store: Store, intents) -> None:
    page.open_chat(1)
    store.chats.put_messages(
        [chat_message(1, 6, "customer", "", attachments=[image_attachment(55)], minutes_ago=0)]
    )
    qtbot.waitUntil(lambda: ("load_preview", (55, 160)) in intents.calls, timeout=2000)
