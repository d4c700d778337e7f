"""20,000 cached tickets (bench/store_queries.py times 100,000): every view, filter and sort
returns what a plain Python filter and sort over the same data returns, in the same order.
Timings are printed (pytest -s), not asserted: they depend on the machine."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from store_factories import T0

from console.api.schemas import SlaOut, TicketOut
from console.core.domain import OPEN_STATUSES, Category, Channel, Priority, TicketStatus
from console.store import Store, TicketQuery

N = 20_000
ME = 3
NOW = T0 + timedelta(hours=30)
_LEVEL = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
_TARGET_MIN = {
    "urgent": (15, 240),
    "high": (120, 1440),
    "normal": (1440, 4320),
    "low": (2880, 7200),
}


def _sla(rnd: random.Random, created: datetime, priority: str, status: str) -> SlaOut | None:
    if rnd.random() < 0.05:
        return None
    first, resolution = _TARGET_MIN[priority]
    paused = rnd.choice([0, 0, 600, 7200])
    responded = rnd.random() < 0.5
    return SlaOut.model_construct(
        policy_priority=Priority(priority),
        first_response_due_at=created + timedelta(minutes=first, seconds=paused),
        first_response_at=created + timedelta(minutes=5) if responded else None,
        resolution_due_at=created + timedelta(minutes=resolution, seconds=paused),
        resolved_at=created if status in ("solved", "closed") else None,
        paused_since=created if status == "pending" else None,
        paused_seconds=paused,
    )


def _tickets() -> list[TicketOut]:
    rnd = random.Random(2026)
    statuses, channels, categories = list(TicketStatus), list(Channel), list(Category)
    words = ["withdrawal", "deposit", "2FA", "KYC", "提币", "充值", "冻结", "API key", "P2P"]
    names = ["li wei", "Anna", "bob", "Zhang San", "佐藤", "kim", "Émile", ""]
    items = []
    for i in range(1, N + 1):
        # Coarse timestamps so many tickets tie on updated_at and the id tie-break matters.
        updated = T0 + timedelta(seconds=rnd.randrange(N // 4))
        created = T0 + timedelta(minutes=rnd.randrange(1800))
        status = rnd.choice(statuses)
        priority = rnd.choice(["low", "normal", "normal", "high", "urgent"])
        items.append(
            TicketOut.model_construct(
                id=i,
                subject=f"{rnd.choice(words)} issue {i}",
                status=status,
                priority=Priority(priority),
                channel=rnd.choice(channels),
                category=rnd.choice(categories),
                language=rnd.choice(["en", "zh", "ja"]),
                customer_uid=f"U{10_000_000 + rnd.randrange(20_000)}",
                assignee_id=rnd.choice([None, None, 1, 2, ME, 4, 5]),
                tags=rnd.choice(
                    [[], [], [], ["vip"], ["refund", "chain"], ["rare"] * (i % 97 == 0)]
                ),
                created_at=created,
                updated_at=updated,
                version=1,
                message_count=1,
                last_message_preview=f"{rnd.choice(words)} please help",
                group=rnd.choice([None, "security", "vip", "general"]),
                customer_name=f"{rnd.choice(names)} {i % 50}",
                customer_vip_tier=rnd.choice([0] * 9 + [2]),
                suggested_priority=None,
                suggestion_reason=None,
                sla=_sla(rnd, created, priority, status),
                merged_into_id=None,
                linked_ids=[],
                open_escalations=1 if rnd.random() < 0.01 else 0,
                search_terms=[f"user{i}@example.com"] if i % 10 == 0 else [],
            )
        )
    return items


def _due(t: TicketOut) -> tuple[datetime, timedelta] | None:
    """The active target's due time and its due-soon margin, by the SLA rules."""
    sla = t.sla
    if sla is None or t.status not in OPEN_STATUSES or sla.resolved_at or sla.paused_since:
        return None
    due = sla.first_response_due_at if sla.first_response_at is None else sla.resolution_due_at
    length = due - t.created_at - timedelta(seconds=sla.paused_seconds)
    return due, max(timedelta(minutes=10), length / 5)


def _ascii_lower(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


def _keep(t: TicketOut, q: TicketQuery) -> bool:
    is_open = t.status in OPEN_STATUSES
    due = _due(t)
    now = q.now or NOW
    checks = {
        "all": True,
        "open": is_open,
        "mine": is_open and t.assignee_id == q.me_id,
        "unassigned": is_open and t.assignee_id is None,
        "pending": t.status == "pending",
        "vip": is_open and t.customer_vip_tier > 0,
        "escalated": is_open and t.open_escalations > 0,
        "breached": is_open and due is not None and now > due[0],
        "due_soon": is_open and due is not None and due[0] - due[1] <= now <= due[0],
    }
    if not checks[q.view]:
        return False
    for name in ("channel", "category", "language", "priority", "group"):
        wanted = getattr(q, name)
        if wanted and getattr(t, name) != wanted:
            return False
    if q.tag and q.tag not in t.tags:
        return False
    if q.text:
        parts = [t.subject, t.last_message_preview, t.customer_uid, t.customer_name]
        text = "\n".join(parts + t.search_terms).lower()
        return all(word.lower() in text for word in q.text.split())
    return True


def _sort_key(q: TicketQuery) -> Callable[[TicketOut], Any]:
    def sla_order(t: TicketOut) -> tuple[int, datetime]:
        due = _due(t)
        return (1, T0) if due is None else (0, due[0])

    keys: dict[str, Callable[[TicketOut], Any]] = {
        "updated": lambda t: (t.updated_at, t.id),
        "created": lambda t: (t.created_at, t.id),
        "priority": lambda t: (_LEVEL[t.priority], t.updated_at, t.id),
        "sla": lambda t: (sla_order(t), t.id),
        "customer": lambda t: (_ascii_lower(t.customer_name), t.customer_uid, t.id),
        "subject": lambda t: (_ascii_lower(t.subject), t.id),
    }
    return keys[q.sort]


def _expected(items: list[TicketOut], q: TicketQuery) -> list[int]:
    chosen = [t for t in items if _keep(t, q)]
    chosen.sort(key=_sort_key(q), reverse=q.descending)
    return [t.id for t in chosen]


def _ms(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
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


VIEWS = ["all", "open", "mine", "unassigned", "pending", "due_soon", "breached", "vip", "escalated"]
SORTS = ["updated", "created", "priority", "sla", "customer", "subject"]
QUERIES = (
    [TicketQuery(v, me_id=ME, now=NOW) for v in VIEWS]
    + [TicketQuery("open", sort=s, descending=d, now=NOW) for s in SORTS for d in (True, False)]
    + [
        TicketQuery(v, me_id=ME, sort=s, now=NOW)
        for v in ("mine", "breached")
        for s in ("priority", "sla", "subject")
    ]
    + [
        TicketQuery("open", channel="email", language="zh", now=NOW),
        TicketQuery("mine", me_id=ME, category="kyc", sort="priority", now=NOW),
        TicketQuery("all", category="p2p", language="ja", channel="phone", now=NOW),
        TicketQuery("open", priority="urgent", group="security", sort="sla", descending=False),
        TicketQuery("open", tag="vip", now=NOW),
        TicketQuery("all", tag="rare", sort="subject", now=NOW),
        TicketQuery("due_soon", group="vip", sort="sla", descending=False, now=NOW),
        TicketQuery("all", text="U10000123", now=NOW),
        TicketQuery("open", text="冻结", now=NOW),
        TicketQuery("open", text="冻结", sort="customer", now=NOW),
        TicketQuery("open", text="api key", language="en", now=NOW),
        TicketQuery("all", text="user4240@example.com", now=NOW),
        TicketQuery("all", text="zhang", sort="created", now=NOW),
        TicketQuery("all", text="#4242", now=NOW),
    ]
)


def _label(q: TicketQuery) -> str:
    parts = [q.view, q.sort, "desc" if q.descending else "asc"]
    parts += [
        f"{k}={v}"
        for k in ("channel", "category", "language", "priority", "group", "tag")
        if (v := getattr(q, k))
    ]
    return "-".join(parts + ([f"text={q.text}"] if q.text else []))


@pytest.mark.parametrize("q", QUERIES, ids=_label)
def test_views_filters_sorts_and_paging_at_scale(
    big: tuple[Store, list[TicketOut]], q: TicketQuery
) -> None:
    store, items = big
    if q.now is None:
        q = TicketQuery.from_dict({**q.to_dict(), "now": NOW.isoformat()})
    expected = _expected(items, q) if not q.text.startswith("#") else [4242]
    count_ms, count = _ms(lambda: store.count_tickets(q))
    first_ms, first = _ms(lambda: store.query_tickets(q, 0, 100))
    deep = max(0, min(len(expected) - 100, 20_000))
    deep_ms, deep_page = _ms(lambda: store.query_tickets(q, deep, 100))
    assert count == len(expected)
    assert [t.id for t in first] == expected[:100]  # type: ignore[attr-defined]
    assert [t.id for t in deep_page] == expected[deep : deep + 100]  # type: ignore[attr-defined]
    print(
        f"\nFIGURE {_label(q)}: {count} rows; count {count_ms:.1f} ms,"
        f" first page {first_ms:.1f} ms, page at {deep} {deep_ms:.1f} ms"
    )


def test_count_views_at_scale(big: tuple[Store, list[TicketOut]]) -> None:
    store, items = big
    queries = [TicketQuery(v, me_id=ME, now=NOW) for v in VIEWS]
    ms, counts = _ms(lambda: store.count_views(queries))
    assert counts == [len(_expected(items, q)) for q in queries]
    print(f"\nFIGURE count_views of {len(queries)} views: {ms:.1f} ms")
