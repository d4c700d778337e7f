"""A v4 cache (before live chat) upgrades to v5 in place: nothing of it is lost, chat works."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from chat_factories import ME, chat_message, conversation
from kb_factories import kb_article
from sqlalchemy import Connection
from store_factories import ticket

from console.store import LATEST_VERSION, Store, TicketQuery, migrations, tickets
from console.store import kb as kb_rows
from console.store.db import create_sqlite_engine, writing
from console.store.first_page import read_first_page


def _make_v4_file(path: Path) -> None:
    engine = create_sqlite_engine(path)
    try:
        migrations.migrate(engine, target=4)
        with writing(engine) as conn:
            tickets.upsert(conn, [ticket(7, subject="提币未到账"), ticket(8)])
            kb_rows.upsert(conn, [kb_article(1)])
            conn.exec_driver_sql(
                "INSERT INTO drafts (key, text, updated_at) VALUES ('ticket:7', '写了一半', 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO outbox (kind, target_id, payload, idempotency_key, client_id, state,"
                ' created_at, attempts) VALUES (\'message\', 7, \'{"kind": "reply", "body":'
                " \"hi\", \"client_id\": \"cid-1\"}', 'key-1', 'cid-1', 'queued', 1, 0)"
            )
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('event_cursor', '99')")
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 4
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'chat_%'").fetchall()
    con.close()


def test_v4_cache_upgrades_in_place_keeping_everything(tmp_path: Path) -> None:
    assert LATEST_VERSION >= 5  # later migrations (v6: the VIP desk) run on top of v5
    path = tmp_path / "v4.sqlite3"
    _make_v4_file(path)
    store = Store.open(path)
    try:
        # No re-bootstrap: the cursor, tickets, articles, drafts and the outbox all stay.
        assert store.event_cursor() == 99
        assert store.count_tickets(TicketQuery("all", text="提币")) == 1
        assert store.draft("ticket:7") == "写了一半"
        (item,) = store.pending_outbox()
        assert item.idempotency_key == "key-1"
        assert store.kb.count() == 1
        # Live chat starts empty and works.
        assert store.chats.my_conversations(ME) == [] and store.chats.queue() == []
        store.chats.put_conversations([conversation(1)])
        store.chats.put_messages([chat_message(1, 1, 1)])
        store.chats.queue_message(1, "hello", "c-1", "Alice", ME, "key-2")
        assert [m.state for m in store.chats.messages(1)] == ["sent", "queued"]
        assert store.chats.unread_count(1, ME) == 1
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    con.close()
    page = read_first_page(path, TicketQuery("all"), 10)
    assert page is not None and {row.id for row in page.rows} == {7, 8}


def test_a_failed_v5_upgrade_leaves_the_v4_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v4.sqlite3"
    _make_v4_file(path)
    v5 = migrations.MIGRATIONS[4]

    def broken(conn: Connection) -> None:
        v5(conn)
        raise RuntimeError("disk trouble half way")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS[:4], broken))
    engine = create_sqlite_engine(path)
    try:
        with pytest.raises(RuntimeError):
            migrations.migrate(engine)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 4
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'chat_%'").fetchall()
    con.close()
