"""The knowledge base in the window: lazy pages, suggested articles in the ticket view, and
inserting an article into the open reply in the customer's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from kb_fixtures import article, locale
from PySide6.QtCore import Qt
from ui_factories import ME, message, ticket

from console.core.domain import MessageKind
from console.store import Store
from console.ui.i18n import set_language
from console.ui.session import ConsoleSession

ZH_SUMMARY = "大多数提币在30分钟内处理，安全审核最长24小时。"


@pytest.fixture
def session(qtbot, store: Store) -> Iterator[ConsoleSession]:
    store.kb.put_articles(
        [
            article(
                1,
                "withdrawal-delayed",
                tags=["withdrawal", "提币", "delay"],
                locales={
                    "zh": locale("提币长时间未到账怎么办", ZH_SUMMARY, "## 步骤\n检查网络。"),
                    "en": locale(
                        "Withdrawal is delayed",
                        "Most withdrawals are processed within 30 minutes.",
                        "## Steps\nCheck the network.",
                    ),
                },
            ),
            article(
                2,
                "two-factor",
                category="account_security",
                locales={
                    "zh": locale("开启双重验证", "用验证器应用保护账户。"),
                    "en": locale("Turn on 2FA", "Protect your account with an authenticator."),
                },
            ),
        ]
    )
    store.upsert_tickets(
        [
            ticket(1, subject="提币没有到账", language="zh"),
            ticket(2, subject="Hello", language="ko"),
        ]
    )
    store.upsert_messages(
        [message(1, 1, MessageKind.CUSTOMER, "我三个小时前提币，现在还没到账，怎么办？")]
    )
    built = ConsoleSession(store, ME, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.bridge.close()
    set_language("en")


def open_ticket(qtbot, session: ConsoleSession, ticket_id: int) -> None:
    window = session.window
    assert window.inbox.select_ticket(ticket_id)
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == ticket_id, timeout=2000)


def test_the_pages_are_built_when_first_shown(session: ConsoleSession) -> None:
    window = session.window
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is None and pages.review is None
    assert window.rail.buttons["knowledge"].isEnabled()
    window.rail.buttons["knowledge"].click()
    assert window.current_page() == "knowledge"
    assert pages.knowledge is not None and window.pages.currentWidget() is pages.knowledge
    assert [r.article_id for r in pages.knowledge.results.rows()] == [2, 1]  # by title
    window.rail.buttons["review"].click()
    assert pages.review is not None and window.pages.currentWidget() is pages.review


def test_suggested_articles_for_a_chinese_ticket_insert_the_chinese_summary(
    qtbot, session: ConsoleSession
) -> None:
    open_ticket(qtbot, session, 1)
    view = session.window.ticket_view
    panel = view.suggested
    assert panel.hits == []  # not searched while the tab is hidden
    view.side.setCurrentWidget(panel)
    assert [hit.article_id for hit in panel.hits][:1] == [1]
    assert panel.rows[0].title.text() == "提币长时间未到账怎么办"
    assert view.side.tabText(3) == "Articles"
    panel.insert_buttons[0].click()
    assert view.reply_box.text() == ZH_SUMMARY
    assert view.reply_box.kind() == MessageKind.REPLY


def test_a_suggestion_opens_on_the_knowledge_page(qtbot, session: ConsoleSession) -> None:
    open_ticket(qtbot, session, 1)
    view = session.window.ticket_view
    view.side.setCurrentWidget(view.suggested)
    view.suggested.rows[0].clicked.emit()
    window = session.window
    assert window.current_page() == "knowledge"
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    viewer = pages.knowledge.viewer
    assert viewer.article() is not None and viewer.article().id == 1
    assert viewer.language() == "zh"


def test_insert_from_the_knowledge_page_goes_to_the_open_reply(qtbot, session: ConsoleSession):
    open_ticket(qtbot, session, 2)  # a Korean customer; the article has no ko: English
    window = session.window
    window.open_article(1, "zh")
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    viewer = pages.knowledge.viewer
    assert "English" in viewer.insert_snippet_button.text()
    viewer.insert_snippet_button.click()
    assert window.current_page() == "inbox"
    assert (
        window.ticket_view.reply_box.text() == "Most withdrawals are processed within 30 minutes."
    )
    assert "#2" in window.statusBar().currentMessage()


def test_without_an_open_ticket_nothing_can_be_inserted(session: ConsoleSession) -> None:
    window = session.window
    window.open_article(2)
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    assert not pages.knowledge.viewer.insert_snippet_button.isEnabled()


def test_offline_feedback_says_it_could_not_be_saved(session: ConsoleSession) -> None:
    window = session.window
    window.open_article(2)
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    pages.knowledge.viewer.helpful_button.click()  # no sync engine yet in this session
    assert window.statusBar().currentMessage() == "That could not be saved. Please try again."


def test_language_switch_reaches_the_knowledge_pages(session: ConsoleSession) -> None:
    window = session.window
    window.show_page("knowledge")
    window.show_page("review")
    window.apply_language("zh_CN")
    window.apply_language("en")
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    assert pages.knowledge.title.text() == "Knowledge base"


def test_an_article_notification_is_a_toast_that_opens_the_article(
    qtbot, session: ConsoleSession
) -> None:
    from console.sync.notifications import Notification

    window = session.window
    window.notifier.notify(
        Notification("kb_flagged", 0, "Withdrawal is delayed", "fee table is old", article_id=1)
    )
    toasts = window.notifier.toasts.visible_toasts()
    assert len(toasts) == 1
    toast = toasts[0]
    assert toast.heading.text() == "Article flagged as outdated"
    assert toast.title.text() == "Withdrawal is delayed"
    assert window.notifier.tray is None or window.notifier.tray.shown[-1][0] == (
        "Article flagged as outdated"
    )
    window.show_page("inbox")
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
    assert window.current_page() == "knowledge"
    pages = window.kb_pages
    assert pages is not None and pages.knowledge is not None
    shown = pages.knowledge.viewer.article()
    assert shown is not None and shown.id == 1


def test_suggestions_follow_the_knowledge_base(qtbot, session: ConsoleSession) -> None:
    open_ticket(qtbot, session, 1)
    view = session.window.ticket_view
    view.side.setCurrentWidget(view.suggested)
    assert view.suggested.hits
    session.store.kb.put_articles(
        [
            article(
                7,
                "withdrawal-stuck",
                tags=["提币", "到账"],
                locales={
                    "zh": locale("提币没有到账：三个小时", "提币三个小时没有到账时的处理。"),
                    "en": locale("Withdrawal not arrived", "What to do."),
                },
            )
        ]
    )
    qtbot.waitUntil(lambda: 7 in [h.article_id for h in view.suggested.hits], timeout=3000)
