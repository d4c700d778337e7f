"""Pick a knowledge-base article to put into the chat: suggestions for the customer's last
message at first, search as you type; the chosen article goes in as its summary and the public
link, in the customer's language (ui/kb/article_text)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import tr
from console.ui.kb.article_text import reply_link, reply_snippet
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.ui.kb.ports import KbSource

__all__ = ["ArticlePicker", "article_insert_text"]

_DEBOUNCE_MS = 120


def article_insert_text(kb: KbSource, article_id: int, lang: str) -> str | None:
    """What goes into the chat for the article: its summary, then title and link."""
    article = kb.article(article_id)
    if article is None:
        return None
    return f"{reply_snippet(article, lang)}\n{reply_link(article, lang)}"


class ArticlePicker(QDialog):
    def __init__(self, kb: KbSource, lang: str, context: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articlePicker")
        self.setWindowTitle(tr("Insert an article"))
        self._kb = kb
        self._lang = lang
        self._context = context
        self.search = QLineEdit(objectName="kbSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.setPlaceholderText(tr("Search articles…"))
        self.caption = PlainLabel(objectName="mutedLabel", selectable=False)
        self.results = QListWidget(objectName="kbReviewList")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Insert"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.caption)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self._debounce = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.results.currentRowChanged.connect(lambda _r: self._update_ok())
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text().strip()
        if query:
            hits = self._kb.search(query, prefer_lang=self._lang, limit=20)
            self.caption.setText(tr("{n} articles found", n=len(hits)))
        else:
            hits = self._kb.suggest(self._context, prefer_lang=self._lang, limit=5)
            self.caption.setText(
                tr("Suggested for the customer's last message")
                if hits
                else tr("Type to search the knowledge base.")
            )
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}\n{hit.snippet[:140]}")
            item.setData(Qt.ItemDataRole.UserRole, hit.article_id)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self._update_ok()

    def chosen_article(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen_article() is not None)
