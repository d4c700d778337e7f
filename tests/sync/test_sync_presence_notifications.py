"""Presence between two consoles and notifications, against the real server."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from engine_harness import engine_running
from sync_fixtures import LoopbackServer, run, signed_in, wait_until

from console.api.schemas import TicketUpdate
from console.server.db import Database
from console.server.settings import sqlite_url
from console.server.sla_sweeper import sweep_once
from console.store import Store, TicketQuery
from console.sync import Notification


def test_two_consoles_on_one_ticket_see_each_other(
    server: LoopbackServer, store: Store, tmp_path: Path
) -> None:
    other_store = Store.open(tmp_path / "bob.sqlite3")

    async def scenario() -> None:
        bob_client = await signed_in(server.url, "bob")
        bob_me = await bob_client.me()
        async with (
            engine_running(server.url, store) as alice,
            engine_running(server.url, other_store, signed_in_as=(bob_client, bob_me)) as bob,
        ):
            await alice.online()
            await bob.online()
            ticket_id = store.query_tickets(TicketQuery("open"), 0, 1)[0].id
            alice.engine.set_presence(ticket_id, "viewing")
            bob.engine.set_presence(ticket_id, "typing")
            await wait_until(
                lambda: (
                    [p.agent_name for p in alice.engine.presence.on(ticket_id)]
                    == [bob_me.display_name]
                ),
                what="alice sees bob",
            )
            await wait_until(
                lambda: [p.state for p in bob.engine.presence.on(ticket_id)] == ["viewing"],
                what="bob sees alice",
            )
            assert [p.state for p in alice.engine.presence.on(ticket_id)] == ["typing"]
            bob.engine.set_presence(ticket_id, "left")
            await wait_until(lambda: alice.engine.presence.on(ticket_id) == [], what="bob left")

    try:
        run(scenario())
    finally:
        other_store.close()


def test_assignment_and_customer_reply_notify_but_catch_up_does_not_flood(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        bob = await signed_in(server.url, "bob")
        got: list[Notification] = []
        async with engine_running(server.url, store) as running:
            await running.online()
            me = running.engine.me.id
            running.engine.notifications.subscribe(got.append)
            ids = [
                t.id
                for t in store.query_tickets(TicketQuery("unassigned"), 0, 5)
                if t.assignee_id != me
            ]
            await bob.update_ticket(ids[0], TicketUpdate(assignee_id=me), uuid.uuid4().hex)
            await wait_until(lambda: any(n.ticket_id == ids[0] for n in got), what="assigned")
            assert [(n.kind, n.ticket_id) for n in got] == [("assigned", ids[0])]
            # My own assignment is no news.
            running.engine.update_ticket(ids[1], TicketUpdate(assignee_id=me))
            await wait_until(lambda: store.pending_outbox() == [], what="own change sent")
            await asyncio.sleep(0.5)
            assert [n.ticket_id for n in got] == [ids[0]]
        # Offline: other agents assign several tickets to me.
        for ticket_id in ids[2:]:
            await bob.update_ticket(ticket_id, TicketUpdate(assignee_id=me), uuid.uuid4().hex)
        got.clear()
        async with engine_running(server.url, store) as running:
            running.engine.notifications.subscribe(got.append)
            await running.online()
            await wait_until(lambda: all(store.ticket(i).assignee_id == me for i in ids[2:]))  # type: ignore[union-attr]
            await asyncio.sleep(0.3)
            assert got == []
        await bob.aclose()

    run(scenario())


def test_a_breach_on_my_ticket_notifies_me_and_only_me(
    server: LoopbackServer, store: Store
) -> None:
    """The server's own SLA sweep finds the miss; the console turns it into a notification
    for the agent whose ticket it is, and stays quiet about colleagues' tickets."""

    async def scenario() -> None:
        bob = await signed_in(server.url, "bob")
        got: list[Notification] = []
        async with engine_running(server.url, store) as running:
            await running.online()
            me = running.engine.me.id
            now = datetime.now(UTC)
            mine = next(
                t
                for t in store.query_tickets(TicketQuery("unassigned"), 0, 200)
                if t.sla is not None
                and t.sla.paused_since is None
                and t.sla.first_response_at is None
                and t.sla.first_response_due_at > now
            )
            await bob.update_ticket(mine.id, TicketUpdate(assignee_id=me), uuid.uuid4().hex)
            await wait_until(lambda: store.ticket(mine.id).assignee_id == me, what="assigned")  # type: ignore[union-attr]
            running.engine.notifications.subscribe(got.append)
            # Two months on, every running clock has missed its target.
            db = Database(sqlite_url(server.database))
            emitted = await asyncio.to_thread(sweep_once, db, now + timedelta(days=60))
            db.dispose()
            assert emitted > 1
            await wait_until(
                lambda: ("sla_breached", mine.id) in [(n.kind, n.ticket_id) for n in got],
                what="breach notification",
            )
            await asyncio.sleep(0.3)
            breached = [n.ticket_id for n in got if n.kind == "sla_breached"]
            assert all(store.ticket(i).assignee_id == me for i in breached)  # type: ignore[union-attr]
        await bob.aclose()

    run(scenario())
