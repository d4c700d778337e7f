"""store.kb: cached articles, version ordering, search over the in-memory index, review dates."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kb_factories import T0, kb_article, locales
from store_factories import event, open_store

from console.api.schemas_kb import KbArticleOut
from console.core.domain import EventType
from console.store import Change, Store


def _changes(store: Store) -> list[Change]:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    return seen


def _withdrawal_article(article_id: int = 7, **overrides: Any) -> KbArticleOut:
    return kb_article(
        article_id,
        slug="withdrawal-delayed",
        locales=locales(
            "提币长时间未到账怎么办",
            "Withdrawal is delayed",
            body_zh="网络拥堵时提币会变慢。",
            body_en="Withdrawals slow down when the network is congested.",
        ),
        **overrides,
    )


def test_put_articles_stores_them_and_announces_kb_ids(store: Store) -> None:
    seen = _changes(store)
    written = store.kb.put_articles([kb_article(2), kb_article(1)])
    assert written == [1, 2]
    assert store.kb.count() == 2
    assert [a.id for a in store.kb.articles()] == [1, 2]
    one = store.kb.article(1)
    assert one is not None and one.locales["en"].title == "Article 1"
    by_slug = store.kb.article_by_slug("article-2")
    assert by_slug is not None and by_slug.id == 2
    assert store.kb.article(99) is None and store.kb.article_by_slug("nope") is None
    assert seen == [Change("kb", (1, 2))]


def test_an_older_version_never_replaces_a_newer_one(store: Store) -> None:
    new_title = locales("新标题", "New title")
    store.kb.put_articles([kb_article(1, version=2, locales=new_title)])
    seen = _changes(store)
    assert store.kb.put_articles([kb_article(1, version=1)]) == []
    current = store.kb.article(1)
    assert current is not None and (current.version, current.locales["en"].title) == (
        2,
        "New title",
    )
    assert seen == []  # nothing written, nothing announced
    # The same copy again (the full fetch at every connect) writes nothing either.
    assert store.kb.put_articles([kb_article(1, version=2, locales=new_title)]) == []
    assert seen == []
    # In one batch the newest copy wins whatever the order.
    newest = kb_article(1, version=4, locales=locales("第四版", "Fourth"))
    store.kb.put_articles([newest, kb_article(1, version=3)])
    current = store.kb.article(1)
    assert current is not None and current.version == 4


def test_same_version_with_newer_counters_replaces_older_counters_do_not(store: Store) -> None:
    store.kb.put_articles([kb_article(1, helpful=1, updated_at=T0 + timedelta(hours=1))])
    store.kb.put_articles([kb_article(1, helpful=5, updated_at=T0 + timedelta(hours=2))])
    store.kb.put_articles([kb_article(1, helpful=3, updated_at=T0 + timedelta(minutes=30))])
    current = store.kb.article(1)
    assert current is not None and current.helpful == 5


def test_search_follows_the_stored_version(store: Store) -> None:
    store.kb.put_articles([_withdrawal_article(version=1)])
    hits = store.kb.search("提币")
    assert [h.slug for h in hits] == ["withdrawal-delayed"]
    assert store.kb.search("withdrawal", lang="en")[0].lang == "en"
    assert store.kb.search("提币", lang="zh")[0].title == "提币长时间未到账怎么办"
    # A new version with other words: the old words are gone from the index, the new found.
    revised = kb_article(
        7,
        slug="withdrawal-delayed",
        version=2,
        tags=["deposit"],
        locales=locales("充值未到账", "Deposit not credited"),
    )
    store.kb.put_articles([revised])
    assert store.kb.search("提币长时间") == []
    assert [h.article_id for h in store.kb.search("deposit")] == [7]
    assert store.kb.search("   ") == []


def test_search_filters_by_category_and_suggest_reads_free_text(store: Store) -> None:
    store.kb.put_articles(
        [
            _withdrawal_article(7),
            kb_article(
                8,
                slug="api-keys",
                category="api",
                tags=["api"],
                locales=locales("创建 API 密钥", "Create an API key", body_en="Keys and limits."),
            ),
        ]
    )
    assert [h.article_id for h in store.kb.search("withdrawal", category="api")] == []
    assert [h.article_id for h in store.kb.search("API", category="api")] == [8]
    text = "Hello, my withdrawal has been pending for 3 hours and the network seems congested"
    suggested = store.kb.suggest(text, prefer_lang="en")
    assert suggested and suggested[0].article_id == 7 and suggested[0].lang == "en"


def test_review_due_lists_the_owners_overdue_articles_most_overdue_first(store: Store) -> None:
    today = date(2026, 11, 23)
    store.kb.put_articles(
        [
            # due today, overdue by 30 days, due tomorrow, someone else's overdue article
            kb_article(1, owner_id=5, reviewed_on=today - timedelta(days=90), review_every_days=90),
            kb_article(
                2, owner_id=5, reviewed_on=today - timedelta(days=120), review_every_days=90
            ),
            kb_article(3, owner_id=5, reviewed_on=today - timedelta(days=89), review_every_days=90),
            kb_article(
                4, owner_id=6, reviewed_on=today - timedelta(days=400), review_every_days=90
            ),
        ]
    )
    assert [a.id for a in store.kb.review_due(5, today)] == [2, 1]
    assert [a.id for a in store.kb.review_due(6, today)] == [4]
    assert store.kb.review_due(7, today) == []
    # Marked reviewed (a newer copy with a new date): no longer due.
    store.kb.put_articles(
        [
            kb_article(
                2,
                owner_id=5,
                reviewed_on=today,
                review_every_days=90,
                updated_at=T0 + timedelta(days=300),
            )
        ]
    )
    assert [a.id for a in store.kb.review_due(5, today)] == [1]


def test_the_index_is_rebuilt_from_the_file_when_the_store_reopens(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    many = [kb_article(i, tags=["misc"]) for i in range(100, 200)]  # indexed in one bulk load
    store.kb.put_articles([_withdrawal_article(), *many])
    assert store.kb.count() == 101
    store.close()
    store = open_store(tmp_path)  # offline: nothing but the file
    try:
        assert store.kb.wait_ready(timeout=30)
        assert store.kb.count() == 101
        assert [h.slug for h in store.kb.search("提币长时间")] == ["withdrawal-delayed"]
        assert [h.slug for h in store.kb.search("congested")] == ["withdrawal-delayed"]
        assert [h.article_id for h in store.kb.search("Article 150", lang="en")][:1] == [150]
    finally:
        store.close()


def test_article_events_are_stored_with_the_cursor_and_review_events_pass(store: Store) -> None:
    seen = _changes(store)
    article = _withdrawal_article()
    flag = {
        "id": 1,
        "article_id": 7,
        "article_title": "Withdrawal is delayed",
        "agent_id": 2,
        "agent_name": "Lina",
        "comment": "Fees changed",
        "state": "open",
        "created_at": T0.isoformat(),
    }
    store.apply_events(
        [
            event(10, article.model_dump(mode="json"), EventType.KB_ARTICLE_CHANGED),
            event(11, flag, EventType.KB_FLAG_CREATED),
            event(12, {"id": "not a flag"}, EventType.KB_FLAG_UPDATED),  # malformed: skipped
        ]
    )
    assert store.event_cursor() == 12
    assert store.kb.count() == 1
    assert [h.article_id for h in store.kb.search("提币")] == [7]
    assert Change("kb", (7,)) in seen
    # Replayed below the cursor: nothing happens.
    seen.clear()
    store.apply_events([event(10, article.model_dump(mode="json"), EventType.KB_ARTICLE_CHANGED)])
    assert seen == []


def test_reset_cache_forgets_the_articles_and_their_index(store: Store) -> None:
    store.kb.put_articles([_withdrawal_article()])
    seen = _changes(store)
    store.reset_cache()
    assert store.kb.count() == 0 and store.kb.search("提币") == []
    assert Change("kb") in seen


def test_racing_writers_leave_the_index_showing_the_newest_version(store: Store) -> None:
    versions = [
        kb_article(1, version=v, locales=locales(f"版本{v}号", f"Version{v}x"))
        for v in range(1, 21)
    ]
    barrier = threading.Barrier(4)

    def writer(part: int) -> None:
        barrier.wait()
        for article in versions[part::4]:
            store.kb.put_articles([article])

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    current = store.kb.article(1)
    assert current is not None and current.version == 20
    assert [h.title for h in store.kb.search("Version20x", lang="en")] == ["Version20x"]
    assert store.kb.search("Version19x", lang="en") == []
