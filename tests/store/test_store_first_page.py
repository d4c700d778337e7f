"""The first paint's plain-sqlite3 reads give exactly what the Store gives for the same file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from store_factories import T0, ticket

from console.api.schemas import TicketOut
from console.store import LATEST_VERSION, Store, TicketQuery, TicketView
from console.store.first_page import (
    SCHEMA_VERSION,
    CachedTickets,
    TicketRow,
    read_first_page,
    read_page,
)

STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"]
CHANNELS = ["email", "web_form", "in_app", "social", "phone"]


def _fill(store: Store) -> None:
    store.upsert_tickets(
        [
            ticket(
                i,
                subject=f"提币未到账 #{i}" if i % 2 else f"Deposit {i} <b>",
                status=STATUSES[i % len(STATUSES)],
                priority=["low", "normal", "high", "urgent"][i % 4],
                channel=CHANNELS[i % len(CHANNELS)],
                category=["kyc", "spot", "p2p"][i % 3],
                language=["en", "zh", "ja"][i % 3],
                assignee_id=[None, 7, 8][i % 3],
                tags=["vip", "链上"] if i % 5 == 0 else [],
                # Equal timestamps on purpose: ties are ordered by id.
                updated_at=T0 + timedelta(minutes=i // 3, microseconds=(i // 3) % 7),
                version=1 + i % 4,
                message_count=i % 9,
                last_message_preview="我的提币 / my withdrawal" if i % 4 else "",
            )
            for i in range(1, 241)
        ]
    )


def _same(rows: list[TicketRow], tickets: list[TicketOut]) -> None:
    assert [r.id for r in rows] == [t.id for t in tickets]
    for row, expected in zip(rows, tickets, strict=True):
        for name in TicketOut.model_fields:
            got, want = getattr(row, name), getattr(expected, name)
            assert got == want and type(got) is type(want), (row.id, name, got, want)


QUERIES = [
    TicketQuery(view=view, me_id=me_id, channel=channel, language=language)
    for view in TicketView
    for me_id in (None, 7)
    for channel in (None, "email")
    for language in (None, "zh")
] + [TicketQuery(view="open", me_id=8, category="kyc")]


@pytest.mark.parametrize("q", QUERIES, ids=repr)
def test_pages_and_counts_match_the_store(store: Store, tmp_path: Path, q: TicketQuery) -> None:
    _fill(store)
    path = tmp_path / "console.sqlite3"
    for offset, limit in ((0, 50), (50, 50), (30, 500), (1000, 10)):
        found = read_page(path, q, offset, limit)
        assert found is not None
        rows, count = found
        _same(rows, store.query_tickets(q, offset, limit))
        assert count == store.count_tickets(q)


def test_first_page_carries_count_total_and_meta(store: Store, tmp_path: Path) -> None:
    _fill(store)
    store.set_meta("workspace_name", "Demo exchange")
    q = TicketQuery(view="open", me_id=7)
    first = read_first_page(tmp_path / "console.sqlite3", q, 25, ("workspace_name", "missing"))
    assert first is not None
    _same(first.rows, store.query_tickets(q, 0, 25))
    assert first.count == store.count_tickets(q)
    assert first.total == store.count_tickets(TicketQuery(view="all")) == 240
    assert first.meta == {"workspace_name": "Demo exchange"}


def test_cached_tickets_answer_like_the_store_until_it_opens(store: Store, tmp_path: Path) -> None:
    _fill(store)
    path = tmp_path / "console.sqlite3"
    q = TicketQuery(view="unassigned", me_id=7)
    first = read_first_page(path, q, 20)
    assert first is not None
    cached = CachedTickets(path, first)
    other = TicketQuery(view="mine", me_id=7)
    for query, offset in ((q, 0), (q, 20), (other, 0), (other, 40)):
        _same(cached.query_tickets(query, offset, 20), store.query_tickets(query, offset, 20))
        assert cached.count_tickets(query) == store.count_tickets(query)
    # Text search needs the Store's index: nothing until the Store is open.
    searching = TicketQuery(view="all", text="提币")
    assert store.count_tickets(searching) > 0
    assert cached.count_tickets(searching) == 0 and cached.query_tickets(searching, 0, 20) == []


def test_anything_unknown_means_the_normal_path(store: Store, tmp_path: Path) -> None:
    _fill(store)
    path = tmp_path / "console.sqlite3"
    assert SCHEMA_VERSION == LATEST_VERSION  # a migration must update first_page too
    assert read_page(path, TicketQuery(view="all", text="deposit"), 0, 10) is None
    assert read_page(path, TicketQuery(view="someday"), 0, 10) is None
    assert read_page(tmp_path / "absent.sqlite3", TicketQuery(), 0, 10) is None
    assert not (tmp_path / "absent.sqlite3").exists()  # read-only: never creates a file
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert read_page(path, TicketQuery(), 0, 10) is None
    assert read_first_page(path, TicketQuery(), 10) is None
