"""The knowledge page: search as you type (debounced), category and language filters, the
result list with the matches marked, and the article viewer with everything an agent does with
an article. It reads only the store's knowledge base and sends intents to the session."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_kb import MAX_KB_FLAG_CHARS
from console.core.kb import KB_CATEGORIES, KB_LANGUAGES
from console.store import OutboxKind
from console.ui.i18n import language, tr
from console.ui.kb.article_text import article_title, base_language, reply_language
from console.ui.kb.article_viewer import ArticleViewer
from console.ui.kb.comment_dialog import CommentDialog
from console.ui.kb.history_dialog import HistoryDialog
from console.ui.kb.kb_labels import kb_category_label, kb_language_label
from console.ui.kb.propose_dialog import ProposeEditDialog
from console.ui.kb.result_list import ResultList, ResultRow, row_for_article, row_for_hit
from console.ui.ticket.failed_changes_bar import FailedChangesBar
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.store import OutboxItem
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.kb.ports import KbIntents, KbSource

__all__ = ["SEARCH_DEBOUNCE_MS", "KnowledgePage", "query_language"]

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 120  # one search per pause in typing, not one per key
MAX_RESULTS = 50
MAX_QUERY_CHARS = 200


def query_language(text: str, default: str) -> str:
    """The locale to show hits in: the script the agent typed (kana: ja, hangul: ko, han: zh),
    else `default` (the UI language)."""
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    if any("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" for ch in text):
        return "ko"
    if any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text):
        return "zh"
    return default


class KnowledgePage(QWidget):
    insert_into_reply = Signal(str)  # text for the open ticket's reply box
    notice = Signal(str)

    def __init__(
        self,
        kb: KbSource,
        bridge: ChangeBridge,
        commands: KbIntents,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePage")
        self._kb = kb
        self._commands = commands
        self.flag_dialog: CommentDialog | None = None
        self.propose_dialog: ProposeEditDialog | None = None
        self.history_dialog: HistoryDialog | None = None

        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.search = QLineEdit(objectName="kbSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(MAX_QUERY_CHARS)
        self.category_box = QComboBox(objectName="filterBox")
        self.language_box = QComboBox(objectName="filterBox")
        self.count = PlainLabel(objectName="mutedLabel", selectable=False)
        self.results = ResultList()
        self.viewer = ArticleViewer()
        self.failed = FailedChangesBar(sentence=self._failed_sentence)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.title)
        bar.addSpacing(8)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category_box)
        bar.addWidget(self.language_box)
        left = QWidget(objectName="kbResultsPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 0, 0, 12)
        left_layout.setSpacing(4)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.results, 1)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="kbSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.viewer)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        top = QWidget(objectName="kbSearchBar")
        top.setLayout(bar)
        bar.setContentsMargins(12, 0, 12, 0)
        layout.addWidget(top)
        layout.addWidget(self.failed)
        layout.addWidget(split, 1)

        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._open_first)
        self.category_box.activated.connect(lambda _i: self.run_search())
        self.language_box.activated.connect(lambda _i: self.run_search())
        self.results.article_chosen.connect(self.open_article)
        v = self.viewer
        v.insert_requested.connect(self._insert)
        v.article_link_clicked.connect(self.open_slug)
        v.rate_requested.connect(self._rate)
        v.flag_requested.connect(self.ask_flag)
        v.propose_requested.connect(self.ask_propose)
        v.history_requested.connect(self.show_history)
        v.copied.connect(lambda _t: self.notice.emit(tr("Link copied.")))
        self.failed.retry_requested.connect(commands.retry)
        self.failed.discard_requested.connect(commands.discard)
        bridge.changed.connect(self._on_changes)
        self.failed.set_items(commands.failed_items())
        self.retranslate()  # fills the filters and runs the first (browse) search

    # --- public ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_query(self, text: str) -> None:
        """Search for `text` at once (no debounce): the palette and tests use it."""
        self.search.setText(text)
        self._debounce.stop()
        self.run_search()

    def set_reply_language(self, code: str | None) -> None:
        """The customer language of the ticket whose reply is open (None: no ticket)."""
        self.viewer.set_reply_language(code)

    def open_article(self, article_id: int, lang: str | None = None) -> bool:
        article = self._kb.article(article_id)
        if article is None:
            self.notice.emit(tr("This article is no longer in the knowledge base."))
            return False
        self.viewer.show_article(article, lang or self._preferred_language())
        return True

    def open_slug(self, slug: str) -> bool:
        article = self._kb.article_by_slug(slug)
        if article is None:
            self.notice.emit(tr("The linked article is not in the knowledge base."))
            return False
        self.viewer.show_article(article, self.viewer.language() or None)
        return True

    def category_filter(self) -> str | None:
        return self.category_box.currentData() or None

    def language_filter(self) -> str | None:
        return self.language_box.currentData() or None

    def run_search(self) -> None:
        text = self.search.text().strip()
        category, lang = self.category_filter(), self.language_filter()
        if text:
            hits = self._kb.search(
                text,
                lang=lang,
                prefer_lang=lang or query_language(text, self._preferred_language()),
                category=category,
                limit=MAX_RESULTS,
            )
            rows = [row_for_hit(hit, self._detail(hit.category, hit.lang)) for hit in hits]
            self.count.setText(
                tr("{n} articles match", n=len(rows)) if rows else tr("No article matches.")
            )
        else:
            rows = self._browse(category, lang)
            self.count.setText(tr("{n} articles", n=len(rows)))
        self.results.set_rows(rows)

    def retranslate(self) -> None:
        self.title.setText(tr("Knowledge base"))
        self.search.setPlaceholderText(tr("Search articles in any language…"))
        _fill(
            self.category_box,
            tr("All categories"),
            [(kb_category_label(c), c) for c in KB_CATEGORIES],
        )
        _fill(
            self.language_box,
            tr("All languages"),
            [(kb_language_label(code), code) for code in KB_LANGUAGES],
        )
        self.viewer.retranslate()
        self.run_search()

    # --- internals ---------------------------------------------------------------------------

    def _preferred_language(self) -> str:
        ui = base_language(language())
        return ui if ui in KB_LANGUAGES else "en"

    def _detail(self, category: str, lang: str) -> str:
        return f"{kb_category_label(category)} · {kb_language_label(lang)}"

    def _browse(self, category: str | None, lang: str | None) -> list[ResultRow]:
        preferred = lang or self._preferred_language()
        rows: list[tuple[str, ResultRow]] = []
        for article in self._kb.articles():
            if category is not None and article.category != category:
                continue
            if lang is not None and lang not in article.locales:
                continue
            shown = reply_language(article.locales, preferred)
            row = row_for_article(article, shown, self._detail(article.category, shown))
            rows.append((article.locales[shown].title.casefold(), row))
        rows.sort(key=lambda pair: pair[0])
        return [row for _key, row in rows]

    def _open_first(self) -> None:
        self._debounce.stop()
        self.run_search()
        if self.results.rows():
            self.results.choose(0)

    def _failed_sentence(self, item: OutboxItem) -> str:
        article = self._kb.article(item.target_id)
        title = (
            article_title(article, self._preferred_language()) if article else f"#{item.target_id}"
        )
        error = item.error or tr("the server refused it")
        if item.kind == OutboxKind.KB_FEEDBACK:
            return tr("Your rating of “{title}” was not saved: {error}", title=title, error=error)
        if item.kind == OutboxKind.KB_FLAG:
            return tr(
                "Your outdated flag on “{title}” was not saved: {error}", title=title, error=error
            )
        return tr(
            "Your proposed edit of “{title}” was not saved: {error}", title=title, error=error
        )

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("outbox"):
            self.failed.set_items(self._commands.failed_items())
        if not batch.touches("kb"):
            return
        self.run_search()
        article = self.viewer.article()
        if article is not None and batch.touches("kb", article.id):
            fresh = self._kb.article(article.id)
            if fresh is not None:
                self.viewer.show_article(fresh, self.viewer.language())

    def _insert(self, text: str) -> None:
        self.insert_into_reply.emit(text)

    def _rate(self, article_id: int, helpful: bool) -> None:
        if self._act(lambda: self._commands.rate_article(article_id, helpful)):
            self.notice.emit(tr("Thank you: your rating was sent."))

    def ask_flag(self, article_id: int) -> CommentDialog:
        dialog = CommentDialog(
            tr("Flag as outdated"),
            tr("What is outdated or wrong? The article's owner and the supervisors will see it."),
            tr("Flag"),
            max_chars=MAX_KB_FLAG_CHARS,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._flag(article_id, dialog.comment()))
        self.flag_dialog = dialog
        dialog.open()
        return dialog

    def _flag(self, article_id: int, comment: str) -> None:
        if self._act(lambda: self._commands.flag_article(article_id, comment)):
            self.notice.emit(tr("Thank you: the article was flagged for review."))

    def ask_propose(self, article_id: int) -> ProposeEditDialog | None:
        article = self._kb.article(article_id)
        if article is None:
            return None
        dialog = ProposeEditDialog(article, self)
        dialog.show_language(self.viewer.language())  # start where the agent was reading
        dialog.accepted.connect(lambda: self._propose(article_id, dialog))
        self.propose_dialog = dialog
        dialog.open()
        return dialog

    def _propose(self, article_id: int, dialog: ProposeEditDialog) -> None:
        revision = dialog.revision()
        if revision is not None and self._act(
            lambda: self._commands.propose_revision(article_id, revision)
        ):
            self.notice.emit(tr("Your edit was sent for review."))

    def show_history(self, article_id: int) -> HistoryDialog:
        article = self._kb.article(article_id)
        title = (
            article.locales[reply_language(article.locales, self.viewer.language())].title
            if article is not None
            else ""
        )
        if self.history_dialog is not None:
            self.history_dialog.deleteLater()
        dialog = HistoryDialog(title, self)
        self.history_dialog = dialog
        self._commands.load_history(article_id, lambda revs, error: _deliver(dialog, revs, error))
        dialog.open()
        return dialog

    def _act(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except ValueError as exc:
            self.notice.emit(str(exc))
            return False
        except Exception:
            log.exception("a knowledge-base action could not be queued")
            self.notice.emit(tr("That could not be saved. Please try again."))
            return False
        return True


def _fill(box: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
    current = box.currentData()
    box.clear()
    box.addItem(everything, "")
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(current) if current else 0
    box.setCurrentIndex(max(0, index))


def _deliver(dialog: HistoryDialog, revisions: object, error: str | None) -> None:
    # The answer may come after the dialog was closed and replaced by another one.
    if shiboken6.isValid(dialog):
        dialog.set_revisions(revisions, error)  # type: ignore[arg-type]
