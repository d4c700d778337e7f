"""The knowledge base's review loop on a real server: flags, proposals, approval, history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error
from test_server_kb import article_by_slug, events_since, kb_running_env, last_event_id, search

from console.api.schemas_kb import KbArticleOut, KbFlagOut, KbRevisionOut


@pytest.fixture(scope="module")
def kb_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from kb_running_env(tmp_path_factory.mktemp("kb-review") / "server.sqlite3")


def _proposal(article: KbArticleOut, zh_title: str, en_body: str, **changes: Any) -> dict[str, Any]:
    locales = {lang: loc.model_dump() for lang, loc in article.locales.items()}
    locales["zh"]["title"] = zh_title
    locales["en"]["body"] = en_body
    body: dict[str, Any] = {
        "base_version": article.version,
        "locales": locales,
        "tags": [*article.tags, "updated"],
        "category": article.category,
        "note": "New limits from March",
    }
    body.update(changes)
    return body


def _propose(c: httpx.Client, article_id: int, body: dict[str, Any]) -> KbRevisionOut:
    r = c.post(f"/kb/articles/{article_id}/revisions", json=body)
    assert r.status_code == 201, r.text
    return KbRevisionOut.model_validate(r.json())


def test_flag_reaches_the_list_and_the_event_stream(kb_env: ServerEnv) -> None:
    with kb_env.as_user("bob") as bob, kb_env.as_user("alice") as alice:
        article = article_by_slug(bob, "test-withdrawal-review")
        start = last_event_id(bob)
        r = bob.post(f"/kb/articles/{article.id}/flags", json={"comment": "Fee is 2 USDT now"})
        assert r.status_code == 201, r.text
        flag = KbFlagOut.model_validate(r.json())
        created_events = events_since(bob, start)
        listed = [KbFlagOut.model_validate(f) for f in bob.get("/kb/flags").json()]
        flagged = article_by_slug(bob, "test-withdrawal-review")
        # bob neither owns the article nor supervises; alice owns it.
        forbidden = bob.post(f"/kb/flags/{flag.id}/resolve")
        mid = last_event_id(bob)
        resolved = alice.post(f"/kb/flags/{flag.id}/resolve")
        resolved_again = alice.post(f"/kb/flags/{flag.id}/resolve")
        resolve_events = events_since(bob, mid)
        open_after = [f["id"] for f in bob.get("/kb/flags").json()]
        closed = [f["id"] for f in bob.get("/kb/flags", params={"state": "resolved"}).json()]
        missing = alice.post("/kb/flags/999999/resolve")
        cleared = article_by_slug(bob, "test-withdrawal-review")

    assert flag.state == "open" and flag.agent_name == "Bob" and flag.article_id == article.id
    assert flag.article_title == "How long does a withdrawal review take"
    assert [t for t, _ in created_events] == ["kb.flag.created", "kb.article.changed"]
    assert KbFlagOut.model_validate(created_events[0][1]) == flag
    assert created_events[1][1]["open_flags"] == article.open_flags + 1
    assert flag in listed and flagged.open_flags == article.open_flags + 1
    assert_error(forbidden, 403, "forbidden")
    assert resolved.status_code == 200, resolved.text
    done = KbFlagOut.model_validate(resolved.json())
    assert done.state == "resolved" and done.resolved_by_name == "Alice"
    assert done.resolved_at is not None
    assert resolved_again.json() == resolved.json()
    assert [t for t, _ in resolve_events] == ["kb.flag.updated", "kb.article.changed"]
    assert flag.id not in open_after and flag.id in closed
    assert cleared.open_flags == article.open_flags
    assert_error(missing, 404, "not_found")


def test_approved_revision_is_published_and_searchable(kb_env: ServerEnv) -> None:
    today = datetime.now(UTC).date()
    with kb_env.as_user("alice") as alice, kb_env.as_user("sara") as sara:
        article = article_by_slug(alice, "test-zebra-margin")
        before = search(alice, "quokka")
        start = last_event_id(alice)
        revision = _propose(
            alice,
            article.id,
            _proposal(article, "斑马保证金新规则", "Zebra margin now needs a quokka deposit."),
        )
        proposed_events = events_since(alice, start)
        pending = [KbRevisionOut.model_validate(r) for r in sara.get("/kb/revisions").json()]
        forbidden = alice.post(f"/kb/revisions/{revision.id}/approve", json={})
        mid = last_event_id(alice)
        r = sara.post(f"/kb/revisions/{revision.id}/approve", json={"comment": "Thanks"})
        assert r.status_code == 200, r.text
        published = KbArticleOut.model_validate(r.json())
        decided_events = events_since(alice, mid)
        history = [
            KbRevisionOut.model_validate(h)
            for h in alice.get(f"/kb/articles/{article.id}/revisions").json()
        ]
        found = search(alice, "quokka")
        found_zh = search(alice, "新规则", lang="zh")
        served = KbArticleOut.model_validate(alice.get(f"/kb/articles/{article.id}").json())
        still_pending = [r["id"] for r in sara.get("/kb/revisions").json()]
        published_list = [
            r["id"] for r in sara.get("/kb/revisions", params={"state": "published"}).json()
        ]

    assert before == []
    assert revision.state == "proposed" and revision.number is None
    assert revision.base_version == 1 and revision.author_name == "Alice"
    assert [t for t, _ in proposed_events] == ["kb.revision.proposed"]
    assert KbRevisionOut.model_validate(proposed_events[0][1]) == revision
    assert revision in pending
    assert_error(forbidden, 403, "role_forbidden")
    assert published.version == 2 and published.reviewed_on == today
    assert published.locales["zh"].title == "斑马保证金新规则"
    assert published.tags == [*article.tags, "updated"]
    assert published == served
    assert [t for t, _ in decided_events] == ["kb.revision.decided", "kb.article.changed"]
    decided = KbRevisionOut.model_validate(decided_events[0][1])
    assert decided.state == "published" and decided.number == 2
    assert decided.reviewer_name == "Sara" and decided.review_comment == "Thanks"
    assert KbArticleOut.model_validate(decided_events[1][1]) == published
    assert [(h.number, h.state) for h in history] == [(2, "published"), (1, "published")]
    assert history[0].locales == published.locales
    assert history[1].locales == article.locales
    assert [h.article_id for h in found] == [article.id]
    assert article.id in [h.article_id for h in found_zh]
    assert revision.id not in still_pending and revision.id in published_list


def test_stale_and_decided_revisions_conflict(kb_env: ServerEnv) -> None:
    with kb_env.as_user("bob") as bob, kb_env.as_user("sara") as sara:
        article = article_by_slug(bob, "test-withdrawal-review")
        first = _propose(bob, article.id, _proposal(article, "提币审核时间", "First edit."))
        second = _propose(bob, article.id, _proposal(article, "提币审核时长", "Second edit."))
        future = bob.post(
            f"/kb/articles/{article.id}/revisions",
            json=_proposal(article, "x", "y", base_version=article.version + 1),
        )
        approved = sara.post(f"/kb/revisions/{first.id}/approve")
        stale = sara.post(f"/kb/revisions/{second.id}/approve", json={"comment": "late"})
        not_rejectable_by_agent = bob.post(
            f"/kb/revisions/{second.id}/reject", json={"comment": "no"}
        )
        rejected = sara.post(f"/kb/revisions/{second.id}/reject", json={"comment": "Stale"})
        rejected_again = sara.post(f"/kb/revisions/{second.id}/reject", json={"comment": "x"})
        approve_rejected = sara.post(f"/kb/revisions/{second.id}/approve")
        approve_published = sara.post(f"/kb/revisions/{first.id}/approve")
        missing = sara.post("/kb/revisions/999999/approve")
        after = article_by_slug(bob, "test-withdrawal-review")

    assert_error(future, 409, "conflict")
    assert approved.status_code == 200, approved.text
    assert approved.json()["version"] == article.version + 1
    body = assert_error(stale, 409, "conflict")
    assert "version" in body["error"]["message"]
    assert body["error"]["details"] == {
        "current_version": article.version + 1,
        "base_version": article.version,
    }
    assert_error(not_rejectable_by_agent, 403, "role_forbidden")
    assert rejected.status_code == 200, rejected.text
    out = KbRevisionOut.model_validate(rejected.json())
    assert out.state == "rejected" and out.number is None and out.review_comment == "Stale"
    assert_error(rejected_again, 409, "conflict")
    assert_error(approve_rejected, 409, "conflict")
    assert_error(approve_published, 409, "conflict")
    assert_error(missing, 404, "not_found")
    assert after.version == article.version + 1
    assert after.locales["zh"].title == "提币审核时间"


def test_approval_replays_and_reviewed_marks(kb_env: ServerEnv) -> None:
    today = datetime.now(UTC).date()
    with kb_env.as_user("alice") as alice, kb_env.as_user("sara") as sara:
        article = article_by_slug(alice, "test-zebra-margin")
        revision = _propose(alice, article.id, _proposal(article, "斑马", "Replayed edit."))
        key = {"Idempotency-Key": "kb-approve-replay"}
        url = f"/kb/revisions/{revision.id}/approve"
        first = sara.post(url, json={"comment": "ok"}, headers=key)
        replay = sara.post(url, json={"comment": "ok"}, headers=key)
        after = article_by_slug(alice, "test-zebra-margin")
        history = alice.get(f"/kb/articles/{article.id}/revisions").json()
        # The zebra article has no owner in this workspace: only supervisors may confirm it.
        by_agent = alice.post(f"/kb/articles/{article.id}/reviewed")
        start = last_event_id(alice)
        by_supervisor = sara.post(f"/kb/articles/{article.id}/reviewed")
        reviewed_events = events_since(alice, start)
        owned = article_by_slug(alice, "test-withdrawal-review")
        by_owner = alice.post(f"/kb/articles/{owned.id}/reviewed")

    assert first.status_code == replay.status_code == 200
    assert first.json() == replay.json()
    assert after.version == article.version + 1
    assert sum(1 for h in history if h["state"] == "published") == after.version
    assert_error(by_agent, 403, "forbidden")
    confirmed = KbArticleOut.model_validate(by_supervisor.json())
    assert confirmed.reviewed_on == today and confirmed.version == after.version
    assert [t for t, _ in reviewed_events] == ["kb.article.changed"]
    assert by_owner.status_code == 200 and by_owner.json()["reviewed_on"] == today.isoformat()
