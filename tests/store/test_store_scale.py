"""100,000 cached tickets: every view and filter returns what a plain Python filter over the
same data returns, in the same order. Timings are printed (pytest -s), not asserted."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from store_factories import T0

from console.api.schemas import TicketOut
from console.core.domain import OPEN_STATUSES, Category, Channel, Priority, TicketStatus
from console.store import Store, TicketQuery

N = 100_000
ME = 3


def _tickets() -> list[TicketOut]:
    rnd = random.Random(2026)
    statuses, channels, categories = list(TicketStatus), list(Channel), list(Category)
    words = ["withdrawal", "deposit", "2FA", "KYC", "提币", "充值", "冻结", "API key", "P2P"]
    items = []
    for i in range(1, N + 1):
        # Coarse timestamps so many tickets tie on updated_at and the id tie-break matters.
        updated = T0 + timedelta(seconds=rnd.randrange(N // 4))
        items.append(
            TicketOut.model_construct(
                id=i,
                subject=f"{rnd.choice(words)} issue {i}",
                status=rnd.choice(statuses),
                priority=Priority.NORMAL,
                channel=rnd.choice(channels),
                category=rnd.choice(categories),
                language=rnd.choice(["en", "zh", "ja"]),
                customer_uid=f"U{10_000_000 + rnd.randrange(20_000)}",
                assignee_id=rnd.choice([None, None, 1, 2, ME, 4, 5]),
                tags=[],
                created_at=T0,
                updated_at=updated,
                version=1,
                message_count=1,
                last_message_preview=f"{rnd.choice(words)} please help",
            )
        )
    return items


def _expected(items: list[TicketOut], q: TicketQuery) -> list[int]:
    def keep(t: TicketOut) -> bool:
        is_open = t.status in OPEN_STATUSES
        if q.view != "all" and not is_open:
            return False
        if q.view == "mine" and t.assignee_id != q.me_id:
            return False
        if q.view == "unassigned" and t.assignee_id is not None:
            return False
        if q.channel and t.channel != q.channel:
            return False
        if q.category and t.category != q.category:
            return False
        if q.language and t.language != q.language:
            return False
        if q.text:
            text = f"{t.subject}\n{t.last_message_preview}\n{t.customer_uid}".lower()
            return all(word.lower() in text for word in q.text.split())
        return True

    chosen = [t for t in items if keep(t)]
    chosen.sort(key=lambda t: (t.updated_at, t.id), reverse=True)
    return [t.id for t in chosen]


def _ms(fn: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[repeat // 2], result


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[TicketOut]]:
    items = _tickets()
    store = Store.open(Path(tmp_path_factory.mktemp("big")) / "big.sqlite3")
    start = time.perf_counter()
    store.upsert_tickets(items)
    print(f"\nbulk upsert of {N} tickets: {time.perf_counter() - start:.2f} s")
    yield store, items
    store.close()


QUERIES = [
    TicketQuery("all"),
    TicketQuery("open"),
    TicketQuery("mine", me_id=ME),
    TicketQuery("unassigned"),
    TicketQuery("open", channel="email"),
    TicketQuery("open", channel="email", language="zh"),
    TicketQuery("mine", me_id=ME, category="kyc"),
    TicketQuery("all", category="p2p", language="ja", channel="phone"),
    TicketQuery("all", text="U10000123"),
    TicketQuery("open", text="冻结"),
    TicketQuery("open", text="api key", language="en"),
    TicketQuery("all", text="#4242"),
]


@pytest.mark.parametrize(
    "q", QUERIES, ids=lambda q: f"{q.view}-{q.channel}-{q.category}-{q.language}-{q.text}"
)
def test_views_filters_and_paging_at_100k(
    big: tuple[Store, list[TicketOut]], q: TicketQuery
) -> None:
    store, items = big
    expected = _expected(items, q) if not q.text.startswith("#") else [4242]
    count_ms, count = _ms(lambda: store.count_tickets(q))
    first_ms, first = _ms(lambda: store.query_tickets(q, 0, 100))
    deep = max(0, min(len(expected) - 100, 20_000))
    deep_ms, deep_page = _ms(lambda: store.query_tickets(q, deep, 100))
    assert count == len(expected)
    assert [t.id for t in first] == expected[:100]  # type: ignore[attr-defined]
    assert [t.id for t in deep_page] == expected[deep : deep + 100]  # type: ignore[attr-defined]
    print(
        f"\n{q}: {count} rows; count {count_ms:.1f} ms, first page {first_ms:.1f} ms,"
        f" page at {deep} {deep_ms:.1f} ms"
    )
