"""The knowledge base through the sync engine against the real server: articles at connect, live
publication, ratings and flags through the outbox, the review round trip."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from engine_harness import engine_running
from sync_fixtures import (
    FaultyTransport,
    LoopbackServer,
    lose_response,
    run,
    signed_in,
    wait_until,
)

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import EventOut
from console.api.schemas_kb import KbArticleOut, KbFlagCreate, KbLocale, KbRevisionCreate
from console.core.domain import EventType
from console.store import OutboxState, Store
from console.sync import ConnectionState


def _done(store: Store, item_id: int) -> bool:
    item = store.outbox_item(item_id)
    return item is not None and item.state == OutboxState.DONE


async def _server_articles(client: SupportClient) -> list[KbArticleOut]:
    found: list[KbArticleOut] = []
    after = 0
    while True:
        page = await client.kb_articles(after_id=after, limit=100)
        found += page.articles
        if page.next_after_id is None:
            return found
        after = page.next_after_id


def _edit(article: KbArticleOut, en_title: str, note: str = "") -> KbRevisionCreate:
    locales = dict(article.locales)
    en = locales["en"]
    locales["en"] = KbLocale(title=en_title, summary=en.summary, body=en.body)
    return KbRevisionCreate(
        base_version=article.version,
        locales=locales,
        tags=list(article.tags),
        category=article.category,
        note=note,
    )


def test_articles_arrive_at_connect_and_search_works(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            expected = await _server_articles(running.client)
            assert len(expected) >= 100  # the demo knowledge base
            await wait_until(lambda: store.kb.count() == len(expected), what="articles stored")
            sample = expected[len(expected) // 2]
            stored = store.kb.article(sample.id)
            assert stored == sample
            # Found by its title (where it ranks is the search engine's own tests' business).
            hits = store.kb.search(sample.locales["zh"].title, lang="zh", limit=None)
            assert sample.id in [h.article_id for h in hits]
            assert all(h.lang == "zh" for h in hits)
            assert store.kb.search("提币")  # 2-character CJK query

    run(scenario())


def test_published_revision_arrives_live_and_is_found_by_search(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        seen: list[EventOut] = []
        async with engine_running(server.url, store) as running:
            running.engine.kb_listeners.append(seen.append)
            await running.online()
            await wait_until(lambda: store.kb.count() > 0, what="articles stored")
            article = store.kb.articles()[3]
            word = "Zephyrquartz"
            item = running.engine.propose_revision(article.id, _edit(article, f"{word} limits"))
            await wait_until(lambda: _done(store, item), what="revision proposed")
            sara = await signed_in(server.url, "sara")
            (revision,) = [r for r in await sara.kb_revisions() if r.article_id == article.id]
            assert revision.state == "proposed" and revision.author_name == "Alice Zhou"
            assert store.kb.search(word) == []
            await sara.kb_approve(revision.id, idempotency_key=uuid.uuid4().hex)
            await wait_until(lambda: bool(store.kb.search(word)), what="published revision")
            (hit,) = store.kb.search(word)
            assert (hit.article_id, hit.lang, hit.title) == (article.id, "en", f"{word} limits")
            current = store.kb.article(article.id)
            assert current is not None and current.version == article.version + 1
            await wait_until(
                lambda: EventType.KB_REVISION_DECIDED in {e.type for e in seen},
                what="review events",
            )
            kinds = [e.type for e in seen]
            assert EventType.KB_REVISION_PROPOSED in kinds
            assert EventType.KB_ARTICLE_CHANGED not in kinds  # that one goes to the store
            await sara.aclose()

    run(scenario())


def test_rating_queued_offline_is_delivered_once_when_the_server_returns(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            await wait_until(lambda: store.kb.count() > 0, what="articles stored")
            article = store.kb.articles()[0]
            await server.astop()
            await wait_until(lambda: running.engine.state is not ConnectionState.ONLINE)
            item = running.engine.rate_article(article.id, True, "clear steps")
            assert store.outbox_item(item).state == OutboxState.QUEUED  # type: ignore[union-attr]
            await server.astart()
            await wait_until(lambda: _done(store, item), timeout=30, what="rating delivered")
            bob = await signed_in(server.url, "bob")
            on_server = await bob.kb_article(article.id)
            assert on_server.helpful == article.helpful + 1
            assert on_server.not_helpful == article.not_helpful
            stored = store.kb.article(article.id)
            assert stored is not None and stored.helpful == article.helpful + 1
            await bob.aclose()

    run(scenario())


def test_flag_whose_answer_is_lost_is_created_once(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        transport = FaultyTransport()
        async with engine_running(server.url, store, transport=transport) as running:
            await running.online()
            await wait_until(lambda: store.kb.count() > 0, what="articles stored")
            article = store.kb.articles()[1]
            transport.add("POST", "/flags", lose_response)
            comment = f"fees changed {uuid.uuid4().hex[:8]}"
            item = running.engine.flag_article(article.id, comment)
            await wait_until(lambda: _done(store, item), timeout=30, what="flag delivered")
            keys = {key for method, path, key in transport.requests if path.endswith("/flags")}
            assert (
                len(keys) == 1 and sum(p.endswith("/flags") for _, p, _ in transport.requests) == 2
            )
            flags = [f for f in await running.engine.fetch_kb_flags() if f.comment == comment]
            assert len(flags) == 1 and flags[0].article_id == article.id

    run(scenario())


def test_invalid_commands_are_refused_before_they_are_queued(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            await wait_until(lambda: store.kb.count() > 0, what="articles stored")
            article = store.kb.articles()[0]
            with pytest.raises(ValueError):
                running.engine.flag_article(article.id, "")
            with pytest.raises(ValueError):
                running.engine.flag_article(article.id, "evil \u202e text")
            with pytest.raises(ValueError):
                running.engine.rate_article(article.id, False, "x" * 5000)
            bad = _edit(article, "ok").model_copy(update={"category": "nope"})
            with pytest.raises(ValueError):
                running.engine.propose_revision(article.id, bad)
            assert store.pending_outbox() == []

    run(scenario())


def test_approve_reject_resolve_and_mark_reviewed_round_trip(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        sara = await signed_in(server.url, "sara")
        me = await sara.me()
        alice = await signed_in(server.url, "alice")
        async with engine_running(server.url, store, signed_in_as=(sara, me)) as running:
            await running.online()
            engine = running.engine
            await wait_until(lambda: store.kb.count() > 0, what="articles stored")
            article, other = store.kb.articles()[5], store.kb.articles()[6]
            key = uuid.uuid4().hex
            first = await alice.kb_propose(
                article.id, _edit(article, "First edit"), idempotency_key=key
            )
            second = await alice.kb_propose(
                article.id, _edit(article, "Second edit"), idempotency_key=uuid.uuid4().hex
            )
            third = await alice.kb_propose(
                other.id, _edit(other, "Third edit"), idempotency_key=uuid.uuid4().hex
            )
            pending = {r.id for r in await engine.fetch_kb_revisions()}
            assert {first.id, second.id, third.id} <= pending
            published = await engine.approve_revision(first.id, "good")
            assert published.version == article.version + 1
            # In the store at once, before the event arrives.
            stored = store.kb.article(article.id)
            assert stored is not None and stored.version == published.version
            assert stored.locales["en"].title == "First edit"
            # The second was written against the old version: a conflict, said clearly.
            with pytest.raises(ApiError) as conflict:
                await engine.approve_revision(second.id)
            assert conflict.value.status == 409
            rejected = await engine.reject_revision(third.id, "not accurate")
            assert (rejected.state, rejected.review_comment) == ("rejected", "not accurate")
            history = await engine.fetch_kb_history(article.id)
            by_id = {r.id: r for r in history}
            assert [r.id for r in history][:2] == [second.id, first.id]  # newest first
            assert (by_id[first.id].state, by_id[first.id].number) == (
                "published",
                published.version,
            )
            assert by_id[second.id].state == "proposed"
            assert (history[-1].state, history[-1].number) == ("published", 1)  # the seed
            # Flags: resolved by the supervisor.
            flag = await alice.kb_flag(
                article.id,
                KbFlagCreate(comment="the fee table is old"),
                idempotency_key=uuid.uuid4().hex,
            )
            assert flag.id in {f.id for f in await engine.fetch_kb_flags()}
            resolved = await engine.resolve_kb_flag(flag.id)
            assert resolved.state == "resolved" and resolved.resolved_by_name == me.display_name
            assert flag.id not in {f.id for f in await engine.fetch_kb_flags()}
            # "Still accurate": the review date becomes today, in the store at once.
            reviewed = await engine.mark_article_reviewed(other.id)
            assert reviewed.reviewed_on >= other.reviewed_on
            every = timedelta(days=reviewed.review_every_days)
            assert reviewed.review_due_on == reviewed.reviewed_on + every
            again = store.kb.article(other.id)
            assert again is not None and again.reviewed_on == reviewed.reviewed_on
        # Only supervisors decide.
        async with engine_running(server.url, store) as running:
            await running.online()
            with pytest.raises(ApiError) as forbidden:
                await running.engine.approve_revision(second.id)
            assert forbidden.value.status == 403
        await alice.aclose()

    run(scenario())
