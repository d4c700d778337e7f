from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_factories import ticket

from console.store import LATEST_VERSION, Store, StoreVersionError, TicketQuery, migrations
from console.store.db import create_sqlite_engine


def _make_v1_file(path: Path) -> None:
    engine = create_sqlite_engine(path)
    try:
        migrations.migrate(engine, target=1)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO drafts (key, text, updated_at) VALUES ('ticket:7', '写了一半的回复', 1)"
        )
        con.execute(
            "INSERT INTO outbox (kind, target_id, payload, idempotency_key, client_id, state,"
            ' created_at) VALUES (\'message\', 7, \'{"kind": "reply", "body": "hi",'
            " \"client_id\": \"cid-1\"}', 'key-1', 'cid-1', 'queued', 1)"
        )
        con.execute(
            "INSERT INTO messages (server_id, ticket_id, kind, body, author_name, client_id,"
            " created_at) VALUES (NULL, 7, 'reply', 'hi', 'Alice', 'cid-1', 1)"
        )
        con.execute("INSERT INTO tickets (id, version, updated_at, data) VALUES (7, 1, 1, '{}')")
        con.execute("INSERT INTO meta (key, value) VALUES ('event_cursor', '99')")
    con.close()


def test_v1_file_upgrades_keeping_drafts_outbox_and_local_messages(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _make_v1_file(path)
    store = Store.open(path)
    try:
        assert store.draft("ticket:7") == "写了一半的回复"
        (item,) = store.pending_outbox()
        assert (item.idempotency_key, item.payload["body"], item.attempts, item.error) == (
            "key-1",
            "hi",
            0,
            None,
        )
        (local,) = store.messages(7)
        assert (local.client_id, local.state, local.outbox_id) == ("cid-1", "queued", item.id)
        # The ticket cache was rebuilt: it is empty and the cursor forgotten, so sync bootstraps.
        assert store.count_tickets(TicketQuery("all")) == 0
        assert store.event_cursor() is None
        store.upsert_tickets([ticket(7)])
        assert store.count_tickets(TicketQuery("all", text="ticket")) == 1
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_reopening_the_latest_version_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store.open(path)
    store.save_draft("k", "v")
    store.set_event_cursor(5)
    store.close()
    store = Store.open(path)
    try:
        assert store.draft("k") == "v" and store.event_cursor() == 5
    finally:
        store.close()


def test_a_file_from_a_newer_console_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Store.open(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    con.close()
    with pytest.raises(StoreVersionError):
        Store.open(path)


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    _make_v1_file(path)

    def broken(conn: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(migrations.MIGRATIONS) + 1)
    engine = create_sqlite_engine(path)
    try:
        with pytest.raises(RuntimeError, match="boom"):
            migrations.migrate(engine, target=LATEST_VERSION + 1)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert con.execute("SELECT text FROM drafts").fetchone()[0] == "写了一半的回复"
    assert con.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1
    con.close()
