"""The sync engine's commands against the real reference server on loopback: replies and
updates sent through outages, lost responses and refusals, and the reads a ticket opens with."""

from __future__ import annotations

import asyncio

from engine_harness import engine_running, local_ticket_ids
from sync_fixtures import (
    FaultyTransport,
    LoopbackServer,
    lose_response,
    respond,
    run,
    signed_in,
    stall,
    wait_until,
)

from console.api.schemas import TicketUpdate
from console.core.domain import TicketStatus
from console.store import OutboxState, Store
from console.sync import ConnectionState


def test_reply_sent_while_server_is_down_is_delivered_once_after_restart(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            ticket_id = sorted(local_ticket_ids(store))[3]
            await server.astop()
            await wait_until(lambda: running.engine.state is not ConnectionState.ONLINE)
            client_id = running.engine.send_message(ticket_id, "reply", "Sent offline", "Alice")
            (local,) = [m for m in store.messages(ticket_id) if m.client_id == client_id]
            assert (local.state, local.id) == ("queued", None)
            await asyncio.sleep(0.5)
            item = store.outbox_item(local.outbox_id or 0)
            assert item is not None and item.state == OutboxState.QUEUED and item.attempts == 0

            await server.astart()
            await wait_until(
                lambda: store.outbox_item(item.id).state == OutboxState.DONE,  # type: ignore[union-attr]
                what="outbox delivered",
            )
            bob = await signed_in(server.url, "bob")
            on_server = [m for m in await bob.messages(ticket_id) if m.client_id == client_id]
            assert len(on_server) == 1 and on_server[0].body == "Sent offline"
            await asyncio.sleep(0.3)  # let the message's own event arrive too
            mine = [m for m in store.messages(ticket_id) if m.client_id == client_id]
            assert [(m.id, m.state) for m in mine] == [(on_server[0].id, "sent")]
            await bob.aclose()

    run(scenario())


def test_lost_response_and_5xx_are_retried_with_the_same_key(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        transport = FaultyTransport()
        transport.add("GET", "/tickets", respond(503), times=2)  # bootstrap hits 5xx
        transport.add("GET", "/events", stall)  # and a slow catch-up (timeout)
        async with engine_running(server.url, store, transport=transport, timeout=1.5) as running:
            await running.online()
            ticket_id = sorted(local_ticket_ids(store))[5]
            transport.add("POST", "/messages", respond(502))
            transport.add("POST", "/messages", lose_response)  # applied, answer lost
            transport.add("POST", "/messages", stall)
            client_id = running.engine.send_message(ticket_id, "note", "Checked chain", "Alice")
            (local,) = [m for m in store.messages(ticket_id) if m.client_id == client_id]
            await wait_until(
                lambda: store.outbox_item(local.outbox_id or 0).state == OutboxState.DONE,  # type: ignore[union-attr]
                what="outbox delivered",
            )
            assert store.outbox_item(local.outbox_id or 0).attempts == 4  # type: ignore[union-attr]
            on_server = [
                m for m in await running.client.messages(ticket_id) if m.client_id == client_id
            ]
            assert len(on_server) == 1
            assert len([m for m in store.messages(ticket_id) if m.client_id == client_id]) == 1
        assert all(fault.hits == fault.times for fault in transport.faults)
        keys = [
            k
            for method, path, k in transport.requests
            if path.endswith("/messages") and method == "POST"
        ]
        assert len(keys) == 4 and len(set(keys)) == 1 and keys[0]

    run(scenario())


def test_refused_commands_fail_and_can_be_retried_or_discarded(
    server: LoopbackServer, store: Store
) -> None:
    refusal = {"error": {"code": "invalid_request", "message": "Reply refused by policy"}}

    async def scenario() -> None:
        transport = FaultyTransport()
        async with engine_running(server.url, store, transport=transport) as running:
            await running.online()
            engine = running.engine
            ticket_id = sorted(local_ticket_ids(store))[7]
            transport.add("POST", "/messages", respond(422, refusal), times=2)
            client_id = engine.send_message(ticket_id, "reply", "Please verify", "Alice")

            def local() -> object:
                return next(m for m in store.messages(ticket_id) if m.client_id == client_id)

            await wait_until(lambda: local().state == "failed", what="failed")  # type: ignore[attr-defined]
            assert local().error == "Reply refused by policy"  # type: ignore[attr-defined]
            outbox_id = local().outbox_id  # type: ignore[attr-defined]
            assert engine.retry(outbox_id)
            await wait_until(lambda: store.outbox_item(outbox_id).attempts == 2)  # type: ignore[union-attr]
            await wait_until(lambda: local().state == "failed", what="failed again")  # type: ignore[attr-defined]
            assert engine.retry(outbox_id)
            await wait_until(lambda: local().state == "sent", what="sent on retry")  # type: ignore[attr-defined]
            on_server = [
                m for m in await running.client.messages(ticket_id) if m.client_id == client_id
            ]
            assert len(on_server) == 1

            # A real 404 from the server: the ticket does not exist.
            lost = engine.send_message(999_999, "reply", "Nobody reads this", "Alice")
            await wait_until(
                lambda: store.messages(999_999)[0].state == "failed", what="404 failed"
            )
            (failed,) = store.messages(999_999)
            assert failed.client_id == lost and failed.error
            assert engine.discard(failed.outbox_id or 0)
            assert store.messages(999_999) == []
            assert not engine.retry(failed.outbox_id or 0)

            # A stale expected_version: 409, and the optimistic change is undone.
            before = store.ticket(ticket_id)
            assert before is not None
            stale = TicketUpdate(status=TicketStatus.ON_HOLD, expected_version=before.version - 1)
            item_id = engine.update_ticket(ticket_id, stale)
            assert store.ticket(ticket_id).status == TicketStatus.ON_HOLD  # type: ignore[union-attr]
            await wait_until(
                lambda: store.outbox_item(item_id).state == OutboxState.FAILED,  # type: ignore[union-attr]
                what="conflict",
            )
            await wait_until(
                lambda: store.ticket(ticket_id).status == before.status,  # type: ignore[union-attr]
                what="optimistic change undone",
            )

    run(scenario())


def test_open_ticket_fetches_messages_and_customer(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            ticket = store.ticket(sorted(local_ticket_ids(store))[0])
            assert ticket is not None and store.customer(ticket.customer_uid) is None
            await running.engine.open_ticket(ticket.id)
            server_messages = await running.client.messages(ticket.id)
            assert [m.id for m in store.messages(ticket.id)] == [m.id for m in server_messages]
            assert store.customer(ticket.customer_uid) == await running.client.customer(
                ticket.customer_uid
            )

    run(scenario())
