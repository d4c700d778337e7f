"""One article: its text (safe Markdown in a QTextBrowser), the language tabs, and the actions
an agent takes with it — insert into the reply, copy the link, rate, flag, propose an edit, see
the history. The viewer only shows and emits; the knowledge page acts."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.core.kb import KB_LANGUAGES
from console.core.kb.markdown import KB_LINK_SCHEME, clean_text, kb_link_slug, render_markdown
from console.ui.i18n import tr
from console.ui.kb.article_text import copy_link_text, reply_language, reply_link, reply_snippet
from console.ui.kb.kb_labels import kb_category_label, kb_language_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut

__all__ = ["ArticleViewer", "article_html"]

# QTextBrowser's own style sheet for article text (the application QSS does not reach inside).
ARTICLE_CSS = """
h2, h3, h4 { color: #111827; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 15px; } h4 { font-size: 13px; }
p { margin-top: 4px; margin-bottom: 8px; line-height: 140%; }
li { margin-bottom: 3px; }
code { font-family: "DejaVu Sans Mono", monospace; background-color: #f1f3f6; }
a { color: #1d4ed8; }
"""


def article_html(article: KbArticleOut, lang: str) -> str:
    locale = article.locales[lang]
    summary = html.escape(clean_text(locale.summary))
    parts = [
        '<table width="100%" cellpadding="10" cellspacing="0" style="margin-bottom:6px;">'
        f'<tr><td bgcolor="#eef4ff" style="color:#1e3a8a;">{summary}</td></tr></table>'
    ]
    parts.append(render_markdown(locale.body))
    return "\n".join(parts)


class ArticleViewer(QFrame):
    insert_requested = Signal(str)  # text for the open reply
    article_link_clicked = Signal(str)  # a kb: slug inside the article
    rate_requested = Signal(int, bool)  # article id, helpful
    flag_requested = Signal(int)
    propose_requested = Signal(int)
    history_requested = Signal(int)
    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbViewer")
        self._article: KbArticleOut | None = None
        self._lang = ""
        self._reply_lang: str | None = None  # None: no ticket reply to insert into
        self.title = PlainLabel(objectName="kbArticleTitle")
        self.title.setWordWrap(True)
        self.meta = PlainLabel(objectName="mutedLabel", selectable=False)
        self.meta.setWordWrap(True)
        self.lang_buttons: dict[str, QPushButton] = {}
        self._lang_group = QButtonGroup(self)
        langs = QHBoxLayout()
        langs.setSpacing(0)
        for code in KB_LANGUAGES:
            button = QPushButton(kb_language_label(code), objectName="segment")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.show_language(c))
            self._lang_group.addButton(button)
            self.lang_buttons[code] = button
            langs.addWidget(button)
        langs.addStretch(1)
        self.browser = QTextBrowser(objectName="kbArticleText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(ARTICLE_CSS)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.insert_snippet_button = QPushButton(objectName="primaryButton")
        self.insert_link_button = QPushButton(objectName="secondaryButton")
        self.copy_button = QPushButton(objectName="secondaryButton")
        self.helpful_button = QPushButton(objectName="secondaryButton")
        self.not_helpful_button = QPushButton(objectName="secondaryButton")
        self.flag_button = QPushButton(objectName="secondaryButton")
        self.propose_button = QPushButton(objectName="secondaryButton")
        self.history_button = QPushButton(objectName="linkButton")
        self.insert_snippet_button.clicked.connect(self._insert_snippet)
        self.insert_link_button.clicked.connect(self._insert_link)
        self.copy_button.clicked.connect(self.copy_link)
        self.helpful_button.clicked.connect(lambda: self._rate(True))
        self.not_helpful_button.clicked.connect(lambda: self._rate(False))
        self.flag_button.clicked.connect(lambda: self._emit_for_article(self.flag_requested))
        self.propose_button.clicked.connect(lambda: self._emit_for_article(self.propose_requested))
        self.history_button.clicked.connect(lambda: self._emit_for_article(self.history_requested))
        self.empty = PlainLabel(objectName="emptyHint", selectable=False)
        self.empty.setWordWrap(True)

        use = QHBoxLayout()
        use.setSpacing(6)
        use.addWidget(self.insert_snippet_button)
        use.addWidget(self.insert_link_button)
        use.addWidget(self.copy_button)
        use.addStretch(1)
        review = QHBoxLayout()
        review.setSpacing(6)
        for button in (self.helpful_button, self.not_helpful_button, self.flag_button):
            review.addWidget(button)
        review.addStretch(1)
        review.addWidget(self.propose_button)
        review.addWidget(self.history_button)
        self.content = QWidget(objectName="kbViewerContent")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(langs)
        layout.addLayout(use)
        layout.addWidget(self.browser, 1)
        layout.addLayout(review)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.content, 1)
        outer.addWidget(self.empty, 1)
        self.retranslate()
        self.show_article(None)

    # --- public ------------------------------------------------------------------------------

    def article(self) -> KbArticleOut | None:
        return self._article

    def language(self) -> str:
        return self._lang

    def show_article(self, article: KbArticleOut | None, lang: str | None = None) -> None:
        """Show `article` in `lang` (else the current language, else en/zh)."""
        self._article = article
        self.content.setVisible(article is not None)
        self.empty.setVisible(article is None)
        if article is None:
            self._lang = ""
            self.browser.clear()
            return
        for code, button in self.lang_buttons.items():
            button.setVisible(code in article.locales)
        self.show_language(reply_language(article.locales, lang or self._lang))

    def show_language(self, lang: str) -> None:
        article = self._article
        if article is None or lang not in article.locales:
            return
        self._lang = lang
        self.lang_buttons[lang].setChecked(True)
        self.title.setText(clean_text(article.locales[lang].title))
        self.browser.setHtml(article_html(article, lang))
        self._refresh_meta()
        self._refresh_insert()

    def set_reply_language(self, code: str | None) -> None:
        """The open ticket's customer language; None when there is no reply to insert into."""
        self._reply_lang = code
        self._refresh_insert()

    def insert_language(self) -> str | None:
        if self._article is None or self._reply_lang is None:
            return None
        return reply_language(self._article.locales, self._reply_lang)

    def copy_link(self) -> None:
        if self._article is None:
            return
        text = copy_link_text(self._article, self._lang)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

    def retranslate(self) -> None:
        self.insert_link_button.setText(tr("Insert link"))
        self.copy_button.setText(tr("Copy link"))
        self.helpful_button.setText(tr("Helpful"))
        self.not_helpful_button.setText(tr("Not helpful"))
        self.flag_button.setText(tr("Flag outdated…"))
        self.propose_button.setText(tr("Propose edit…"))
        self.history_button.setText(tr("Version history"))
        self.empty.setText(tr("Search the knowledge base, then choose an article to read it."))
        self._refresh_meta()
        self._refresh_insert()

    # --- internals ---------------------------------------------------------------------------

    def _refresh_meta(self) -> None:
        article = self._article
        if article is None:
            self.meta.setText("")
            return
        parts = [
            kb_category_label(article.category),
            tr("Owner: {name}", name=article.owner_name or "—"),
            tr("Version {n}", n=article.version),
            tr("Reviewed {date}", date=article.reviewed_on.isoformat()),
            tr(
                "{up} found it helpful, {down} did not",
                up=article.helpful,
                down=article.not_helpful,
            ),
        ]
        if article.open_flags:
            parts.append(tr("{n} open flags", n=article.open_flags))
        self.meta.setText(" · ".join(parts))

    def _refresh_insert(self) -> None:
        lang = self.insert_language()
        enabled = lang is not None
        for button in (self.insert_snippet_button, self.insert_link_button):
            button.setEnabled(enabled)
            button.setToolTip(
                "" if enabled else tr("Open a ticket to insert this article into its reply.")
            )
        if lang is not None:
            self.insert_snippet_button.setText(
                tr("Insert into reply ({language})", language=kb_language_label(lang))
            )
        else:
            self.insert_snippet_button.setText(tr("Insert into reply"))

    def _insert_snippet(self) -> None:
        lang = self.insert_language()
        if self._article is not None and lang is not None:
            self.insert_requested.emit(reply_snippet(self._article, lang))

    def _insert_link(self) -> None:
        lang = self.insert_language()
        if self._article is not None and lang is not None:
            self.insert_requested.emit(reply_link(self._article, lang))

    def _rate(self, helpful: bool) -> None:
        if self._article is not None:
            self.rate_requested.emit(self._article.id, helpful)

    def _emit_for_article(self, signal: SignalInstance) -> None:
        if self._article is not None:
            signal.emit(self._article.id)

    def _anchor_clicked(self, url: QUrl) -> None:
        # Only article links are ever rendered as anchors; anything else is ignored.
        slug = kb_link_slug(url.toString())
        if url.scheme() == KB_LINK_SCHEME and slug is not None:
            self.article_link_clicked.emit(slug)
