from __future__ import annotations

import time
from pathlib import Path

import pytest
from server_fixtures import fast_settings
from sqlalchemy import func, select
from synthetic_demo import synthetic_workspace

from console.api.schemas import API_PREFIX
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.models import Message, Ticket
from console.server.seeding import is_empty, seed_workspace
from console.server.services.ticket_query import TicketFilters, list_tickets
from console.server.settings import sqlite_url


def test_seeding_2400_tickets_takes_seconds(tmp_path: Path) -> None:
    workspace = synthetic_workspace(2400)
    db = Database(sqlite_url(tmp_path / "seed.sqlite3"))
    db.create_schema()
    assert is_empty(db)
    started = time.perf_counter()
    seed_workspace(db, workspace)
    elapsed = time.perf_counter() - started
    assert elapsed < 5.0
    assert not is_empty(db)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 2400
        assert session.scalar(select(func.count()).select_from(Message)) == 3 * 2400
        page = list_tickets(session, TicketFilters(), limit=1)
    newest = page.items[0]
    assert newest.subject == "Demo ticket 2399"
    assert newest.message_count == 3
    # The note is the newest message, but the preview shows what the customer sees.
    assert newest.last_message_preview == "Answer 2399"
    assert newest.updated_at == workspace.tickets[-1].messages[-1].created_at
    db.dispose()


def test_demo_mode_seeds_once_and_lists_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    import console.server.demo as demo

    calls: list[int] = []

    def fake_generate(seed: int = 7, tickets: int = 2400) -> object:
        calls.append(tickets)
        return synthetic_workspace(tickets)

    monkeypatch.setattr(demo, "generate_demo", fake_generate, raising=False)
    path = tmp_path / "demo.sqlite3"
    server = EmbeddedServer(fast_settings(path, demo=True, demo_tickets=50))
    for _ in range(2):  # the second start finds the data and does not seed again
        base = server.start()
        try:
            with httpx.Client(base_url=base + API_PREFIX) as c:
                info = c.get("/workspace").json()
                token = c.post(
                    "/auth/login", json={"username": "sara", "password": "demo-pass-2026"}
                ).json()["token"]
                c.headers["Authorization"] = f"Bearer {token}"
                page = c.get("/tickets", params={"limit": 500}).json()
        finally:
            server.stop()
        assert info["demo"] is True
        # Of the demo's sign-in accounts, those this workspace has.
        assert [a["username"] for a in info["demo_accounts"]] == ["alice", "sara"]
        assert len(page["items"]) == 50
    assert calls == [50]
