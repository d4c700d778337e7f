"""CustomerClient and SupportClient's chat methods against a real server on loopback: a customer
and an agent talk, both ways, with files, typing, read marks, convert and rating."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest
from client_live_server import PASSWORD, LiveServer
from sqlalchemy import update

from console.api.client import SupportClient
from console.api.customer_client import CustomerClient
from console.api.errors import ApiError
from console.api.schemas_chat import ChatMessageCreate, ChatTransfer
from console.server.models import Agent

T = TypeVar("T")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 60))


@pytest.fixture(scope="module")
def chat_server(live_server: LiveServer) -> LiveServer:
    with live_server.db.write() as session:
        session.execute(update(Agent).values(languages=["en", "zh"]))
    return live_server


async def _agent(server: LiveServer, username: str) -> SupportClient:
    client = SupportClient(server.url)
    await client.login(username, PASSWORD)
    return client


async def _until_offered(agent: SupportClient, conversation_id: int) -> None:
    for _ in range(100):
        if any(c.id == conversation_id for c in await agent.chats("mine")):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("never offered")


def test_a_customer_and_an_agent_talk(chat_server: LiveServer) -> None:
    async def main() -> None:
        alice = await _agent(chat_server, "alice")
        async with CustomerClient(chat_server.url) as customer:
            session = await customer.start("en", customer_uid="C1", text="I need a human")
            cid = session.conversation.id
            assert session.conversation.state == "queued" and session.token
            view = await customer.view()
            assert view.queue_position == 1 and view.estimated_wait_s == 90
            status = await alice.set_chat_status("online", capacity=3)
            assert status.capacity == 3 and status.status == "online"
            assert any(s.agent_id == status.agent_id for s in await alice.chat_statuses())
            await _until_offered(alice, cid)
            accepted = await alice.accept_chat(cid)
            assert accepted.state == "active"
            assert (await alice.chat(cid)).assigned_agent_id == status.agent_id

            # both ways, idempotent on client_id, in seq order
            one = await customer.send("my withdrawal is late", client_id="c-1")
            again = await customer.send("my withdrawal is late", client_id="c-1")
            assert one.id == again.id
            after = (await customer.view()).conversation.last_seq
            waiting = asyncio.create_task(customer.view(after_seq=after, wait=10))
            await asyncio.sleep(0.2)
            reply = ChatMessageCreate(body="Checking it now", client_id="a-1")
            sent = await alice.post_chat_message(cid, reply)
            assert (await alice.post_chat_message(cid, reply)).id == sent.id
            news = await waiting
            assert [m.body for m in news.messages] == ["Checking it now"]
            messages = await alice.chat_messages(cid)
            assert [m.seq for m in messages] == list(range(1, len(messages) + 1))
            assert [m.body for m in messages].count("my withdrawal is late") == 1

            # files both ways
            shot = await customer.upload("screen.png", PNG, "image/png")
            with_file = await customer.send("", attachment_ids=[shot.id])
            assert with_file.attachments[0].id == shot.id
            assert await alice.chat_attachment_bytes(shot.id) == PNG
            doc = await alice.upload_chat_attachment(cid, "guide.txt", b"step 1\n")
            await alice.post_chat_message(
                cid, ChatMessageCreate(body="guide", client_id="a-2", attachment_ids=[doc.id])
            )
            assert await customer.attachment(doc.id) == b"step 1\n"

            # typing and read marks
            await alice.chat_typing(cid, True)
            assert (await customer.view()).agent_typing is True
            await customer.typing(True)
            read = await alice.mark_chat_read(cid, with_file.seq)
            assert read.agent_read_seq >= with_file.seq
            assert (await customer.read(sent.seq)).customer_read_seq == sent.seq

            # hostile input is an ApiError with the server's code
            with pytest.raises(ApiError) as refused:
                await customer.send("evil \u202etxt.exe")
            assert refused.value.status == 422
            with pytest.raises(ApiError) as wrong_type:
                await customer.upload("fake.pdf", b"not a pdf")
            assert wrong_type.value.status == 415
            with pytest.raises(ApiError) as to_nobody:
                await alice.transfer_chat(cid, ChatTransfer(to_agent_id=999, note="x"))
            assert to_nobody.value.status == 422

            ticket = await alice.convert_chat(cid)
            assert ticket.customer_uid == "C1" and (await alice.chat(cid)).ticket_id == ticket.id
            ended = await alice.end_chat(cid)
            assert ended.state == "ended"
            rated = await customer.rate(5, "thanks")
            assert rated.rating == 5
            assert (await customer.end()).state == "ended"
        await alice.set_chat_status("offline")
        await alice.aclose()

    run(main())


def test_declining_and_errors(chat_server: LiveServer) -> None:
    async def main() -> None:
        sara = await _agent(chat_server, "sara")
        async with CustomerClient(chat_server.url) as customer:
            with pytest.raises(RuntimeError):
                await customer.view()
            session = await customer.start("zh", guest_name="访客", text="人工")
            cid = session.conversation.id
            await sara.set_chat_status("online")
            await _until_offered(sara, cid)
            declined = await sara.decline_chat(cid)
            assert declined.state == "queued"
            with pytest.raises(ApiError) as gone:
                await sara.accept_chat(cid)
            assert gone.value.status == 409 and gone.value.code == "conflict"
            assert [c.id for c in await sara.chats("queue")] == [cid]
            customer.token = "wrong"
            with pytest.raises(ApiError) as denied:
                await customer.view()
            assert denied.value.status == 401
        await sara.set_chat_status("offline")
        await sara.aclose()

    run(main())


class _DropsFirstAnswer(httpx.AsyncBaseTransport):
    """The real transport, except that the first POST of a message loses its answer the way a
    kept-alive connection closed by the server does: ReadError. `forward` says whether the
    server got the request first (the answer lost) or not (the connection was already dead)."""

    def __init__(self, forward: bool) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._forward = forward
        self.dropped = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/messages") and not self.dropped:
            self.dropped += 1
            if self._forward:
                await (await self._inner.handle_async_request(request)).aread()
            raise httpx.ReadError("connection closed by the server")
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.mark.parametrize("forward", [False, True], ids=["dead-connection", "lost-answer"])
def test_a_message_on_a_closed_connection_is_sent_again_and_stored_once(
    chat_server: LiveServer, forward: bool
) -> None:
    async def main() -> None:
        transport = _DropsFirstAnswer(forward)
        async with CustomerClient(chat_server.url, transport=transport) as customer:
            await customer.start("en", guest_name="Retry", text="hello")
            sent = await customer.send("is my deposit there?", client_id="retry-1")
            assert transport.dropped == 1
            view = await customer.view()
            mine = [m for m in view.messages if m.client_id == "retry-1"]
            assert [m.id for m in mine] == [sent.id]
            # Starting a conversation is not repeated on its own: that would open a second one.
            async with CustomerClient(chat_server.url, transport=_Broken()) as stranger:
                with pytest.raises(ApiError):
                    await stranger.start("en")

    run(main())


class _Broken(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self.calls = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls > 1:
            raise AssertionError("a conversation start was sent twice")
        raise httpx.ReadError("connection closed by the server")
