"""The chat page's actions: transfer with a note, convert to a ticket (then open it), end the
chat after a confirmation, canned replies filled for the customer, and a knowledge-base article
inserted in the customer's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_fixtures import RecordingChat, chat_message, conversation
from kb_fixtures import article, locale
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from ui_factories import ME

from console.api.schemas import MacroOut
from console.store import Store
from console.ui.chat.chat_page import ChatPage


@pytest.fixture
def intents() -> RecordingChat:
    return RecordingChat()


@pytest.fixture
def page(qtbot, store: Store, intents: RecordingChat) -> Iterator[ChatPage]:
    store.chats.put_conversations(
        [conversation(1, customer_name="王小明", topic="deposit_withdrawal", last_seq=1)]
    )
    store.chats.put_messages([chat_message(1, 1, "customer", "提币还没到账")])
    store.set_macros(
        [
            MacroOut(
                id=3,
                name="Greeting",
                bodies={
                    "zh": "您好 {customer_name}，我是 {agent_name}。",
                    "en": "Hi {customer_name}",
                },
            )
        ]
    )
    store.kb.put_articles(
        [
            article(
                9,
                "withdrawal-delayed",
                tags=["withdrawal", "提币"],
                locales={
                    "zh": locale("提币长时间未到账", "大多数提币在30分钟内处理。", "正文"),
                    "en": locale("Withdrawal delayed", "Most withdrawals take 30 minutes."),
                },
            )
        ]
    )
    built = ChatPage(store.chats, store, None, intents, ME)
    qtbot.addWidget(built)
    built.resize(1200, 760)
    built.show()
    qtbot.waitExposed(built)
    built.open_chat(1)
    yield built


def test_transfer_to_a_colleague_with_a_note(page: ChatPage, intents: RecordingChat) -> None:
    page.header.transfer_button.click()
    dialog = page.actions.transfer_dialog
    assert dialog is not None and dialog.agent_box.count() == 1  # Bob; never myself
    dialog.note.setPlainText("VIP, wants a refund of the fee")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert intents.named("transfer") == [(1, 8, None, "VIP, wants a refund of the fee")]


def test_transfer_to_a_team_by_topic(page: ChatPage, intents: RecordingChat) -> None:
    page.header.transfer_button.click()
    dialog = page.actions.transfer_dialog
    dialog.to_team.setChecked(True)
    assert dialog.team_box.currentData() == "deposit_withdrawal"  # the chat's topic first
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert intents.named("transfer") == [(1, None, "deposit_withdrawal", "")]


def test_a_too_long_note_is_refused_in_the_dialog(page: ChatPage, intents) -> None:
    page.header.transfer_button.click()
    dialog = page.actions.transfer_dialog
    dialog.note.setPlainText("x" * 1001)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert intents.named("transfer") == []


def test_convert_to_ticket_then_open_it(qtbot, page: ChatPage, intents: RecordingChat) -> None:
    page.header.convert_button.click()
    assert intents.named("convert") == [(1,)]
    with qtbot.waitSignal(page.open_ticket) as opened:
        intents.answer("convert", 42, None)
    assert opened.args == [42]


def test_end_chat_asks_first(page: ChatPage, intents: RecordingChat) -> None:
    page.header.end_button.click()
    box = page.actions.end_dialog
    assert box is not None and "王小明" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert intents.named("end") == []
    page.header.end_button.click()
    page.actions.end_dialog.button(QMessageBox.StandardButton.Yes).click()
    assert intents.named("end") == [(1,)]


def test_ended_chat_shows_the_rating(qtbot, page: ChatPage, store: Store) -> None:
    store.chats.put_conversations(
        [
            conversation(
                1,
                customer_name="王小明",
                state="ended",
                rating=4,
                rating_comment="快",
                ticket_id=42,
                version=5,
            )
        ]
    )
    page.refresh()
    assert "4/5" in page.header.outcome.text() and "快" in page.header.outcome.text()
    assert not page.composer.isEnabled()
    assert page.header.ticket_button.isVisible() and not page.header.end_button.isVisible()


def test_canned_reply_is_filled_for_the_customer(page: ChatPage) -> None:
    actions = page.composer.macro_menu.actions()
    assert [a.text() for a in actions] == ["Greeting"]
    actions[0].trigger()
    assert page.composer.text() == "您好 王小明，我是 Alice Wang。"


def test_insert_an_article_in_the_customer_language(page: ChatPage) -> None:
    page.composer.article_button.click()
    picker = page.actions.article_picker
    assert picker is not None and picker.results.count() >= 1  # suggested from the chat
    picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    text = page.composer.text()
    assert "大多数提币在30分钟内处理。" in text
    assert "https://lumen.example/help/zh/withdrawal-delayed" in text
