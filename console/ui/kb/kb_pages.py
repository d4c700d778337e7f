"""The knowledge and review pages inside the shell, built the first time they are shown.

Neither is needed for the first paint, and the knowledge page reads every article when it
opens, so the shell keeps light stand-ins until the agent goes there (or a suggested article,
a review item or a notification asks for one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.api.schemas import AgentOut
    from console.store import Store
    from console.ui.change_bridge import ChangeBridge
    from console.ui.kb.knowledge_page import KnowledgePage
    from console.ui.kb.ports import KbIntents
    from console.ui.kb.review_page import ReviewPage

__all__ = ["KB_PAGES", "KbPages"]

KB_PAGES = ("knowledge", "review")


class _Shell(Protocol):
    """What the pages need of the main window."""

    def place_page(self, key: str, page: QWidget) -> None: ...

    def show_page(self, key: str) -> None: ...

    def show_notice(self, text: str, timeout_ms: int = 8000) -> None: ...

    def open_article(self, article_id: int, lang: str = "") -> None: ...

    def insert_into_reply(self, text: str) -> None: ...

    def reply_language(self) -> str | None: ...


class KbPages(QObject):
    def __init__(
        self,
        shell: _Shell,
        store: Store,
        bridge: ChangeBridge,
        intents: KbIntents,
        me: AgentOut,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._store = store
        self._bridge = bridge
        self._intents = intents
        self._me = me
        self.knowledge: KnowledgePage | None = None
        self.review: ReviewPage | None = None

    def ensure(self, key: str) -> None:
        """Build the page for `key` if it is not there yet; refresh what depends on the ticket."""
        if key == "knowledge":
            if self.knowledge is None:
                from console.ui.kb.knowledge_page import KnowledgePage

                page = self.knowledge = KnowledgePage(self._store.kb, self._bridge, self._intents)
                page.notice.connect(self._shell.show_notice)
                page.insert_into_reply.connect(self._shell.insert_into_reply)
                self._shell.place_page(key, page)
            self.knowledge.set_reply_language(self._shell.reply_language())
        elif key == "review" and self.review is None:
            from console.ui.kb.review_page import ReviewPage

            review = self.review = ReviewPage(self._store.kb, self._bridge, self._intents, self._me)
            review.notice.connect(self._shell.show_notice)
            review.open_article.connect(lambda article_id: self._shell.open_article(article_id))
            self._shell.place_page(key, review)

    def open_article(self, article_id: int, lang: str = "") -> None:
        self.ensure("knowledge")
        assert self.knowledge is not None
        self.knowledge.open_article(article_id, lang or None)

    def retranslate(self) -> None:
        if self.knowledge is not None:
            self.knowledge.retranslate()
        if self.review is not None:
            self.review.retranslate()
