"""Inbox views, filters, sorts, counts, saved views, search and the v2 -> v3 upgrade."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from store_factories import T0, ticket

from console.api.schemas import SlaOut
from console.store import LATEST_VERSION, Change, Store, TicketQuery, migrations
from console.store.db import create_sqlite_engine

NOW = T0 + timedelta(hours=2)


def _sla(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "policy_priority": "normal",
        "first_response_due_at": T0 + timedelta(hours=24),
        "resolution_due_at": T0 + timedelta(hours=72),
    }
    data.update(overrides)
    return SlaOut.model_validate(data).model_dump()


def _fill(store: Store) -> None:
    store.upsert_tickets(
        [
            # due in 5 min at NOW: due soon (first response, 24 h target -> margin 4.8 h)
            ticket(1, assignee_id=5, sla=_sla(first_response_due_at=NOW + timedelta(minutes=5))),
            # first response overdue: breached
            ticket(
                2, priority="urgent", sla=_sla(first_response_due_at=NOW - timedelta(seconds=1))
            ),
            # pending: the clock is paused, neither due soon nor breached
            ticket(
                3,
                status="pending",
                assignee_id=5,
                sla=_sla(first_response_due_at=NOW - timedelta(hours=1), paused_since=T0),
            ),
            # responded: the resolution target counts, far away
            ticket(
                4,
                customer_vip_tier=3,
                customer_name="Zhang Wei",
                group="vip",
                tags=["vip", "链上"],
                sla=_sla(first_response_at=T0, first_response_due_at=NOW - timedelta(hours=1)),
            ),
            ticket(5, status="solved", open_escalations=0, sla=_sla(resolved_at=T0)),
            ticket(6, open_escalations=1, priority="high", channel="telegram", group="security"),
            ticket(7, status="on_hold", priority="low", channel="x", language="zh"),
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (TicketQuery("all"), [7, 6, 5, 4, 3, 2, 1]),
        (TicketQuery("open"), [7, 6, 4, 3, 2, 1]),
        (TicketQuery("mine", me_id=5), [3, 1]),
        (TicketQuery("unassigned"), [7, 6, 4, 2]),
        (TicketQuery("pending"), [3]),
        (TicketQuery("due_soon", now=NOW), [1]),
        (TicketQuery("breached", now=NOW), [2]),
        (TicketQuery("breached", now=NOW + timedelta(minutes=6)), [2, 1]),
        (TicketQuery("due_soon", now=T0), []),
        (TicketQuery("vip"), [4]),
        (TicketQuery("escalated"), [6]),
        (TicketQuery("all", channel="telegram"), [6]),
        (TicketQuery("all", language="zh"), [7]),
        (TicketQuery("all", tag="链上"), [4]),
        (TicketQuery("all", tag="none"), []),
        (TicketQuery("all", priority="urgent"), [2]),
        (TicketQuery("all", group="security"), [6]),
        (TicketQuery("all", sort="priority"), [2, 6, 5, 4, 3, 1, 7]),
        (TicketQuery("all", sort="priority", descending=False), [7, 1, 3, 4, 5, 6, 2]),
        (TicketQuery("open", sort="sla", descending=False), [2, 1, 4, 3, 6, 7]),
        (TicketQuery("all", sort="created", descending=False), [1, 2, 3, 4, 5, 6, 7]),
        (TicketQuery("all", sort="customer", descending=False), [1, 2, 3, 5, 6, 7, 4]),
        (TicketQuery("all", sort="subject"), [7, 6, 5, 4, 3, 2, 1]),
    ],
)
def test_views_filters_and_sorts(store: Store, query: TicketQuery, expected: list[int]) -> None:
    _fill(store)
    assert [t.id for t in store.query_tickets(query, 0, 100)] == expected
    assert store.count_tickets(query) == len(expected)


def test_count_views_matches_each_count(store: Store) -> None:
    _fill(store)
    queries = [TicketQuery(v, me_id=5, now=NOW) for v in ("open", "mine", "due_soon", "vip")]
    assert store.count_views(queries) == [store.count_tickets(q) for q in queries] == [6, 2, 1, 1]


def test_round_trip_preserves_every_new_field(store: Store) -> None:
    original = ticket(
        9,
        group="security",
        customer_name="李雷",
        customer_vip_tier=2,
        suggested_priority="urgent",
        suggestion_reason="stolen account",
        sla=_sla(first_response_at=T0 + timedelta(microseconds=7), paused_seconds=30),
        merged_into_id=3,
        linked_ids=[4, 5],
        open_escalations=2,
        search_terms=["li@example.com", "0xabc"],
    )
    store.upsert_tickets([original])
    assert store.ticket(9) == original
    assert store.tickets_by_id([9, 10]) == {9: original}


def test_search_by_name_email_tx_hash_cjk_and_id(store: Store) -> None:
    tx = "0x9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    store.upsert_tickets(
        [
            ticket(1, customer_name="王小明", search_terms=["wang@example.com", tx]),
            ticket(2, customer_name="Anna Schmidt", subject="提币未到账"),
            ticket(123, subject="other"),
        ]
    )

    def ids(text: str) -> list[int]:
        return [t.id for t in store.query_tickets(TicketQuery("all", text=text), 0, 10)]

    assert ids("小明") == [1]
    assert ids("anna") == [2]
    assert ids("wang@example.com") == [1]
    assert ids(tx.upper()) == [1]
    assert ids("提币") == [2]
    assert ids("#123") == [123]


def test_customer_tickets_newest_first(store: Store) -> None:
    store.upsert_tickets(
        [ticket(i, customer_uid="U1", created_at=T0 + timedelta(hours=i)) for i in (1, 2, 3)]
        + [ticket(4, customer_uid="U2")]
    )
    assert [t.id for t in store.customer_tickets("U1")] == [3, 2, 1]
    assert [t.id for t in store.customer_tickets("U1", limit=1)] == [3]


def test_ticket_query_round_trips_through_a_dict() -> None:
    q = TicketQuery(
        "breached", me_id=4, text="提币", tag="vip", sort="sla", descending=False, now=NOW
    )
    assert TicketQuery.from_dict(q.to_dict()) == q
    assert TicketQuery.from_dict({**TicketQuery().to_dict(), "future_field": 1}) == TicketQuery()


def test_saved_views_per_agent(store: Store) -> None:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    q = TicketQuery("open", me_id=4, channel="email", tag="vip", sort="priority", now=NOW)
    saved = store.save_view(4, "VIP email", q)
    store.save_view(5, "Other agent", TicketQuery("all"))
    (got,) = store.saved_views(4)
    assert got == saved and got.name == "VIP email"
    assert got.query == TicketQuery("open", me_id=4, channel="email", tag="vip", sort="priority")
    assert not store.delete_view(5, saved.id)  # not theirs
    assert store.delete_view(4, saved.id)
    assert store.saved_views(4) == [] and len(store.saved_views(5)) == 1
    assert Change("saved_views", (4,)) in seen


def _make_v2_file(path: Path) -> None:
    engine = create_sqlite_engine(path)
    try:
        migrations.migrate(engine, target=2)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO tickets VALUES (7, 'Withdrawal stuck', 'open', 'urgent', 'email',"
            " 'kyc', 'en', 'U7', 3, '[\"vip\"]', 1, 2, 4, 1, 'help', 1,"
            " 'withdrawal stuck\nhelp\nu7')"
        )
        con.execute(
            "INSERT INTO tickets_fts (rowid, search_text) VALUES (7, 'withdrawal stuck\nhelp\nu7')"
        )
        # v2 indexed one token per CJK character; v3 rebuilds the index with bigrams.
        v2_text = " 提  币 未 到 账 \n\nu8"
        con.execute(
            "INSERT INTO tickets VALUES (8, '提币未到账', 'open', 'normal', 'email',"
            " 'kyc', 'zh', 'U8', NULL, '[]', 1, 1, 1, 1, '', 1, ?)",
            (v2_text,),
        )
        con.execute("INSERT INTO tickets_fts (rowid, search_text) VALUES (8, ?)", (v2_text,))
        con.execute("INSERT INTO drafts VALUES ('ticket:7', '写了一半', 1)")
        con.execute("INSERT INTO meta VALUES ('event_cursor', '99')")
    con.close()


def test_v2_cache_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    _make_v2_file(path)
    store = Store.open(path)
    try:
        got = store.ticket(7)
        assert got is not None and (got.subject, got.priority, got.tags) == (
            "Withdrawal stuck",
            "urgent",
            ["vip"],
        )
        assert got.sla is None and got.customer_name == ""
        by_priority = TicketQuery("all", sort="priority")
        assert [t.id for t in store.query_tickets(by_priority, 0, 5)] == [7, 8]
        assert store.count_tickets(TicketQuery("all", tag="vip")) == 1
        assert store.count_tickets(TicketQuery("mine", me_id=3, text="withdrawal")) == 1
        for text in ("提币", "到账", "提币未到账", "币"):
            assert [t.id for t in store.query_tickets(TicketQuery("all", text=text), 0, 5)] == [8]
        assert store.draft("ticket:7") == "写了一半"
        assert store.event_cursor() is None  # the next sync bootstraps the new fields
        fresh = ticket(7, customer_name="Li", tags=["new"], version=4)
        store.upsert_tickets([fresh])
        assert store.ticket(7) == fresh
        assert store.count_tickets(TicketQuery("all", tag="vip")) == 0
        assert store.count_tickets(TicketQuery("all", text="li")) == 1
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    con.close()


def test_unknown_sort_is_an_error(store: Store) -> None:
    with pytest.raises(ValueError):
        store.query_tickets(TicketQuery("all", sort="mood"), 0, 10)
