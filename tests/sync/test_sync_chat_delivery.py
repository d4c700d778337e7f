"""Chat delivery exactly once against the real server: the server stops between storing my
message and answering, the console queues more while it is gone, the console itself closes
mid-conversation; afterwards both sides hold every message once, in order. And the chat timing:
the heartbeat keeps me routable, an offer nobody accepts goes back to the queue."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from chat_harness import ChatLoopbackServer, conversation_id, eventually, waiting_customer
from engine_harness import engine_running
from sync_fixtures import (
    FaultyTransport,
    LoopbackServer,
    copy_database,
    lose_response,
    run,
    signed_in,
    wait_until,
)

from console.api.customer_client import CustomerClient
from console.store import OutboxKind, Store
from console.sync import ConnectionState, Notification


async def _assert_same_as_server(store: Store, customer: CustomerClient, bodies: list[str]) -> None:
    """The store holds exactly the server's messages, in the server's order, none twice, none
    only local; each of `bodies` once, in the order given (the order each side wrote them)."""
    server = (await customer.view()).messages
    mine = store.chats.messages(conversation_id(customer))
    assert [(m.seq, m.id, m.body) for m in mine] == [(m.seq, m.id, m.body) for m in server]
    assert [m.seq for m in mine] == list(range(1, len(mine) + 1))
    assert all(m.state == "sent" for m in mine)
    texts = [m.body for m in mine]
    assert [texts.count(body) for body in bodies] == [1] * len(bodies)
    positions = [texts.index(body) for body in bodies]
    assert positions == sorted(positions)


async def _server_bodies(customer: CustomerClient) -> list[str]:
    return [m.body for m in (await customer.view()).messages]


def test_server_restart_between_send_and_confirmation_and_a_closed_console(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        transport = FaultyTransport()
        alice = await signed_in(server.url, "alice", transport=transport)
        me = await alice.me()
        async with engine_running(server.url, store, signed_in_as=(alice, me)) as running:
            engine = running.engine
            await running.online()
            await engine.set_chat_status("online")
            customer = await waiting_customer(server.url)
            cid = conversation_id(customer)
            await wait_until(lambda: bool(store.chats.my_conversations(me.id)), what="offer")
            await engine.accept_chat(cid)

            async def stored_then_server_gone(
                request: httpx.Request, inner: httpx.AsyncBaseTransport
            ) -> httpx.Response:
                response = await inner.handle_async_request(request)
                await response.aread()
                await response.aclose()
                await server.astop()
                server_gone.set()
                raise httpx.ReadError("the server went away before answering", request=request)

            server_gone = asyncio.Event()
            transport.add("POST", f"/chats/{cid}/messages", stored_then_server_gone)
            engine.send_chat_message(cid, "first reply")
            await asyncio.wait_for(server_gone.wait(), 20)
            await wait_until(
                lambda: engine.state is not ConnectionState.ONLINE, what="the engine noticing"
            )
            engine.send_chat_message(cid, "second reply, written while offline")
            shown = [(m.body, m.state) for m in store.chats.messages(cid)]
            # The first may already show as sent (its event beat the server's stop), never twice.
            assert [b for b, _ in shown].count("first reply") == 1
            assert shown[-1] == ("second reply, written while offline", "queued")
            await server.astart()
            await running.online()
            await customer.send("are you still there?", client_id="cust-after-restart")
            bodies = ["first reply", "second reply, written while offline", "are you still there?"]

            async def all_delivered() -> bool:
                texts = [m.body for m in store.chats.messages(cid) if m.state == "sent"]
                return all(b in texts for b in bodies) and not store.pending_outbox()

            await eventually(all_delivered, what="everything delivered")
            await _assert_same_as_server(store, customer, bodies[:2])
            assert "are you still there?" in await _server_bodies(customer)
            # The replay carried the first attempt's key.
            posts = [k for m, p, k in transport.requests if m == "POST" and p.endswith("/messages")]
            assert posts[0] == posts[1]
        # The console closes; the conversation goes on without it.
        await customer.send("hello? (1)", client_id="closed-1")
        await customer.send("hello? (2)", client_id="closed-2")
        engine_less = ["hello? (1)", "hello? (2)"]
        # My reply written while the console is not running waits in the outbox.
        from console.sync import SyncEngine

        offline_engine = SyncEngine(alice, store, me)
        offline_engine.send_chat_message(cid, "sorry, I was away")
        alice2 = await signed_in(server.url, "alice")
        async with engine_running(server.url, store, signed_in_as=(alice2, me)) as running:
            await running.online()
            everything = [*engine_less, "sorry, I was away"]

            async def caught_up() -> bool:
                texts = [m.body for m in store.chats.messages(cid) if m.state == "sent"]
                return all(b in texts for b in everything) and not store.pending_outbox()

            await eventually(caught_up, what="caught up after reopening")
            await _assert_same_as_server(store, customer, [*bodies[:2], *everything])
            await customer.aclose()
        await alice.aclose()

    run(scenario(), timeout=120)


def test_a_lost_answer_is_replayed_with_the_same_key_and_stored_once(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        transport = FaultyTransport()
        alice = await signed_in(server.url, "alice", transport=transport)
        me = await alice.me()
        async with engine_running(server.url, store, signed_in_as=(alice, me)) as running:
            engine = running.engine
            await running.online()
            await engine.set_chat_status("online")
            customer = await waiting_customer(server.url)
            cid = conversation_id(customer)
            await wait_until(lambda: bool(store.chats.my_conversations(me.id)), what="offer")
            # Accept's answer is lost too: retried at once with the same key, accepted once.
            transport.add("POST", f"/chats/{cid}/accept", lose_response)
            accepted = await engine.accept_chat(cid)
            assert accepted.state == "active"
            accepts = [k for m, p, k in transport.requests if p.endswith("/accept")]
            assert len(accepts) == 2 and accepts[0] == accepts[1]
            transport.add("POST", f"/chats/{cid}/messages", lose_response, times=2)
            transport.add("POST", f"/chats/{cid}/read", lose_response)
            engine.send_chat_message(cid, "only once")
            engine.mark_chat_read(cid, accepted.last_seq)
            await wait_until(lambda: not store.pending_outbox(), what="outbox empty")
            posts = [
                k
                for m, p, k in transport.requests
                if m == "POST" and p.endswith(f"/chats/{cid}/messages")
            ]
            assert len(posts) == 3 and len(set(posts)) == 1
            assert (await _server_bodies(customer)).count("only once") == 1
            await _assert_same_as_server(store, customer, ["only once"])
            done = [i for i in store.failed_outbox() if i.kind == OutboxKind.CHAT_MESSAGE]
            assert done == []
            await customer.aclose()
        await alice.aclose()

    run(scenario())


def test_heartbeat_keeps_me_routable_and_an_unaccepted_offer_is_requeued(
    demo_database: Path, store: Store, tmp_path: Path
) -> None:
    server = ChatLoopbackServer(
        copy_database(demo_database, tmp_path),
        chat_agent_timeout_s=1.5,
        chat_offer_timeout_s=1.0,
        chat_sweep_s=0.2,
    )
    server.start()

    async def scenario() -> None:
        bob = await signed_in(server.url, "bob")
        bob_me = await bob.me()
        async with engine_running(server.url, store) as running:
            engine, me = running.engine, running.engine.me
            engine.chat_heartbeat_s = 0.3
            await running.online()
            await engine.set_chat_status("online")
            await bob.set_chat_status("online")  # and never again: no heartbeat

            async def only_alice_online() -> bool:
                statuses = {s.agent_id: s.status for s in await bob.chat_statuses()}
                return statuses.get(me.id) == "online" and statuses.get(bob_me.id) == "offline"

            await asyncio.sleep(2.0)  # longer than the server's heartbeat timeout
            await eventually(only_alice_online, what="bob gone, alice kept alive")
            # Offered to me and left alone: taken back after the offer timeout. I am the only
            # agent online, so it comes back to me as a new offer (and a new notification).
            heard: list[Notification] = []
            engine.notifications.subscribe(heard.append)
            customer = await waiting_customer(server.url, "human, in Chinese is fine", "zh")
            cid = conversation_id(customer)
            await wait_until(lambda: bool(store.chats.my_conversations(me.id)), what="offer")
            first = store.chats.conversation(cid)
            assert first is not None and first.offered_at is not None
            first_offer = first.offered_at

            def offered_again() -> bool:
                now = store.chats.conversation(cid)
                return (
                    now is not None and now.offered_at is not None and now.offered_at > first_offer
                )

            await wait_until(offered_again, timeout=10, what="the offer taken back and re-made")
            again = store.chats.conversation(cid)
            assert again is not None and again.offered_at is not None
            assert (again.offered_at - first_offer).total_seconds() >= 1.0
            await wait_until(
                lambda: (
                    [n.conversation_id for n in heard if n.kind == "chat_offered"] == [cid, cid]
                ),
                what="notified of both offers",
            )
            await customer.aclose()
        await bob.aclose()

    try:
        run(scenario())
    finally:
        server.stop()
