"""A v3 cache (before the knowledge base) upgrades to v4 in place: nothing of it is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kb_factories import kb_article
from store_factories import ticket

from console.store import LATEST_VERSION, Store, TicketQuery, migrations, tickets
from console.store.db import create_sqlite_engine, writing
from console.store.first_page import read_first_page


def _make_v3_file(path: Path) -> None:
    engine = create_sqlite_engine(path)
    try:
        migrations.migrate(engine, target=3)
    finally:
        engine.dispose()
    # Filled through code paths v3 already had (the tickets table is unchanged in v4).
    engine = create_sqlite_engine(path)
    try:
        with writing(engine) as conn:
            tickets.upsert(conn, [ticket(7, subject="提币未到账"), ticket(8)])
            conn.exec_driver_sql(
                "INSERT INTO drafts (key, text, updated_at) VALUES ('ticket:7', '写了一半', 1)"
            )
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('event_cursor', '99')")
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    assert not con.execute("SELECT name FROM sqlite_master WHERE name = 'kb_articles'").fetchall()
    con.close()


def test_v3_cache_upgrades_in_place_keeping_tickets_drafts_and_cursor(tmp_path: Path) -> None:
    assert LATEST_VERSION >= 4  # later migrations (v5: live chat) run on top of v4
    path = tmp_path / "v3.sqlite3"
    _make_v3_file(path)
    store = Store.open(path)
    try:
        # Unlike v2 and v3, this upgrade keeps the ticket cache and the cursor: no re-bootstrap.
        assert store.event_cursor() == 99
        assert store.count_tickets(TicketQuery("all")) == 2
        assert store.count_tickets(TicketQuery("all", text="提币")) == 1
        assert store.draft("ticket:7") == "写了一半"
        # The knowledge base starts empty and works.
        assert store.kb.count() == 0 and store.kb.search("提币") == []
        store.kb.put_articles([kb_article(1)])
        assert store.kb.count() == 1
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    con.close()
    # The first paint (plain sqlite3) still reads the upgraded file.
    page = read_first_page(path, TicketQuery("all"), 10)
    assert page is not None and {row.id for row in page.rows} == {7, 8}
