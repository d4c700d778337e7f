"""What the knowledge views need from the layers below, as small protocols.

`KbSource` is the store's knowledge base (`store.kb`); `KbIntents` is what the session does for
the views: queue feedback, flags and proposed edits through the outbox, and run the online-only
review actions, reporting back on the GUI thread. Views never talk HTTP or SQL themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from console.api.schemas_kb import KbArticleOut, KbFlagOut, KbRevisionCreate, KbRevisionOut
    from console.core.kb import KbHit
    from console.store import OutboxItem

__all__ = ["Done", "KbIntents", "KbSource"]

# A finished online action: None when it worked, else a sentence for the agent.
Done = Callable[[str | None], None]


class KbSource(Protocol):
    def article(self, article_id: int) -> KbArticleOut | None: ...

    def article_by_slug(self, slug: str) -> KbArticleOut | None: ...

    def articles(self) -> list[KbArticleOut]: ...

    def count(self) -> int: ...

    def review_due(self, owner_id: int, today: date) -> list[KbArticleOut]: ...

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        prefer_lang: str | None = None,
        category: str | None = None,
        limit: int | None = 20,
    ) -> list[KbHit]: ...

    def suggest(
        self, text: str, *, prefer_lang: str | None = None, limit: int = 3
    ) -> list[KbHit]: ...


class KbIntents(Protocol):
    @property
    def review_changed(self) -> SignalInstance:
        """Emitted (GUI thread) when a flag or revision event arrives: review lists are stale."""
        ...

    def rate_article(self, article_id: int, helpful: bool) -> None:
        """Queue a helpful / not helpful vote (a second vote replaces the first)."""
        ...

    def flag_article(self, article_id: int, comment: str) -> None:
        """Queue an "outdated" flag; raises ValueError when the comment is not acceptable."""
        ...

    def propose_revision(self, article_id: int, revision: KbRevisionCreate) -> None:
        """Queue a proposed edit for review."""
        ...

    def load_history(
        self, article_id: int, done: Callable[[list[KbRevisionOut] | None, str | None], None]
    ) -> None:
        """Every revision of the article, newest first; (None, reason) when it failed."""
        ...

    def load_review_queue(
        self,
        done: Callable[[list[KbFlagOut] | None, list[KbRevisionOut] | None, str | None], None],
    ) -> None:
        """Open flags and proposed revisions (supervisors); (None, None, reason) on failure."""
        ...

    def approve_revision(self, revision_id: int, comment: str, done: Done) -> None: ...

    def reject_revision(self, revision_id: int, comment: str, done: Done) -> None: ...

    def resolve_flag(self, flag_id: int, done: Done) -> None: ...

    def failed_items(self) -> list[OutboxItem]:
        """Ratings, flags and proposed edits the server refused, kept until retried or dropped."""
        ...

    def retry(self, outbox_id: int) -> None: ...

    def discard(self, outbox_id: int) -> None: ...

    def mark_reviewed(self, article_id: int, done: Done) -> None:
        """ "Still accurate": the owner confirms the article; its review date moves on."""
        ...
