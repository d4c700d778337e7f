"""SLA and triage of seeded and simulated tickets, and the cost of serialising a page."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from synthetic_demo import synthetic_workspace

from console.api.schemas import TicketCreate
from console.core.domain import Category, Channel, MessageKind, Priority, TicketStatus
from console.server.db import Database
from console.server.demo.model import DemoMessage, DemoTicket
from console.server.models import Event, Ticket
from console.server.runtime import Runtime
from console.server.seeding import seed_workspace
from console.server.services import tickets
from console.server.services.ticket_query import TicketFilters, list_tickets
from console.server.settings import ServerSettings, sqlite_url
from console.server.sla_sweeper import run_sla_sweeper, sweep_once
from console.server.traffic import open_ticket


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path_factory.mktemp("sla") / "seeded.sqlite3"))
    db.create_schema()
    seed_workspace(db, synthetic_workspace(600))
    yield db
    db.dispose()


def test_seeded_tickets_have_clocks_and_past_breaches_count_as_announced(seeded: Database) -> None:
    with seeded.read() as session:
        rows = list(session.scalars(select(Ticket)))
    assert all(r.sla_first_response_due_at is not None for r in rows)
    # The synthetic tickets are from January 2026 and answered after three minutes.
    assert all(r.first_response_at is not None for r in rows)
    done = [r for r in rows if r.status in ("solved", "closed")]
    assert done and all(r.resolved_at is not None for r in done)
    pending = [r for r in rows if r.status == "pending"]
    assert pending and all(r.sla_paused_since is not None for r in pending)
    assert any(r.sla_resolution_breach_sent for r in rows)
    # So the first sweep after seeding has nothing left to say.
    assert sweep_once(seeded) == 0
    with seeded.read() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_a_page_of_500_costs_a_fixed_number_of_queries(seeded: Database) -> None:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(seeded.engine, "before_cursor_execute", count)
    try:
        with seeded.read() as session:
            page = list_tickets(session, TicketFilters(), 500)
    finally:
        event.remove(seeded.engine, "before_cursor_execute", count)
    assert len(page.items) == 500
    assert all(t.sla is not None and t.customer_name for t in page.items)
    assert all(t.search_terms and "@" in t.search_terms[0] for t in page.items)
    assert len(statements) <= 4, statements


def test_simulated_new_tickets_get_a_suggestion(seeded: Database) -> None:
    now = datetime.now(UTC)
    demo = DemoTicket(
        subject="Account hacked",
        channel=Channel.TELEGRAM,
        category=Category.ACCOUNT_SECURITY,
        language="en",
        priority=Priority.HIGH,
        status=TicketStatus.NEW,
        customer_uid="U10000001",
        assignee_username=None,
        tags=[],
        created_at=now,
        messages=[DemoMessage(MessageKind.CUSTOMER, "Someone logged into my account.", None, now)],
    )
    ticket_id = open_ticket(seeded, demo)
    assert ticket_id is not None
    with seeded.read() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        assert row.priority == "urgent" and row.suggested_priority == "urgent"
        assert row.suggestion_reason and row.group == "security"


def _overdue_in(db: Database, delay: timedelta) -> int:
    """An urgent ticket whose first response falls due `delay` from now."""
    opened = datetime.now(UTC) - timedelta(minutes=15) + delay
    data = TicketCreate(
        subject="Fees", body="Hi", customer_uid="U10000002", priority=Priority.URGENT
    )
    with db.write() as session:
        return tickets.create_ticket(session, data, now=opened).id


def _breach_count(db: Database, ticket_id: int) -> int:
    with db.read() as session:
        query = select(func.count()).where(
            Event.ticket_id == ticket_id, Event.type == "sla.breached"
        )
        return session.scalar(query) or 0


def test_the_sweeper_loop_announces_and_never_waits_on_a_locked_database(
    seeded: Database,
) -> None:
    path = Path(str(seeded.engine.url.database))
    settings = ServerSettings(database_url=sqlite_url(path), sla_sweep_s=0.05)
    runtime = Runtime(settings=settings, db=seeded)

    async def scenario() -> None:
        stop = asyncio.Event()
        loop_task = asyncio.create_task(run_sla_sweeper(runtime, stop))
        late = _overdue_in(seeded, timedelta(seconds=-1))
        for _ in range(100):
            if _breach_count(seeded, late):
                break
            await asyncio.sleep(0.05)
        assert _breach_count(seeded, late) == 1
        soon = _overdue_in(seeded, timedelta(seconds=0.3))
        locker = sqlite3.connect(path, timeout=15.0, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        try:
            await asyncio.sleep(0.8)  # the loop has found `soon` and waits for the lock
            stop.set()
            started = time.monotonic()
            await asyncio.wait_for(loop_task, 5)
            assert time.monotonic() - started < 1.0
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        # The abandoned pass gets the lock now and finishes its work.
        for _ in range(100):
            if _breach_count(seeded, soon):
                break
            await asyncio.sleep(0.05)
        assert _breach_count(seeded, soon) == 1

    asyncio.run(scenario())
