"""Live chat through the sync engine against the real server, customers played through the
customer API: offer, accept with the bot transcript, messages both ways, read marks, typing both
ways, attachments, decline / transfer / convert / end."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_harness import conversation_id, eventually, waiting_customer
from engine_harness import engine_running
from sync_fixtures import LoopbackServer, run, signed_in, wait_until

from console.store import Store, TicketQuery
from console.sync import AttachmentRefused, Notification, NotificationKind

# A 1x1 transparent PNG: the server sniffs the content, so it must be a real one.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_offer_accept_transcript_messages_read_marks_and_typing(
    server: LoopbackServer, store: Store
) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            engine, me = running.engine, running.engine.me
            heard: list[Notification] = []
            engine.notifications.subscribe(heard.append)
            await running.online()
            status = await engine.set_chat_status("online")
            assert (status.agent_id, status.status) == (me.id, "online")
            assert engine.chat_status.mine == status
            customer = await waiting_customer(server.url, "My withdrawal is stuck, human please")
            cid = conversation_id(customer)

            def offered() -> bool:
                return any(
                    c.id == cid and c.state == "offered"
                    for c in store.chats.my_conversations(me.id)
                )

            await wait_until(offered, what="the offer in the store")
            await wait_until(
                lambda: any(
                    n.kind == NotificationKind.CHAT_OFFERED and n.conversation_id == cid
                    for n in heard
                ),
                what="the offer notification",
            )
            conversation = await engine.accept_chat(cid)
            assert (conversation.state, conversation.assigned_agent_id) == ("active", me.id)
            # The bot transcript is in the store, in order, when accept returns.
            transcript = store.chats.messages(cid)
            assert [m.seq for m in transcript] == list(range(1, conversation.last_seq + 1))
            assert (transcript[0].sender, transcript[0].body) == (
                "customer",
                "My withdrawal is stuck, human please",
            )
            assert "system" in {m.sender for m in transcript}
            # The customer writes: stored, notified, counted as unread.
            await customer.send("The tx hash is 0xabc", client_id="cust-1")
            await wait_until(
                lambda: store.chats.messages(cid)[-1].body == "The tx hash is 0xabc",
                what="the customer's message",
            )
            await wait_until(
                lambda: any(
                    n.kind == NotificationKind.CHAT_MESSAGE and n.body == "The tx hash is 0xabc"
                    for n in heard
                ),
                what="the message notification",
            )
            assert store.chats.unread_count(cid, me.id) >= 1
            last = store.chats.messages(cid)[-1].seq
            assert last is not None
            assert engine.mark_chat_read(cid, last) is not None
            assert store.chats.unread_count(cid, me.id) == 0  # at once
            assert engine.mark_chat_read(cid, last) is None  # nothing new to tell

            async def server_has_read() -> bool:
                return (await customer.view()).conversation.agent_read_seq == last

            await eventually(server_has_read, what="the read mark on the server")
            # My reply: shown at once, then the server's copy; the customer sees it once.
            client_id = engine.send_chat_message(cid, "Let me check that for you.")
            mine = store.chats.messages(cid)[-1]
            assert (mine.client_id, mine.seq, mine.state) == (client_id, None, "queued")
            await wait_until(
                lambda: store.chats.messages(cid)[-1].state == "sent", what="my reply confirmed"
            )
            view = await customer.view()
            assert [m.body for m in view.messages].count("Let me check that for you.") == 1
            assert [m.client_id for m in view.messages if m.sender == "agent"][-1] == client_id
            # Typing both ways.
            await customer.typing(True)
            await wait_until(
                lambda: engine.chat_typing.customer_typing(cid), what="customer typing"
            )
            engine.chat_typing(cid, True)

            async def agent_typing_seen() -> bool:
                return (await customer.view()).agent_typing

            await eventually(agent_typing_seen, what="the customer seeing me type")
            await customer.send("ok", client_id="cust-2")
            await wait_until(
                lambda: not engine.chat_typing.customer_typing(cid),
                what="typing ends with a message",
            )
            await customer.aclose()

    run(scenario())


def test_attachments_both_ways(server: LoopbackServer, store: Store, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            engine, me = running.engine, running.engine.me
            await running.online()
            await engine.set_chat_status("online")
            customer = await waiting_customer(server.url)
            cid = conversation_id(customer)
            await wait_until(lambda: bool(store.chats.my_conversations(me.id)), what="offer")
            await engine.accept_chat(cid)
            picture = tmp_path / "screenshot.png"
            picture.write_bytes(PNG)
            with pytest.raises(AttachmentRefused):
                engine.send_chat_message(cid, "see", [tmp_path / "tool.exe"])
            engine.send_chat_message(cid, "Here is where to click", [picture])
            picture.unlink()  # the store kept its own copy
            await wait_until(
                lambda: store.chats.messages(cid)[-1].state == "sent", what="upload and post"
            )
            sent = store.chats.messages(cid)[-1]
            assert [a.filename for a in sent.attachments] == ["screenshot.png"]
            assert sent.local_files == []
            assert await engine.chat_attachment_bytes(sent.attachments[0].id) == PNG
            assert await customer.attachment(sent.attachments[0].id) == PNG
            # The customer's file reaches my store with its message.
            upload = await customer.upload("receipt.png", PNG, "image/png")
            await customer.send("my receipt", client_id="cust-f", attachment_ids=[upload.id])
            await wait_until(
                lambda: store.chats.messages(cid)[-1].body == "my receipt", what="customer's file"
            )
            received = store.chats.messages(cid)[-1]
            assert [a.id for a in received.attachments] == [upload.id]
            saved = await engine.download_chat_attachment(upload.id, tmp_path / "r.png")
            assert saved.read_bytes() == PNG
            await customer.aclose()

    run(scenario())


def test_decline_transfer_convert_and_end(server: LoopbackServer, store: Store) -> None:
    async def scenario() -> None:
        async with engine_running(server.url, store) as running:
            engine, me = running.engine, running.engine.me
            await running.online()
            await engine.set_chat_status("online")
            first = await waiting_customer(server.url, "agent please, about my deposit")
            first_id = conversation_id(first)
            await wait_until(lambda: bool(store.chats.my_conversations(me.id)), what="offer 1")
            declined = await engine.decline_chat(first_id)
            assert declined.offered_agent_id != me.id
            # Nobody else is online: it waits in the queue, and the store shows it there.
            await wait_until(
                lambda: [c.id for c in store.chats.queue()] == [first_id], what="back in queue"
            )
            assert store.chats.my_conversations(me.id) == []
            # Bob comes online and gets it.
            bob = await signed_in(server.url, "bob")
            bob_me = await bob.me()
            await bob.set_chat_status("online")
            await wait_until(
                lambda: (
                    (c := store.chats.conversation(first_id)) is not None
                    and c.offered_agent_id == bob_me.id
                ),
                what="offered to bob",
            )
            await bob.accept_chat(first_id)
            # A second chat comes to me (the least loaded); I hand it to Bob with a note.
            second = await waiting_customer(server.url, "human please")
            second_id = conversation_id(second)
            await wait_until(
                lambda: [c.id for c in store.chats.my_conversations(me.id)] == [second_id],
                what="offer 2",
            )
            await engine.accept_chat(second_id)
            moved = await engine.transfer_chat(
                second_id, to_agent_id=bob_me.id, note="Wants a callback in English"
            )
            assert moved.offered_agent_id == bob_me.id
            assert moved.transfer_note == "Wants a callback in English"
            assert store.chats.my_conversations(me.id) == []
            # A third: converted to a ticket with the transcript, then ended.
            # A known customer (a guest's chat cannot become a ticket), not a VIP: no account
            # manager comes first.
            uid = next(
                t.customer_uid
                for t in store.query_tickets(TicketQuery("all"), 0, 500)
                if t.customer_vip_tier == 0
            )
            third = await waiting_customer(
                server.url, "agent: my account was frozen", customer_uid=uid
            )
            third_id = conversation_id(third)
            await wait_until(
                lambda: [c.id for c in store.chats.my_conversations(me.id)] == [third_id],
                what="offer 3",
            )
            await engine.accept_chat(third_id)
            ticket = await engine.convert_chat(third_id)
            assert store.ticket(ticket.id) is not None
            converted = store.chats.conversation(third_id)
            assert converted is not None and converted.ticket_id == ticket.id
            ended = await engine.end_chat(third_id)
            assert ended.state == "ended"
            current = store.chats.conversation(third_id)
            assert current is not None and current.state == "ended"
            assert store.chats.my_conversations(me.id) == []
            view = await third.view()
            assert view.conversation.state == "ended" and view.messages[-1].sender == "system"
            for customer in (first, second, third):
                await customer.aclose()
            await bob.aclose()

    run(scenario())
