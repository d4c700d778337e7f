"""The knowledge page on a real Store: search as you type, filters, the viewer and its actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from kb_fixtures import RecordingKb, article, locale
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPushButton

from console.api.schemas_kb import KbLocale, KbRevisionCreate
from console.store import Store
from console.ui.change_bridge import ChangeBridge
from console.ui.kb.knowledge_page import SEARCH_DEBOUNCE_MS, KnowledgePage, query_language
from console.ui.widgets.plain_text import PlainLabel

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class CountingKb:
    """The store's knowledge base, counting the searches the page runs."""

    def __init__(self, store: Store) -> None:
        self._kb = store.kb
        self.searches: list[str] = []

    def search(self, text: str, **kwargs: Any) -> Any:
        self.searches.append(text)
        return self._kb.search(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kb, name)


@pytest.fixture
def articles(store: Store) -> Store:
    store.kb.put_articles(
        [
            article(
                1,
                "withdrawal-delayed",
                locales={
                    "zh": locale(
                        "提币长时间未到账", "大多数提币在30分钟内处理。", "## 步骤\n检查网络。"
                    ),
                    "en": locale(
                        "Withdrawal is delayed",
                        "Most withdrawals are processed within 30 minutes.",
                        "## Steps\nCheck the [network fee](kb:network-fee) first.",
                    ),
                    "ja": locale("出金が遅れている", "ほとんどの出金は30分以内に処理されます。"),
                },
            ),
            article(
                2,
                "network-fee",
                category="fees",
                locales={
                    "zh": locale("网络手续费", "提币时收取网络手续费。"),
                    "en": locale("Network fee", "A network fee is charged on withdrawals."),
                },
            ),
            article(
                3,
                "two-factor",
                category="account_security",
                locales={
                    "zh": locale("开启双重验证", "用验证器应用保护账户。"),
                    "en": locale("Turn on 2FA", "Protect your account with an authenticator."),
                },
            ),
        ]
    )
    return store


@pytest.fixture
def kb(articles: Store) -> CountingKb:
    return CountingKb(articles)


@pytest.fixture
def intents() -> RecordingKb:
    return RecordingKb()


@pytest.fixture
def page(qtbot, articles: Store, kb: CountingKb, intents: RecordingKb) -> Iterator[KnowledgePage]:
    bridge = ChangeBridge(articles.hub, coalesce_ms=5)
    widget = KnowledgePage(kb, bridge, intents)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    widget._debounce.stop()  # the store closes next: no search may still be waiting
    bridge.close()


def titles(page: KnowledgePage) -> list[str]:
    return [row.title_html for row in page.results.rows()]


def type_text(widget: Any, text: str) -> None:
    """CJK cannot go through keyClicks: commit it as an input method would."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_browse_lists_every_article_by_title(page: KnowledgePage) -> None:
    assert [r.article_id for r in page.results.rows()] == [2, 3, 1]
    assert page.count.text() == "3 articles"


def test_typing_searches_once_after_a_pause_with_matches_marked(
    qtbot, page: KnowledgePage, kb: CountingKb
) -> None:
    kb.searches.clear()
    qtbot.keyClicks(page.search, "withdr")
    assert kb.searches == []  # nothing yet while the agent types
    qtbot.waitUntil(lambda: kb.searches == ["withdr"], timeout=SEARCH_DEBOUNCE_MS * 20)
    ids = [r.article_id for r in page.results.rows()]
    assert ids[0] == 1
    first = page.results.rows()[0]
    assert first.title_html.startswith('<span style="background-color:#fde68a;">Withdr')
    assert first.title_html.endswith("</span> is delayed")
    assert page.count.text().endswith("match")


def test_a_chinese_query_shows_the_chinese_locale(qtbot, page: KnowledgePage) -> None:
    type_text(page.search, "提币")
    assert page.search.text() == "提币"
    qtbot.waitUntil(lambda: page.count.text().endswith("match"), timeout=2000)
    top = page.results.rows()[0]
    assert top.article_id == 1 and top.lang == "zh"
    assert "background-color" in top.title_html
    assert query_language("出金", "en") == "zh"
    assert query_language("しゅっきん", "en") == "ja"
    assert query_language("출금", "en") == "ko"
    assert query_language("fee", "en") == "en"


def test_category_and_language_filters(page: KnowledgePage) -> None:
    page.category_box.setCurrentIndex(page.category_box.findData("fees"))
    page.category_box.activated.emit(page.category_box.currentIndex())
    assert [r.article_id for r in page.results.rows()] == [2]
    page.category_box.setCurrentIndex(0)
    page.language_box.setCurrentIndex(page.language_box.findData("ja"))
    page.language_box.activated.emit(page.language_box.currentIndex())
    assert [(r.article_id, r.lang) for r in page.results.rows()] == [(1, "ja")]
    page.set_query("withdrawal")
    assert all(r.lang == "ja" for r in page.results.rows())


def test_hostile_search_input_is_shown_as_text(page: KnowledgePage) -> None:
    page.set_query(HOSTILE)
    assert page.count.text() == "No article matches."
    assert page.search.text() == HOSTILE
    for row in page.results.rows():
        assert "<script" not in row.html() and "<img" not in row.html()


def test_enter_opens_the_best_match(qtbot, page: KnowledgePage) -> None:
    qtbot.keyClicks(page.search, "2FA")
    qtbot.keyClick(page.search, "\r")
    assert page.viewer.article() is not None and page.viewer.article().id == 3


def test_viewer_renders_safely_and_kb_links_navigate(articles: Store, page: KnowledgePage) -> None:
    articles.kb.put_articles(
        [
            article(
                9,
                "hostile",
                locales={
                    "zh": locale("<b>粗体</b>", "摘要", "正文"),
                    "en": KbLocale(
                        title=HOSTILE,
                        summary="<i>not italic</i>",
                        body=f"{HOSTILE}\n\n[click](javascript:alert(1)) "
                        "[fee](kb:network-fee) [web](https://evil.example)",
                    ),
                },
            )
        ]
    )
    assert page.open_article(9, "en")
    viewer = page.viewer
    assert viewer.title.text() == HOSTILE  # a plain label: literal text
    doc_html = viewer.browser.document().toHtml()
    assert "<script" not in doc_html and "<img" not in doc_html and "<i>" not in doc_html
    assert "javascript:" not in doc_html and "evil.example" not in doc_html
    assert 'href="kb:network-fee"' in doc_html
    assert HOSTILE in viewer.browser.toPlainText()
    viewer.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert viewer.article().id == 9
    viewer.browser.anchorClicked.emit(QUrl("kb:network-fee"))
    assert viewer.article().id == 2
    assert viewer.language() == "en"


def test_a_link_to_a_missing_article_says_so(qtbot, page: KnowledgePage) -> None:
    page.open_article(1, "en")
    with qtbot.waitSignal(page.notice) as notice:
        page.viewer.browser.anchorClicked.emit(QUrl("kb:no-such-article"))
    assert "not in the knowledge base" in notice.args[0]
    assert page.viewer.article().id == 1


def test_language_tabs_show_only_written_locales(page: KnowledgePage) -> None:
    page.open_article(2, "ja")  # not written in ja: falls back to en
    viewer = page.viewer
    assert viewer.language() == "en"
    assert not viewer.lang_buttons["ja"].isVisibleTo(viewer)
    viewer.lang_buttons["zh"].click()
    assert viewer.title.text() == "网络手续费"


def test_insert_into_reply_uses_the_customer_language(qtbot, page: KnowledgePage) -> None:
    viewer = page.viewer
    page.open_article(1, "en")
    assert not viewer.insert_snippet_button.isEnabled()  # no ticket open
    page.set_reply_language("zh")
    assert viewer.insert_snippet_button.isEnabled()
    assert "中文" in viewer.insert_snippet_button.text()
    with qtbot.waitSignal(page.insert_into_reply) as inserted:
        viewer.insert_snippet_button.click()
    assert inserted.args == ["大多数提币在30分钟内处理。"]
    page.set_reply_language("ko")  # not written in ko: English
    with qtbot.waitSignal(page.insert_into_reply) as inserted:
        viewer.insert_link_button.click()
    assert inserted.args == [
        "Withdrawal is delayed: https://lumen.example/help/en/withdrawal-delayed"
    ]


def test_copy_link(page: KnowledgePage) -> None:
    page.open_article(1, "zh")
    page.viewer.copy_button.click()
    assert QGuiApplication.clipboard().text() == "提币长时间未到账\nkb:withdrawal-delayed"


def test_rating_is_sent_and_thanked(qtbot, page: KnowledgePage, intents: RecordingKb) -> None:
    page.open_article(1)
    with qtbot.waitSignal(page.notice):
        page.viewer.helpful_button.click()
    page.viewer.not_helpful_button.click()
    assert intents.named("rate_article") == [(1, True), (1, False)]


def test_a_refused_rating_is_explained(qtbot, page: KnowledgePage, intents: RecordingKb) -> None:
    intents.refuse = RuntimeError("not connected yet")
    page.open_article(1)
    with qtbot.waitSignal(page.notice) as notice:
        page.viewer.helpful_button.click()
    assert notice.args == ["That could not be saved. Please try again."]


def test_flag_outdated_with_a_comment(page: KnowledgePage, intents: RecordingKb) -> None:
    page.open_article(1)
    page.viewer.flag_button.click()
    dialog = page.flag_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # a flag says what is wrong
    dialog.editor.setPlainText("  The fee changed to 0.0002 BTC.  ")
    dialog.ok_button.click()
    assert intents.named("flag_article") == [(1, "The fee changed to 0.0002 BTC.")]


def test_propose_an_edit(page: KnowledgePage, intents: RecordingKb) -> None:
    page.open_article(1)
    page.viewer.propose_button.click()
    dialog = page.propose_dialog
    assert dialog is not None
    en = dialog.editors["en"]
    assert en.title.text() == "Withdrawal is delayed"
    en.summary.setPlainText("Most withdrawals arrive within 20 minutes.")
    dialog.tags.setText("withdrawal, 提币， delay, withdrawal")
    dialog.note.setText("Processing got faster")
    dialog.buttons.accepted.emit()
    ((article_id, proposal),) = intents.named("propose_revision")
    assert article_id == 1
    assert isinstance(proposal, KbRevisionCreate)
    assert proposal.base_version == 1
    assert proposal.locales["en"].summary == "Most withdrawals arrive within 20 minutes."
    assert set(proposal.locales) == {"zh", "en", "ja"}  # ko left empty: not part of it
    assert proposal.tags == ["withdrawal", "提币", "delay"]
    assert proposal.note == "Processing got faster"


def test_an_invalid_edit_stays_open_with_the_reason(page: KnowledgePage, intents: RecordingKb):
    page.open_article(1)
    page.viewer.propose_button.click()
    dialog = page.propose_dialog
    assert dialog is not None
    dialog.editors["zh"].title.clear()
    dialog.buttons.accepted.emit()
    assert "中文" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    dialog.editors["zh"].title.setText("标题\u202e")  # a bidi override: refused
    dialog.buttons.accepted.emit()
    assert "not valid" in dialog.error.text()
    assert dialog.isVisible()
    assert intents.named("propose_revision") == []


def test_version_history(page: KnowledgePage, intents: RecordingKb) -> None:
    from kb_fixtures import revision

    page.open_article(1)
    page.viewer.history_button.click()
    dialog = page.history_dialog
    assert dialog is not None and dialog.status.text() == "Loading…"
    current = page.viewer.article()
    assert current is not None
    published = revision(
        4,
        current,
        state="published",
        number=2,
        reviewer_name="Sara Nakamura",
        reviewed_at=current.updated_at,
        note="Faster",
        review_comment="<b>ok</b>",
    )
    intents.answer("load_history", [published, revision(1, current, state="rejected")], None)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "2"
    assert dialog.table.item(0, 1).text() == "Published"
    assert "Sara Nakamura" in dialog.table.item(0, 4).text()
    assert "Review: <b>ok</b>" in dialog.table.item(0, 5).text()
    assert dialog.table.item(1, 0).text() == "—"


def test_history_failure_is_shown(page: KnowledgePage, intents: RecordingKb) -> None:
    page.open_article(1)
    page.viewer.history_button.click()
    intents.answer("load_history", None, "Offline")
    assert page.history_dialog is not None and page.history_dialog.status.text() == "Offline"


def test_a_published_edit_shows_in_the_open_viewer_and_search(
    qtbot, articles: Store, page: KnowledgePage
) -> None:
    page.open_article(2, "en")
    newer = article(
        2,
        "network-fee",
        category="fees",
        version=2,
        locales={
            "zh": locale("网络手续费（已更新）", "新的摘要。"),
            "en": locale("Network fee (updated)", "A new summary."),
        },
    )
    articles.kb.put_articles([newer])
    qtbot.waitUntil(lambda: page.viewer.title.text() == "Network fee (updated)", timeout=2000)
    page.set_query("updated")
    assert [r.article_id for r in page.results.rows()] == [2]


def test_a_refused_flag_stays_listed_with_retry_and_discard(
    qtbot, articles: Store, page: KnowledgePage, intents: RecordingKb
) -> None:
    intents.failed = articles.failed_outbox  # what the session's KbActions reads
    item_id = articles.enqueue("kb_flag", 1, {"comment": "fee table is old"}, "key-flag-1", None)
    assert articles.mark_failed(item_id, "Article is archived")  # the store tells the page
    qtbot.waitUntil(lambda: len(page.failed.rows) == 1, timeout=3000)
    row = page.failed.rows[0]
    text = " ".join(label.text() for label in row.findChildren(PlainLabel))
    assert "Your outdated flag on “Withdrawal is delayed” was not saved" in text
    assert "Article is archived" in text
    assert not page.failed.isHidden()
    retry, discard = row.findChildren(QPushButton)
    retry.click()
    discard.click()
    assert intents.named("retry") == [(item_id,)] and intents.named("discard") == [(item_id,)]
    articles.discard(item_id)
    qtbot.waitUntil(lambda: page.failed.isHidden(), timeout=3000)
