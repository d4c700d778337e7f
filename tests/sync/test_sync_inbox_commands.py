"""Inbox commands through the outbox against the real server: bulk updates, merge, escalation,
messages with files."""

from __future__ import annotations

import uuid
from collections import defaultdict
from pathlib import Path

from engine_harness import engine_running
from sync_fixtures import FaultyTransport, LoopbackServer, respond, run, signed_in, wait_until

from console.api.schemas import EscalationAnswer, TicketUpdate
from console.core.domain import EventType
from console.store import OutboxState, Store, TicketQuery
from console.sync import ConnectionState

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _done(store: Store, item_id: int) -> bool:
    item = store.outbox_item(item_id)
    return item is not None and item.state == OutboxState.DONE


def test_bulk_update_queued_offline_is_applied_exactly_once(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            ids = [t.id for t in store.query_tickets(TicketQuery("open"), 0, 6)]
            start = store.event_cursor() or 0
            await server.astop()
            await wait_until(lambda: running.engine.state is not ConnectionState.ONLINE)
            items = [running.engine.update_ticket(i, TicketUpdate(tags=["bulk-x"])) for i in ids]
            assert all(store.ticket(i).tags == ["bulk-x"] for i in ids)  # type: ignore[union-attr]
            assert store.count_tickets(TicketQuery("all", tag="bulk-x")) == len(ids)
            await server.astart()
            await wait_until(lambda: all(_done(store, i) for i in items), what="bulk sent")
            bob = await signed_in(server.url, "bob")
            for ticket_id in ids:
                assert (await bob.get_ticket(ticket_id)).tags == ["bulk-x"]
            events = []
            after = start
            while page := (await bob.events(after, 500)).items:
                events += page
                after = page[-1].id
            updates = defaultdict(int)
            for e in events:
                if e.type is EventType.TICKET_UPDATED and e.payload.get("tags") == ["bulk-x"]:
                    updates[e.ticket_id] += 1
            assert dict(updates) == dict.fromkeys(ids, 1)
            await bob.aclose()

    run(scenario())


def test_merge_keeps_both_drafts_and_moves_messages(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            by_customer = defaultdict(list)
            for t in store.query_tickets(TicketQuery("open"), 0, 5000):
                by_customer[t.customer_uid].append(t.id)
            into, source = next(ids[:2] for ids in by_customer.values() if len(ids) >= 2)
            await running.engine.open_ticket(source)
            source_messages = [m.id for m in store.messages(source)]
            assert source_messages
            store.save_draft(f"ticket:{source}", "draft on the duplicate")
            store.save_draft(f"ticket:{into}", "draft on the target")
            item = running.engine.merge(source, into)
            joined = store.draft(f"ticket:{into}")
            assert joined == "draft on the target\n\ndraft on the duplicate"
            assert store.draft(f"ticket:{source}") == "draft on the duplicate"
            await wait_until(lambda: _done(store, item), what="merge confirmed")
            merged = store.ticket(source)
            assert merged is not None and merged.merged_into_id == into
            moved = {m.id: m.merged_from_id for m in store.messages(into)}
            assert all(moved.get(mid) == source for mid in source_messages)

    run(scenario())


def test_escalation_answer_arrives_in_the_store(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            await running.online()
            ticket_id = store.query_tickets(TicketQuery("open"), 0, 1)[0].id
            item = running.engine.escalate(ticket_id, "security", "Is this login suspicious?")
            await wait_until(lambda: _done(store, item), what="escalation created")
            (esc,) = store.escalations(ticket_id)
            assert esc.status == "open"
            sara = await signed_in(server.url, "sara")
            await sara.answer_escalation(
                esc.id, EscalationAnswer(answer="Known device."), uuid.uuid4().hex
            )
            await wait_until(
                lambda: store.escalations(ticket_id)[0].status == "answered", what="answer"
            )
            assert store.escalations(ticket_id)[0].answer == "Known device."
            close = running.engine.close_escalation(esc.id, ticket_id)
            await wait_until(lambda: _done(store, close), what="closed")
            assert store.escalations(ticket_id)[0].status == "closed"
            await sara.aclose()

    run(scenario())


def test_message_with_attachment_is_uploaded_once_when_the_post_fails(
    server: LoopbackServer, store: Store, tmp_path: Path
) -> None:
    async def scenario() -> None:
        transport = FaultyTransport()
        async with engine_running(server.url, store, transport=transport) as running:
            await running.online()
            ticket_id = store.query_tickets(TicketQuery("open"), 0, 1)[0].id
            original = tmp_path / "screenshot.png"
            original.write_bytes(PNG)
            transport.add("POST", "/messages", respond(502))
            client_id = running.engine.send_message(
                ticket_id, "reply", "See the screenshot", "Alice", [original]
            )
            original.unlink()  # the agent may delete it: the store holds a copy
            (local,) = [m for m in store.messages(ticket_id) if m.client_id == client_id]
            assert len(local.local_files) == 1
            await wait_until(lambda: _done(store, local.outbox_id or 0), what="sent")
            uploads = [r for r in transport.requests if r[0] == "POST" and "/attachments" in r[1]]
            posts = [r for r in transport.requests if r[0] == "POST" and r[1].endswith("/messages")]
            assert len(uploads) == 1 and len(posts) == 2
            on_server = [
                m for m in await running.client.messages(ticket_id) if m.client_id == client_id
            ]
            assert len(on_server) == 1
            assert [a.filename for a in on_server[0].attachments] == ["screenshot.png"]
            (sent,) = [m for m in store.messages(ticket_id) if m.client_id == client_id]
            assert sent.local_files == [] and len(sent.attachments) == 1
            dest = await running.engine.download_attachment(
                sent.attachments[0].id, tmp_path / "back.png"
            )
            assert dest.read_bytes() == PNG

    run(scenario())
