"""The sync engine's event stream against the real reference server on loopback: bootstrap,
live events, reconnects, resuming without gaps, bad events and backlogs (commands are in
test_sync_engine_commands.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from pathlib import Path

import pytest
from engine_harness import (
    all_server_event_ids,
    all_server_tickets,
    engine_running,
    local_ticket_ids,
)
from sync_fixtures import DEMO_PASSWORD, LoopbackServer, copy_database, run, signed_in, wait_until

from console.api.client import SupportClient
from console.api.schemas import MessageCreate, TicketUpdate
from console.core.domain import TicketStatus
from console.store import Change, Store
from console.sync import ConnectionState


def key() -> str:
    return uuid.uuid4().hex


def test_bootstrap_fills_the_store_and_live_events_follow(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        bob = await signed_in(server.url, "bob")
        async with engine_running(server.url, store) as running:
            await running.online()
            server_tickets = await all_server_tickets(bob)
            assert len(server_tickets) > 1000
            assert local_ticket_ids(store) == {t.id for t in server_tickets}
            sample = server_tickets[17]
            assert store.ticket(sample.id) == sample
            assert store.event_cursor() == (await bob.events(0, 1)).last_id

            msg = await bob.post_message(sample.id, MessageCreate(body="live from bob"), key())
            update = TicketUpdate(status=TicketStatus.PENDING, tags=["watch"])
            changed = await bob.update_ticket(sample.id, update, key())
            await wait_until(lambda: store.ticket(sample.id) == changed, what="ticket event")
            await wait_until(
                lambda: any(m.id == msg.id for m in store.messages(sample.id)),
                what="message event",
            )
        await bob.aclose()

    run(scenario())


def test_server_down_at_start_then_up(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        alice = await signed_in(server.url, "alice")
        me = await alice.me()
        await server.astop()
        states: list[ConnectionState] = []
        async with engine_running(server.url, store, signed_in_as=(alice, me)) as running:

            def on_change(change: Change) -> None:
                if change.topic == "connection":
                    states.append(running.engine.state)

            store.hub.subscribe(on_change)
            await wait_until(
                lambda: ConnectionState.OFFLINE in states, what="offline after failures"
            )
            assert store.event_cursor() is None
            await server.astart()
            await running.online()
            assert len(local_ticket_ids(store)) > 1000
        assert states[:4] == [
            ConnectionState.RECONNECTING,
            ConnectionState.OFFLINE,
            ConnectionState.SYNCING,  # the server answered; the tickets are loading
            ConnectionState.ONLINE,
        ]
        assert states[-1] is ConnectionState.OFFLINE  # stopped

    run(scenario())


def test_reconnect_now_cuts_a_long_backoff_short(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        alice = await signed_in(server.url, "alice")
        me = await alice.me()
        await server.astop()
        signed = (alice, me)
        async with engine_running(
            server.url, store, signed_in_as=signed, backoff=(60.0, 60.0)
        ) as running:
            await wait_until(lambda: running.engine.state is ConnectionState.RECONNECTING)
            await server.astart()
            await asyncio.sleep(0.3)
            assert running.engine.state is ConnectionState.RECONNECTING  # still waiting
            running.engine.reconnect_now()
            await running.online(timeout=30)  # a first bootstrap, on a loaded CI machine

    run(scenario())


def test_a_silent_stream_times_out_and_is_resumed(server: LoopbackServer, store: Store) -> None:
    """No bytes for longer than the stream read timeout (a half-open connection looks the
    same): the engine drops the stream, reconnects and misses nothing."""

    async def scenario() -> None:
        alice = await signed_in(server.url, "alice", stream_read_timeout=0.4)
        states: list[ConnectionState] = []
        me = await alice.me()
        async with engine_running(server.url, store, signed_in_as=(alice, me)) as running:
            store.hub.subscribe(
                lambda c: states.append(running.engine.state) if c.topic == "connection" else None
            )
            await running.online()
            await wait_until(lambda: states.count(ConnectionState.ONLINE) >= 3, what="cycles")
            bob = await signed_in(server.url, "bob")
            msg = await bob.post_message(9, MessageCreate(body="during the cycles"), key())
            await wait_until(lambda: msg.id in [m.id for m in store.messages(9)], what="message")
            await bob.aclose()
        assert ConnectionState.RECONNECTING in states

    run(scenario())


def test_resume_after_restart_and_after_a_pause_has_no_gap_and_no_repeat(
    server: LoopbackServer, store: Store
) -> None:
    applied: list[int] = []
    original = store.apply_events

    def spy(events):  # type: ignore[no-untyped-def]
        before = store.event_cursor()
        original(events)
        applied.extend(e.id for e in events if before is None or e.id > before)

    store.apply_events = spy  # type: ignore[method-assign]

    async def act(rounds: int, label: str) -> list[int]:
        bob = await signed_in(server.url, "bob")
        touched = []
        for i in range(rounds):
            ticket_id = 100 + i
            await bob.post_message(ticket_id, MessageCreate(body=f"{label} {i}"), key())
            await bob.update_ticket(ticket_id, TicketUpdate(tags=[label, str(i)]), key())
            touched.append(ticket_id)
        await bob.aclose()
        return touched

    async def scenario() -> None:
        touched: list[int] = []
        async with engine_running(server.url, store) as running:
            await running.online()
            start = store.event_cursor()
            assert start is not None
            touched += await act(4, "before")
            await server.astop()  # the stream dies under the engine
            await wait_until(lambda: running.engine.state is not ConnectionState.ONLINE)
            await server.astart()
            touched += await act(4, "after-restart")
            await running.online()
        touched += await act(3, "while-closed")  # the console is not running at all
        async with engine_running(server.url, store) as running:
            await running.online()
            touched += await act(2, "live-again")
            bob = await signed_in(server.url, "bob")
            expected = await all_server_event_ids(bob, after=start)
            await wait_until(lambda: store.event_cursor() == expected[-1], what="caught up")
            # The server's SLA sweep may add events before `start` was read.
            assert [i for i in applied if i > start] == expected
            for ticket_id in set(touched):
                server_ids = [m.id for m in await bob.messages(ticket_id)]
                local_ids = [m.id for m in store.messages(ticket_id)]
                assert server_ids[-1] in local_ids and len(set(local_ids)) == len(local_ids)
                assert store.ticket(ticket_id) == await bob.get_ticket(ticket_id)
            await bob.aclose()

    run(scenario())


def test_malformed_events_are_skipped_and_the_stream_goes_on(
    server: LoopbackServer, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def insert_raw_event(type_: str, payload: str) -> None:
        con = sqlite3.connect(server.database, timeout=10)
        with con:
            con.execute(
                "INSERT INTO events (type, ticket_id, payload, created_at)"
                " VALUES (?, 1, ?, '2026-03-01 08:00:00.000000')",
                (type_, payload),
            )
        con.close()

    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            await asyncio.to_thread(insert_raw_event, "ticket.updated", '{"id": "not a ticket"}')
            bob = await signed_in(server.url, "bob")
            msg = await bob.post_message(2, MessageCreate(body="after the bad ones"), key())
            last = (await bob.events(0, 1)).last_id
            await wait_until(lambda: store.event_cursor() == last, what="cursor past bad events")
            assert msg.id in [m.id for m in store.messages(2)]
            assert running.engine.state is ConnectionState.ONLINE
            await bob.aclose()

    run(scenario())
    assert "skipping event" in caplog.text


def test_backlog_is_caught_up_in_pages_and_bursts_in_batches(
    server: LoopbackServer, store: Store
) -> None:
    calls: list[int] = []
    original = store.apply_events

    def spy(events):  # type: ignore[no-untyped-def]
        calls.append(len(events))
        original(events)

    store.apply_events = spy  # type: ignore[method-assign]

    async def burst(bob: SupportClient, count: int, ticket_id: int) -> None:
        for i in range(count):
            await bob.post_message(ticket_id, MessageCreate(body=f"burst {i}"), key())

    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
        bob = await signed_in(server.url, "bob")
        # 510 events (a message and its ticket update each) while the console is closed.
        await asyncio.gather(*(burst(bob, 85, 200 + n) for n in range(3)))
        calls.clear()
        # 510 and whatever else the server emitted meanwhile (SLA breaches from its sweep).
        backlog = len(await all_server_event_ids(bob, after=store.event_cursor() or 0))
        assert 510 <= backlog < 1000
        async with engine_running(server.url, store) as running:
            await running.online()
            assert calls[:2] == [500, backlog - 500]  # two pages, two transactions
            calls.clear()
            await asyncio.gather(*(burst(bob, 30, 210 + n) for n in range(3)))
            last = (await bob.events(0, 1)).last_id
            await wait_until(lambda: store.event_cursor() == last, what="burst applied")
            assert 180 <= sum(calls) < 200 and len(calls) < 180
        await bob.aclose()

    run(scenario())


def test_a_server_that_lost_its_history_is_bootstrapped_again(
    server: LoopbackServer, store: Store, demo_database: Path
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            store.save_draft("ticket:3", "keep me")
            bob = await signed_in(server.url, "bob")
            for i in range(3):
                changed = await bob.update_ticket(3, TicketUpdate(tags=[f"old-{i}"]), key())
            await bob.aclose()
            await wait_until(lambda: store.ticket(3) == changed, what="updates applied")
            old_cursor = store.event_cursor() or 0
            await server.astop()
            await asyncio.to_thread(copy_database, demo_database, server.database.parent)
            await server.astart()
            # A new database knows no session: the engine waits (401) until the agent signs in.
            await wait_until(
                lambda: (
                    running.engine.last_error is not None
                    and running.engine.last_error.status == 401
                ),
                what="401",
            )
            await running.client.login("alice", DEMO_PASSWORD)
            running.engine.reconnect_now()
            fresh = await signed_in(server.url, "bob")
            original = await fresh.get_ticket(3)
            # The cursor is written after the last page: wait for both, not the ticket alone.
            # (The new history may already hold events from the server's SLA sweep.)
            await wait_until(
                lambda: (
                    store.ticket(3) == original
                    and (cursor := store.event_cursor()) is not None
                    and cursor < old_cursor
                ),
                what="re-bootstrap",
            )
            assert store.draft("ticket:3") == "keep me"
            await fresh.aclose()

    run(scenario())
