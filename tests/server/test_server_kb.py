"""Knowledge base on a real server: seeded content, paging, search, votes, hostile input."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error, fast_settings, populate

from console.api.schemas_kb import KbArticleOut, KbArticlePage, KbHitOut, KbRevisionOut
from console.server.db import Database
from console.server.demo.kb_content import KbSeedArticle, load_kb_content
from console.server.demo.kb_seed import seed_demo_kb
from console.server.embedded import EmbeddedServer
from console.server.settings import sqlite_url

# Articles of the tests themselves, next to the shipped content: their words are known.
OWN_ARTICLES = [
    KbSeedArticle(
        slug="test-withdrawal-review",
        category="deposit_withdrawal",
        tags=("提币", "review"),
        owner="alice",
        reviewed=date(2026, 1, 10),
        review_every_days=90,
        locales={
            "zh": {
                "title": "提币审核需要多久",
                "summary": "大额提币需要人工审核，通常在两小时内完成。",
                "body": "## 审核\n\n提币金额较大时进入人工审核。",
            },
            "en": {
                "title": "How long does a withdrawal review take",
                "summary": "Large withdrawals are reviewed by hand, usually within two hours.",
                "body": "## Review\n\nLarge withdrawals go to a manual review.",
            },
        },
    ),
    KbSeedArticle(
        slug="test-zebra-margin",
        category="margin",
        tags=("zebra",),
        owner="nobody-here",
        reviewed=date(2025, 12, 1),
        review_every_days=180,
        locales={
            "zh": {"title": "斑马保证金说明", "summary": "测试文章。", "body": "测试。"},
            "en": {
                "title": "Zebra margin explained",
                "summary": "A test article.",
                "body": "Test.",
            },
        },
    ),
]


def kb_running_env(path: Path) -> Iterator[ServerEnv]:
    """running_env's workspace plus the shipped knowledge base and OWN_ARTICLES, seeded before
    the server starts (as demo seeding does)."""
    db = Database(sqlite_url(path))
    workspace = populate(db, ticket_count=5)
    seed_demo_kb(db, [*load_kb_content(), *OWN_ARTICLES])
    server = EmbeddedServer(fast_settings(path))
    base_url = server.start()
    try:
        yield ServerEnv(server=server, db=db, workspace=workspace, base_url=base_url)
    finally:
        server.stop()
        db.dispose()


@pytest.fixture(scope="module")
def kb_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from kb_running_env(tmp_path_factory.mktemp("kb") / "server.sqlite3")


def article_by_slug(c: httpx.Client, slug: str) -> KbArticleOut:
    after: int | None = 0
    while after is not None:
        page = KbArticlePage.model_validate(
            c.get("/kb/articles", params={"after_id": after}).json()
        )
        for article in page.articles:
            if article.slug == slug:
                return article
        after = page.next_after_id
    raise AssertionError(f"no article {slug}")


def search(c: httpx.Client, q: str, **params: Any) -> list[KbHitOut]:
    r = c.get("/kb/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return [KbHitOut.model_validate(h) for h in r.json()]


def last_event_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def events_since(c: httpx.Client, start: int) -> list[tuple[str, dict[str, Any]]]:
    items = c.get("/events", params={"after": start}).json()["items"]
    return [(e["type"], e["payload"]) for e in items if e["type"].startswith("kb.")]


def test_seeded_content_is_served_in_pages(kb_env: ServerEnv) -> None:
    shipped = load_kb_content()
    with kb_env.as_user("bob") as bob:
        pages: list[KbArticlePage] = []
        after: int | None = 0
        while after is not None:
            r = bob.get("/kb/articles", params={"after_id": after, "limit": 50})
            assert r.status_code == 200, r.text
            pages.append(KbArticlePage.model_validate(r.json()))
            after = pages[-1].next_after_id
        articles = [a for page in pages for a in page.articles]
        one = bob.get(f"/kb/articles/{articles[0].id}")
        history = [
            KbRevisionOut.model_validate(h)
            for h in bob.get(f"/kb/articles/{articles[0].id}/revisions").json()
        ]
        missing = bob.get("/kb/articles/999999")
        whole = KbArticlePage.model_validate(bob.get("/kb/articles").json())
    with kb_env.client() as anonymous:
        unsigned = anonymous.get("/kb/articles")

    assert len(pages) == -(-len(articles) // 50) and all(len(p.articles) == 50 for p in pages[:-1])
    ids = [a.id for a in articles]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert [a.slug for a in articles] == [a.slug for a in shipped] + [a.slug for a in OWN_ARTICLES]
    assert len(whole.articles) == len(articles) and whole.next_after_id is None
    by_slug = {a.slug: a for a in articles}
    for seed in shipped:
        served = by_slug[seed.slug]
        assert served.version == 1 and served.category == seed.category
        assert served.reviewed_on == seed.reviewed
        assert served.review_due_on == seed.reviewed + timedelta(days=seed.review_every_days)
        assert {lang: loc.model_dump() for lang, loc in served.locales.items()} == {
            lang: dict(text) for lang, text in seed.locales.items()
        }
    owned = by_slug["test-withdrawal-review"]
    assert owned.owner_id == kb_env.workspace.agent_ids["alice"] and owned.owner_name == "Alice"
    orphan = by_slug["test-zebra-margin"]
    assert orphan.owner_id is None and orphan.owner_name == "nobody-here"
    assert KbArticleOut.model_validate(one.json()) == articles[0]
    assert [(h.number, h.state, h.base_version) for h in history] == [(1, "published", 0)]
    assert history[0].locales == articles[0].locales
    assert_error(missing, 404, "not_found")
    assert_error(unsigned, 401, "unauthorized")


def test_search_finds_two_character_chinese_and_synonyms(kb_env: ServerEnv) -> None:
    with kb_env.as_user("alice") as alice:
        own = article_by_slug(alice, "test-withdrawal-review")
        two_chars = search(alice, "提币", limit=100)
        zh_only = search(alice, "提币", lang="zh", limit=100)
        synonym = search(alice, "出金", limit=100)
        english = search(alice, "withdraw", lang="en", limit=100)
        prefix = search(alice, "zeb")
        other_category = search(alice, "提币", category="margin", limit=100)
        blank = search(alice, "   ")
        limited = search(alice, "提币", limit=2)

    assert own.id in [h.article_id for h in two_chars]
    assert zh_only and all(h.lang == "zh" for h in zh_only)
    hit = next(h for h in zh_only if h.article_id == own.id)
    assert hit.title == "提币审核需要多久" and hit.slug == own.slug
    assert any(hit.title[s:e] == "提币" for s, e in hit.title_marks)
    # The article says 提币, never 出金: found through the synonym table.
    assert "出金" not in str(own.locales)
    assert own.id in [h.article_id for h in synonym]
    assert own.id in [h.article_id for h in english] and all(h.lang == "en" for h in english)
    assert prefix and prefix[0].slug == "test-zebra-margin"
    assert all(h.category == "margin" for h in other_category)
    assert own.id not in [h.article_id for h in other_category]
    assert blank == [] and len(limited) == 2
    scores = [h.score for h in two_chars]
    assert scores == sorted(scores, reverse=True)


def test_feedback_is_one_vote_per_agent(kb_env: ServerEnv) -> None:
    with kb_env.as_user("alice") as alice, kb_env.as_user("bob") as bob:
        article = article_by_slug(alice, "test-zebra-margin")
        url = f"/kb/articles/{article.id}/feedback"
        start = last_event_id(alice)
        first = alice.post(url, json={"helpful": True})
        again = alice.post(url, json={"helpful": True, "comment": "still good"})
        changed_mind = alice.post(url, json={"helpful": False, "comment": "out of date"})
        other = bob.post(url, json={"helpful": True})
        events = events_since(alice, start)
        missing = bob.post("/kb/articles/999999/feedback", json={"helpful": True})

    votes = [
        (a.helpful, a.not_helpful)
        for a in (
            KbArticleOut.model_validate(r.json()) for r in (first, again, changed_mind, other)
        )
    ]
    assert votes == [(1, 0), (1, 0), (0, 1), (1, 1)]
    assert [t for t, _ in events] == ["kb.article.changed"] * 4
    assert KbArticleOut.model_validate(events[-1][1]) == KbArticleOut.model_validate(other.json())
    assert_error(missing, 404, "not_found")


def test_idempotent_replays_apply_once(kb_env: ServerEnv) -> None:
    with kb_env.as_user("bob") as bob:
        article = article_by_slug(bob, "test-withdrawal-review")
        key = {"Idempotency-Key": "kb-flag-replay-1"}
        first = bob.post(
            f"/kb/articles/{article.id}/flags", json={"comment": "fee changed"}, headers=key
        )
        replay = bob.post(
            f"/kb/articles/{article.id}/flags", json={"comment": "fee changed"}, headers=key
        )
        reused = bob.post(
            f"/kb/articles/{article.id}/flags", json={"comment": "other"}, headers=key
        )
        vote_key = {"Idempotency-Key": "kb-vote-replay-1"}
        votes = [
            bob.post(
                f"/kb/articles/{article.id}/feedback", json={"helpful": True}, headers=vote_key
            )
            for _ in range(2)
        ]
        flags = [f for f in bob.get("/kb/flags").json() if f["article_id"] == article.id]
        after = article_by_slug(bob, "test-withdrawal-review")

    assert first.status_code == replay.status_code == 201
    assert first.json() == replay.json()
    assert reused.status_code == 422
    assert [f["comment"] for f in flags] == ["fee changed"]
    assert votes[0].json() == votes[1].json() and after.helpful == article.helpful + 1
    assert after.open_flags == article.open_flags + 1


HOSTILE_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("flags", {"comment": "looks fine \u202eexe.txt"}),
    ("flags", {"comment": "bell\x07"}),
    ("flags", {"comment": ""}),
    ("flags", {"comment": "x" * 2001}),
    ("flags", {"comment": "ok", "extra": 1}),
    ("feedback", {"helpful": "maybe"}),
    ("feedback", {"helpful": True, "comment": "\u2066isolate"}),
    ("revisions", {"base_version": 1, "locales": {}, "tags": [], "category": "margin"}),
]


def _revision(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "base_version": 1,
        "locales": {
            "zh": {"title": "标题", "summary": "摘要", "body": "正文"},
            "en": {"title": "Title", "summary": "Summary", "body": "Body"},
        },
        "tags": ["a"],
        "category": "margin",
    }
    body.update(changes)
    return body


HOSTILE_REVISIONS = [
    _revision(category="casino"),
    _revision(tags=["line\nbreak"]),
    _revision(tags=["t"] * 21),
    _revision(base_version=0),
    _revision(locales={"en": {"title": "only English", "summary": "", "body": ""}}),
    _revision(
        locales={
            "zh": {"title": "标题", "summary": "", "body": ""},
            "en": {"title": "Title", "summary": "", "body": ""},
            "fr": {"title": "Titre", "summary": "", "body": ""},
        }
    ),
    _revision(
        locales={
            "zh": {"title": "标\u202e题", "summary": "", "body": ""},
            "en": {"title": "Title", "summary": "", "body": ""},
        }
    ),
    _revision(
        locales={
            "zh": {"title": "标题", "summary": "", "body": "正" * 20_001},
            "en": {"title": "Title", "summary": "", "body": ""},
        }
    ),
    _revision(
        locales={
            "zh": {"title": "", "summary": "", "body": ""},
            "en": {"title": "Title", "summary": "", "body": ""},
        }
    ),
]


def test_hostile_input_is_refused(kb_env: ServerEnv) -> None:
    with kb_env.as_user("alice") as alice:
        article = article_by_slug(alice, "test-zebra-margin")
        answers = [
            alice.post(f"/kb/articles/{article.id}/{path}", json=body)
            for path, body in HOSTILE_BODIES
        ]
        answers += [
            alice.post(f"/kb/articles/{article.id}/revisions", json=body)
            for body in HOSTILE_REVISIONS
        ]
        queries = [
            alice.get("/kb/search", params=params)
            for params in (
                {"q": "提币\u202e"},
                {"q": "tab\tinside"},
                {"q": "x" * 201},
                {"q": "提币", "lang": "fr"},
                {"q": "提币", "category": "casino"},
                {"q": "提币", "limit": 0},
                {"q": "提币", "limit": 101},
            )
        ]
        bad_paths = [
            alice.get("/kb/articles/0"),
            alice.get("/kb/articles", params={"limit": 501}),
            alice.get("/kb/flags", params={"state": "everything"}),
            alice.get("/kb/revisions", params={"state": "draft"}),
        ]
        unchanged = article_by_slug(alice, "test-zebra-margin")
        revisions = alice.get(f"/kb/articles/{article.id}/revisions").json()

    for response in answers + queries + bad_paths:
        assert_error(response, 422, "invalid_request")
    assert unchanged.open_flags == article.open_flags and len(revisions) == 1
