"""SupportClient methods of the knowledge base: articles, search, feedback, flags, revisions.
A mixin over SupportClient's plumbing (see client.py)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import parse, parse_list
from console.api.schemas_kb import (
    KbArticleOut,
    KbArticlePage,
    KbFeedbackCreate,
    KbFlagCreate,
    KbFlagOut,
    KbHitOut,
    KbRevisionCreate,
    KbRevisionDecision,
    KbRevisionOut,
    KbRevisionState,
    KbState,
)

_HITS = TypeAdapter(list[KbHitOut])
_FLAGS = TypeAdapter(list[KbFlagOut])
_REVISIONS = TypeAdapter(list[KbRevisionOut])


class KbMethods(RequestMixin):
    # --- reading -----------------------------------------------------------------------------

    async def kb_articles(self, after_id: int = 0, limit: int = 500) -> KbArticlePage:
        """One page of published articles in id order; follow next_after_id until None."""
        params = {"after_id": after_id, "limit": limit}
        return parse(await self._request("GET", "/kb/articles", params=params), KbArticlePage)

    async def kb_article(self, article_id: int) -> KbArticleOut:
        return parse(await self._request("GET", f"/kb/articles/{article_id}"), KbArticleOut)

    async def kb_search(
        self,
        q: str,
        *,
        lang: str | None = None,
        category: str | None = None,
        limit: int = 20,
    ) -> list[KbHitOut]:
        params: dict[str, Any] = {"q": q, "limit": limit}
        if lang is not None:
            params["lang"] = lang
        if category is not None:
            params["category"] = category
        return parse_list(await self._request("GET", "/kb/search", params=params), _HITS)

    async def kb_flags(self, state: KbState = "open") -> list[KbFlagOut]:
        return parse_list(await self._request("GET", "/kb/flags", params={"state": state}), _FLAGS)

    async def kb_revisions(self, state: KbRevisionState = "proposed") -> list[KbRevisionOut]:
        response = await self._request("GET", "/kb/revisions", params={"state": state})
        return parse_list(response, _REVISIONS)

    async def kb_history(self, article_id: int) -> list[KbRevisionOut]:
        """Every revision of the article, newest first; the published ones carry a number."""
        response = await self._request("GET", f"/kb/articles/{article_id}/revisions")
        return parse_list(response, _REVISIONS)

    # --- every agent -------------------------------------------------------------------------

    async def kb_feedback(
        self, article_id: int, body: KbFeedbackCreate, *, idempotency_key: str
    ) -> KbArticleOut:
        response = await self._request(
            "POST",
            f"/kb/articles/{article_id}/feedback",
            body=body,
            idempotency_key=idempotency_key,
        )
        return parse(response, KbArticleOut)

    async def kb_flag(
        self, article_id: int, body: KbFlagCreate, *, idempotency_key: str
    ) -> KbFlagOut:
        response = await self._request(
            "POST", f"/kb/articles/{article_id}/flags", body=body, idempotency_key=idempotency_key
        )
        return parse(response, KbFlagOut)

    async def kb_propose(
        self, article_id: int, body: KbRevisionCreate, *, idempotency_key: str
    ) -> KbRevisionOut:
        response = await self._request(
            "POST",
            f"/kb/articles/{article_id}/revisions",
            body=body,
            idempotency_key=idempotency_key,
        )
        return parse(response, KbRevisionOut)

    # --- owners and supervisors --------------------------------------------------------------

    async def kb_resolve_flag(self, flag_id: int, *, idempotency_key: str) -> KbFlagOut:
        response = await self._request(
            "POST", f"/kb/flags/{flag_id}/resolve", idempotency_key=idempotency_key
        )
        return parse(response, KbFlagOut)

    async def kb_approve(
        self,
        revision_id: int,
        body: KbRevisionDecision | None = None,
        *,
        idempotency_key: str,
    ) -> KbArticleOut:
        """Publishes the revision; returns the article at its new version."""
        response = await self._request(
            "POST",
            f"/kb/revisions/{revision_id}/approve",
            body=body or KbRevisionDecision(),
            idempotency_key=idempotency_key,
        )
        return parse(response, KbArticleOut)

    async def kb_reject(
        self, revision_id: int, body: KbRevisionDecision, *, idempotency_key: str
    ) -> KbRevisionOut:
        response = await self._request(
            "POST",
            f"/kb/revisions/{revision_id}/reject",
            body=body,
            idempotency_key=idempotency_key,
        )
        return parse(response, KbRevisionOut)

    async def kb_mark_reviewed(self, article_id: int, *, idempotency_key: str) -> KbArticleOut:
        """Confirms the article is still accurate: its review date becomes today."""
        response = await self._request(
            "POST", f"/kb/articles/{article_id}/reviewed", idempotency_key=idempotency_key
        )
        return parse(response, KbArticleOut)
