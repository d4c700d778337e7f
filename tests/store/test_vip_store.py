"""The VIP desk's cache: portfolios and client pages per signed-in agent, written only when they
changed, single rows from events (older copies ignored), and the schema migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from console.api.schemas_vip import ManagerNoteOut, VipClientOut, VipClientSummary
from console.store import LATEST_VERSION, Change, Store
from console.store.db import writing
from console.store.first_page import SCHEMA_VERSION
from console.store.migrations import MIGRATIONS
from console.store.vip import CLIENT_TOPIC, TOPIC, vip_cache

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MEI, TOM, SARA = 3, 4, 5


def row(uid: str, **overrides: Any) -> VipClientSummary:
    data: dict[str, Any] = {
        "uid": uid,
        "display_name": f"客户 {uid}",
        "tier": 5,
        "language": "zh",
        "manager_id": MEI,
        "manager_name": "Mei Lin",
        "target_minutes": 15,
        "volume_30d_usd": Decimal("1234567.89"),
        "asset_band": "1m-10m",
        "contact_hours": "09:00-18:00 Asia/Shanghai",
        "products": ["spot"],
        "open_items": 1,
        "waiting_items": 1,
        "due_at": T0 + timedelta(minutes=5),
        "risks": ["large_withdrawal"],
        "updated_at": T0,
    }
    data.update(overrides)
    return VipClientSummary.model_validate(data)


def page(uid: str, **overrides: Any) -> VipClientOut:
    data = row(uid).model_dump()
    data.update(
        email="x***@example.com",
        kyc_level=3,
        account_status="active",
        region="CN",
        items=[],
        timeline=[],
        notes=[],
        follow_ups=[],
        contacts=[],
    )
    data.update(overrides)
    return VipClientOut.model_validate(data)


def _changes(store: Store) -> list[Change]:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    return seen


def test_portfolio_round_trip_in_server_order_per_viewer(store: Store) -> None:
    cache = vip_cache(store)
    rows = [row("U3", tier=9), row("U1"), row("U2", due_at=None, risks=[])]
    assert cache.replace_portfolio(MEI, rows) == ["U3", "U1", "U2"]
    cache.replace_portfolio(SARA, [row("U9", manager_id=TOM, manager_name="Tom")])

    got = cache.portfolio(MEI)
    assert [r.uid for r in got] == ["U3", "U1", "U2"]
    assert got == rows  # every field, the decimal and the times exactly
    assert [r.uid for r in cache.portfolio(SARA)] == ["U9"]
    assert cache.portfolio_uids(MEI) == {"U1", "U2", "U3"}
    assert cache.count(MEI) == 3 and cache.count(TOM) == 0
    assert [r.uid for r in cache.portfolio(MEI, ["U2", "U3"])] == ["U3", "U2"]


def test_a_refresh_writes_only_what_changed_and_drops_who_left(store: Store) -> None:
    cache = vip_cache(store)
    cache.replace_portfolio(MEI, [row("U1"), row("U2"), row("U3")])
    seen = _changes(store)

    assert cache.replace_portfolio(MEI, [row("U1"), row("U2"), row("U3")]) == []
    assert seen == []  # nothing changed, nothing repaints

    moved = [row("U2", waiting_items=0, due_at=None), row("U1")]
    assert sorted(cache.replace_portfolio(MEI, moved)) == ["U1", "U2", "U3"]
    assert [r.uid for r in cache.portfolio(MEI)] == ["U2", "U1"]
    assert seen == [Change(TOPIC, ("U2", "U1", "U3"))]


def test_an_event_row_replaces_an_older_one_and_new_clients_go_last(store: Store) -> None:
    cache = vip_cache(store)
    cache.replace_portfolio(MEI, [row("U1"), row("U2")])
    seen = _changes(store)

    newer = row("U1", waiting_items=3, updated_at=T0 + timedelta(minutes=1))
    assert cache.put_row(MEI, newer)
    older = row("U1", waiting_items=0, updated_at=T0 - timedelta(minutes=1))
    assert not cache.put_row(MEI, older)
    assert cache.put_row(MEI, row("U7", updated_at=T0))

    got = cache.portfolio(MEI)
    assert [r.uid for r in got] == ["U1", "U2", "U7"]
    assert got[0].waiting_items == 3
    assert seen == [Change(TOPIC, ("U1",)), Change(TOPIC, ("U7",))]


def test_client_pages_are_per_viewer_and_update_the_row(store: Store) -> None:
    cache = vip_cache(store)
    cache.replace_portfolio(MEI, [row("U1")])
    seen = _changes(store)
    note = ManagerNoteOut(
        id=1, client_uid="U1", author_id=MEI, author_name="Mei Lin", body="私人备注", created_at=T0
    )
    fresh = page("U1", notes=[note], waiting_items=0, updated_at=T0 + timedelta(minutes=2))
    cache.put_client(MEI, fresh)

    assert cache.client(MEI, "U1") == fresh
    assert cache.client(TOM, "U1") is None  # another manager never reads Mei's copy
    assert cache.portfolio(MEI)[0].waiting_items == 0  # the row follows the newer page
    assert seen == [Change(CLIENT_TOPIC, ("U1",)), Change(TOPIC, ("U1",))]

    stale = page("U1", waiting_items=5, updated_at=T0)
    cache.put_client(MEI, stale)
    assert cache.client(MEI, "U1") == stale  # the page is what was last fetched
    assert cache.portfolio(MEI)[0].waiting_items == 0  # the row keeps the newer copy

    cache.clear(MEI)
    assert cache.portfolio(MEI) == [] and cache.client(MEI, "U1") is None


def test_cache_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    first = Store.open(path)
    try:
        vip_cache(first).replace_portfolio(MEI, [row("U1"), row("U2")])
    finally:
        first.close()
    again = Store.open(path)
    try:
        assert [r.uid for r in vip_cache(again).portfolio(MEI)] == ["U1", "U2"]
    finally:
        again.close()


def test_v5_file_upgrades_to_the_vip_tables_keeping_everything(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    try:
        with writing(engine) as conn:
            for version, migration in enumerate(MIGRATIONS[:5], start=1):
                migration(conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {version}")
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('event_cursor', '42')")
            conn.exec_driver_sql(
                "INSERT INTO drafts (key, text, updated_at) VALUES ('ticket:1', '草稿', 1)"
            )
    finally:
        engine.dispose()

    store = Store.open(path)
    try:
        assert store.event_cursor() == 42 and store.draft("ticket:1") == "草稿"
        vip_cache(store).replace_portfolio(MEI, [row("U1")])
        assert [r.uid for r in vip_cache(store).portfolio(MEI)] == ["U1"]
    finally:
        store.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 6
    finally:
        con.close()
    assert SCHEMA_VERSION == LATEST_VERSION  # the cold-start reader still opens the file
