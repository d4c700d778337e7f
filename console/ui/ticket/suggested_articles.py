"""Suggested articles for the open ticket: the three the knowledge base finds for its subject
and what the customer wrote, in the customer's language where the article has it. A click opens
the article on the knowledge page; "Insert" puts its summary into the reply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import MessageKind
from console.core.kb.markdown import clean_text
from console.ui.i18n import tr
from console.ui.kb.article_text import base_language, reply_snippet
from console.ui.widgets.clickable_row import ClickableRow
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import MessageOut, TicketOut
    from console.api.schemas_kb import KbArticleOut
    from console.core.kb import KbHit

__all__ = ["SUGGESTION_TEXT_CHARS", "SuggestedArticles", "ticket_text"]

SUGGESTION_TEXT_CHARS = 4000  # the subject and the start of the conversation say what it is about
SUGGESTIONS = 3
SNIPPET_CHARS = 90  # three cards fit the side panel without scrolling


class _Suggester(Protocol):
    def suggest(
        self, text: str, *, prefer_lang: str | None = None, limit: int = 3
    ) -> list[KbHit]: ...

    def article(self, article_id: int) -> KbArticleOut | None: ...


def ticket_text(ticket: TicketOut, messages: Sequence[MessageOut]) -> str:
    """The subject and the customer's own messages, oldest first, capped."""
    parts = [ticket.subject]
    parts += [m.body for m in messages if m.kind == MessageKind.CUSTOMER]
    return "\n".join(parts)[:SUGGESTION_TEXT_CHARS]


class SuggestedArticles(QScrollArea):
    open_article = Signal(int, str)  # article id, the language to show
    insert_text = Signal(str)

    def __init__(self, kb: _Suggester, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestedArticles")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._kb = kb
        self._language = ""
        self._text = ""
        self._stale = False
        self.hits: list[KbHit] = []
        self.rows: list[ClickableRow] = []
        self.insert_buttons: list[QPushButton] = []
        canvas = QWidget(objectName="sideCanvas")
        self._layout = QVBoxLayout(canvas)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(6)
        self.title = QLabel(objectName="panelTitle")
        self.empty = PlainLabel(objectName="mutedLabel", selectable=False)
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.setWidget(canvas)
        self.retranslate()

    def set_ticket(self, ticket: TicketOut | None, messages: Sequence[MessageOut]) -> None:
        """Suggest for this ticket; nothing is searched again when its text did not change."""
        if ticket is None:
            self._text, self._language, self._stale = "", "", False
            self._show([])
            return
        text, lang = ticket_text(ticket, messages), base_language(ticket.language)
        if text == self._text and lang == self._language:
            return
        self._text, self._language = text, lang
        self.refresh()

    def refresh(self) -> None:
        """Search again (another ticket, or the knowledge base changed) — at once when the
        panel is on screen, else when it is next shown: switching tickets stays cheap."""
        self._stale = True
        if self.isVisible():
            self._search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._search()

    def _search(self) -> None:
        self._stale = False
        text = self._text
        hits = self._kb.suggest(text, prefer_lang=self._language, limit=SUGGESTIONS)
        self._show(hits if text.strip() else [])

    def retranslate(self) -> None:
        self.title.setText(tr("Suggested articles"))
        self.empty.setText(tr("No article matches this ticket yet."))
        for button in self.insert_buttons:
            button.setText(tr("Insert"))
            button.setToolTip(tr("Insert the article's summary into the reply"))

    def insert(self, index: int) -> None:
        article = self._kb.article(self.hits[index].article_id)
        if article is not None:
            self.insert_text.emit(reply_snippet(article, self._language))

    def _show(self, hits: list[KbHit]) -> None:
        for row in self.rows:
            card = row.parentWidget()
            if card is not None:
                card.deleteLater()
        self.hits = hits
        self.rows = []
        self.insert_buttons = []
        for index, hit in enumerate(hits):
            card = QFrame(objectName="suggestedArticle")
            row = ClickableRow(
                clean_text(hit.title), clean_text(hit.snippet), objectName="ticketLink"
            )
            row.setToolTip(tr("Open in the knowledge base"))
            row.clicked.connect(lambda h=hit: self.open_article.emit(h.article_id, h.lang))
            button = QPushButton(objectName="secondaryButton")
            button.clicked.connect(lambda _=False, i=index: self.insert(i))
            line = QHBoxLayout(card)
            line.setContentsMargins(0, 0, 6, 0)
            line.addWidget(row, 1)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._layout.insertWidget(1 + index, card)
            self.rows.append(row)
            self.insert_buttons.append(button)
        self.empty.setVisible(not hits)
        self.retranslate()


def _short(snippet: str) -> str:
    text = " ".join(clean_text(snippet).split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"
