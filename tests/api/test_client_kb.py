"""SupportClient's knowledge-base methods against a real server on loopback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from datetime import date
from typing import Any, TypeVar

import pytest
from client_live_server import PASSWORD, LiveServer

from console.api.client import SupportClient, new_idempotency_key
from console.api.errors import ApiError
from console.api.schemas_kb import (
    KbFeedbackCreate,
    KbFlagCreate,
    KbHitOut,
    KbRevisionCreate,
    KbRevisionDecision,
)
from console.server.demo.kb_content import KbSeedArticle
from console.server.demo.kb_seed import seed_demo_kb

T = TypeVar("T")


def _article(n: int) -> KbSeedArticle:
    return KbSeedArticle(
        slug=f"client-test-{n}",
        category="deposit_withdrawal" if n % 2 else "fees",
        tags=("充值",) if n % 2 else ("fee",),
        owner="alice" if n == 0 else "sara",
        reviewed=date(2026, 2, 1),
        review_every_days=180,
        locales={
            "zh": {
                "title": f"充值未到账 {n}" if n % 2 else f"手续费说明 {n}",
                "summary": "摘要。",
                "body": "正文。",
            },
            "en": {
                "title": f"Deposit missing {n}" if n % 2 else f"Fees explained {n}",
                "summary": "Summary.",
                "body": "Body.",
            },
        },
    )


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 60))


async def _signed_in(server: LiveServer, username: str) -> SupportClient:
    client = SupportClient(server.url)
    await client.login(username, PASSWORD)
    return client


async def _search_until(client: SupportClient, q: str, **kw: Any) -> list[KbHitOut]:
    """The server notices articles written by another process (here: the test) within a
    second or so; a publish through the API is searchable at once."""
    deadline = time.monotonic() + 5
    while True:
        hits = await client.kb_search(q, **kw)
        if hits or time.monotonic() > deadline:
            return hits
        await asyncio.sleep(0.1)


@pytest.fixture(scope="module")
def kb_server(live_server: LiveServer) -> LiveServer:
    seed_demo_kb(live_server.db, [_article(n) for n in range(7)])
    return live_server


def test_reading_paging_and_search(kb_server: LiveServer) -> None:
    async def main() -> None:
        alice = await _signed_in(kb_server, "alice")
        try:
            first = await alice.kb_articles(limit=3)
            pages = [first]
            while pages[-1].next_after_id is not None:
                pages.append(await alice.kb_articles(after_id=pages[-1].next_after_id, limit=3))
            articles = [a for p in pages for a in p.articles]
            one = await alice.kb_article(articles[0].id)
            hits = await _search_until(alice, "充值", lang="zh")
            synonyms = await alice.kb_search("入金", lang="zh")
            fees = await alice.kb_search("fee", category="fees")
            with pytest.raises(ApiError) as missing:
                await alice.kb_article(999_999)
            with pytest.raises(ApiError) as bad:
                await alice.kb_search("提币", lang="fr")
        finally:
            await alice.aclose()
        assert [len(p.articles) for p in pages] == [3, 3, 1]
        assert [a.slug for a in articles] == [f"client-test-{n}" for n in range(7)]
        assert one == articles[0]
        deposit_ids = {a.id for a in articles if a.category == "deposit_withdrawal"}
        assert {h.article_id for h in hits} == deposit_ids
        assert all(h.lang == "zh" and "充值" in h.title for h in hits)
        assert {h.article_id for h in synonyms} == deposit_ids
        assert fees and all(h.category == "fees" for h in fees)
        assert missing.value.status == 404 and bad.value.status == 422

    run(main())


def test_review_loop_through_the_client(kb_server: LiveServer) -> None:
    async def main() -> None:
        alice = await _signed_in(kb_server, "alice")
        sara = await _signed_in(kb_server, "sara")
        try:
            page = await alice.kb_articles()
            article = next(a for a in page.articles if a.slug == "client-test-1")
            owned = next(a for a in page.articles if a.slug == "client-test-0")
            voted = await alice.kb_feedback(
                article.id, KbFeedbackCreate(helpful=True), idempotency_key=new_idempotency_key()
            )
            flag_key = new_idempotency_key()
            flag = await alice.kb_flag(
                article.id, KbFlagCreate(comment="Confirmations changed"), idempotency_key=flag_key
            )
            flag_replay = await alice.kb_flag(
                article.id, KbFlagCreate(comment="Confirmations changed"), idempotency_key=flag_key
            )
            open_flags = await sara.kb_flags()
            with pytest.raises(ApiError) as not_owner:
                await alice.kb_resolve_flag(flag.id, idempotency_key=new_idempotency_key())
            resolved = await sara.kb_resolve_flag(flag.id, idempotency_key=new_idempotency_key())
            resolved_flags = await sara.kb_flags("resolved")

            edit = KbRevisionCreate(
                base_version=article.version,
                locales={**article.locales},
                tags=["充值", "platypus"],
                category=article.category,
                note="new tag",
            )
            proposed = await alice.kb_propose(
                article.id, edit, idempotency_key=new_idempotency_key()
            )
            pending = await sara.kb_revisions()
            with pytest.raises(ApiError) as not_supervisor:
                await alice.kb_approve(proposed.id, idempotency_key=new_idempotency_key())
            published = await sara.kb_approve(proposed.id, idempotency_key=new_idempotency_key())
            found = await alice.kb_search("platypus")
            history = await alice.kb_history(article.id)
            second = await alice.kb_propose(article.id, edit, idempotency_key=new_idempotency_key())
            with pytest.raises(ApiError) as stale:
                await sara.kb_approve(
                    second.id,
                    KbRevisionDecision(comment="x"),
                    idempotency_key=new_idempotency_key(),
                )
            rejected = await sara.kb_reject(
                second.id,
                KbRevisionDecision(comment="stale"),
                idempotency_key=new_idempotency_key(),
            )
            reviewed = await alice.kb_mark_reviewed(owned.id, idempotency_key=new_idempotency_key())
        finally:
            await alice.aclose()
            await sara.aclose()

        assert voted.helpful == article.helpful + 1
        assert flag_replay == flag and flag in open_flags
        assert not_owner.value.status == 403 and not_owner.value.code == "forbidden"
        assert resolved.state == "resolved" and resolved in resolved_flags
        assert proposed.state == "proposed" and proposed in pending
        assert not_supervisor.value.status == 403
        assert published.version == article.version + 1 and "platypus" in published.tags
        assert [h.article_id for h in found] == [article.id]
        assert [(h.number, h.state) for h in history] == [(2, "published"), (1, "published")]
        assert stale.value.status == 409 and stale.value.code == "conflict"
        assert rejected.state == "rejected" and rejected.review_comment == "stale"
        assert reviewed.id == owned.id and reviewed.reviewed_on >= date(2026, 2, 1)

    run(main())
