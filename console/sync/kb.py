"""The knowledge base on the sync engine: fetching articles, the agent's review-loop commands, and
delivering them from the outbox.

Ratings, flags and proposed edits are outbox commands (validated before they are queued, never
lost, sent with their own idempotency key until the server confirms them). Reviewing them is
online work for supervisors and owners: those calls go straight to the server and raise ApiError
(ServerUnreachable when there is no answer) to the caller, which shows it; an article the server
returns is put into the store at once, before the event announcing it arrives.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from console.api.client import SupportClient, new_idempotency_key
from console.api.schemas_kb import (
    KbArticleOut,
    KbFeedbackCreate,
    KbFlagCreate,
    KbFlagOut,
    KbRevisionCreate,
    KbRevisionDecision,
    KbRevisionOut,
    KbRevisionState,
    KbState,
)
from console.store import OutboxItem, OutboxKind, Store

__all__ = ["KbCommands", "deliver_kb", "fetch_all_articles"]

log = logging.getLogger(__name__)

# Small pages: each is parsed on the GUI thread's event loop, where 500 articles in four
# languages would hold up typing for a noticeable moment.
PAGE_SIZE = 40


async def fetch_all_articles(
    client: SupportClient, store: Store, page_size: int = PAGE_SIZE
) -> int:
    """Every published article, page by page, into the store; returns how many arrived.
    Raises ApiError (the pages already stored stay)."""
    after_id = 0
    total = 0
    while True:
        page = await client.kb_articles(after_id=after_id, limit=page_size)
        if page.articles:
            await asyncio.to_thread(store.kb.put_articles, page.articles)
            total += len(page.articles)
        if page.next_after_id is None or not page.articles:
            return total
        after_id = page.next_after_id


async def deliver_kb(client: SupportClient, store: Store, item: OutboxItem) -> None:
    """Send one knowledge-base outbox item and mark it done (the outbox sender's part for
    KB_OUTBOX_KINDS; ApiError and ValidationError are the sender's to handle)."""
    key, article_id, payload = item.idempotency_key, item.target_id, item.payload
    article: KbArticleOut | None = None
    if item.kind == OutboxKind.KB_FEEDBACK:
        feedback = KbFeedbackCreate.model_validate(payload)
        article = await client.kb_feedback(article_id, feedback, idempotency_key=key)
    elif item.kind == OutboxKind.KB_FLAG:
        flag = KbFlagCreate.model_validate(payload)
        await client.kb_flag(article_id, flag, idempotency_key=key)
    elif item.kind == OutboxKind.KB_REVISION:
        revision = KbRevisionCreate.model_validate(payload)
        await client.kb_propose(article_id, revision, idempotency_key=key)
    else:
        await asyncio.to_thread(store.mark_failed, item.id, f"unknown command {item.kind!r}")
        return
    if article is not None:  # first: once the item is done, the cache shows what it did
        await asyncio.to_thread(store.kb.put_articles, [article])
    await asyncio.to_thread(store.mark_done, item.id)


class KbCommands:
    """Mixed into SyncEngine, which provides `_client`, `_store` and `_queue`."""

    _client: SupportClient
    _store: Store

    if TYPE_CHECKING:

        def _queue(self, kind: str, target_id: int, payload: dict[str, object]) -> int: ...

    # --- every agent: queued, sent when online ---------------------------------------------------

    def rate_article(self, article_id: int, helpful: bool, comment: str = "") -> int:
        """Helpful or not (a later vote replaces an earlier one). Returns the outbox id;
        raises pydantic's ValidationError for a comment the server would refuse."""
        body = KbFeedbackCreate(helpful=helpful, comment=comment)
        return self._queue(OutboxKind.KB_FEEDBACK, article_id, body.model_dump(mode="json"))

    def flag_article(self, article_id: int, comment: str) -> int:
        """Flag the article as outdated or wrong; the comment says what. Returns the outbox id."""
        body = KbFlagCreate(comment=comment)
        return self._queue(OutboxKind.KB_FLAG, article_id, body.model_dump(mode="json"))

    def propose_revision(self, article_id: int, revision: KbRevisionCreate) -> int:
        """Propose an edit (the article's whole new content against `base_version`) for a
        supervisor to review. Returns the outbox id."""
        # Validated again: a model built with model_construct (or mutated) skipped the checks.
        body = KbRevisionCreate.model_validate(revision.model_dump(mode="json"))
        return self._queue(OutboxKind.KB_REVISION, article_id, body.model_dump(mode="json"))

    # --- online: review pages, owners and supervisors (raise ApiError) ---------------------------

    async def fetch_kb_article(self, article_id: int) -> KbArticleOut:
        """The server's current copy of one article, into the store."""
        article = await self._client.kb_article(article_id)
        await asyncio.to_thread(self._store.kb.put_articles, [article])
        return article

    async def fetch_kb_flags(self, state: KbState = "open") -> list[KbFlagOut]:
        return await self._client.kb_flags(state)

    async def fetch_kb_revisions(self, state: KbRevisionState = "proposed") -> list[KbRevisionOut]:
        return await self._client.kb_revisions(state)

    async def fetch_kb_history(self, article_id: int) -> list[KbRevisionOut]:
        """Every revision of the article, newest first."""
        return await self._client.kb_history(article_id)

    async def approve_revision(self, revision_id: int, comment: str = "") -> KbArticleOut:
        """Publish a proposed revision (supervisors); the new version is stored at once."""
        body = KbRevisionDecision(comment=comment)
        article = await self._client.kb_approve(
            revision_id, body, idempotency_key=new_idempotency_key()
        )
        await asyncio.to_thread(self._store.kb.put_articles, [article])
        return article

    async def reject_revision(self, revision_id: int, comment: str) -> KbRevisionOut:
        body = KbRevisionDecision(comment=comment)
        return await self._client.kb_reject(
            revision_id, body, idempotency_key=new_idempotency_key()
        )

    async def resolve_kb_flag(self, flag_id: int) -> KbFlagOut:
        """Close a flag (supervisors, or the article's owner)."""
        return await self._client.kb_resolve_flag(flag_id, idempotency_key=new_idempotency_key())

    async def mark_article_reviewed(self, article_id: int) -> KbArticleOut:
        """ "Still accurate": the review date becomes today (owner or supervisor)."""
        article = await self._client.kb_mark_reviewed(
            article_id, idempotency_key=new_idempotency_key()
        )
        await asyncio.to_thread(self._store.kb.put_articles, [article])
        return article
