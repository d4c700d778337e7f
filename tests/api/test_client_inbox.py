"""SupportClient's inbox methods against a real server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from client_live_server import PASSWORD, LiveServer

from console.api.client import SupportClient, new_idempotency_key
from console.api.errors import ApiError
from console.api.schemas import (
    MAX_ATTACHMENT_BYTES,
    EscalationAnswer,
    EscalationCreate,
    MessageCreate,
    PresenceUpdate,
    SlaPolicyUpdate,
    TicketLinkCreate,
    TicketMerge,
    TicketUpdate,
)
from console.core.domain import Department, PresenceState, Priority

T = TypeVar("T")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 30))


async def _as(server: LiveServer, username: str) -> SupportClient:
    client = SupportClient(server.url)
    await client.login(username, PASSWORD)
    return client


def with_clients(
    server: LiveServer, body: Callable[[SupportClient, SupportClient], Awaitable[T]]
) -> T:
    async def main() -> T:
        alice, sara = await _as(server, "alice"), await _as(server, "sara")
        try:
            return await body(alice, sara)
        finally:
            await alice.aclose()
            await sara.aclose()

    return run(main())


def test_macros_policies_and_list_filters(live_server: LiveServer) -> None:
    first, second, third = live_server.ticket_ids

    async def body(alice: SupportClient, sara: SupportClient) -> None:
        macros = await alice.macros()
        assert len(macros) >= 8 and all(set(m.bodies) >= {"zh", "en"} for m in macros)
        policies = await alice.sla_policies()
        assert {p.priority for p in policies} == set(Priority)
        update = SlaPolicyUpdate(first_response_minutes=30, resolution_minutes=600)
        with pytest.raises(ApiError) as denied:
            await alice.update_sla_policy(Priority.LOW, update, new_idempotency_key())
        assert denied.value.code == "role_forbidden"
        changed = await sara.update_sla_policy(Priority.LOW, update, new_idempotency_key())
        assert (changed.priority, changed.first_response_minutes) == (Priority.LOW, 30)
        await alice.update_ticket(
            second, TicketUpdate(tags=["refund"], group="vip"), new_idempotency_key()
        )
        tagged = await alice.list_tickets(tag="refund")
        assert [t.id for t in tagged.items] == [second]
        grouped = await alice.list_tickets(group="vip", tag="refund", vip=False)
        assert [t.id for t in grouped.items] == [second]
        assert (await alice.list_tickets(vip=True)).items == []
        breached = await alice.list_tickets(sla="breached")
        assert {first, second, third}.isdisjoint(t.id for t in breached.items)

    with_clients(live_server, body)


def test_merge_link_unlink(live_server: LiveServer) -> None:
    first, second, third = live_server.ticket_ids

    async def body(alice: SupportClient, sara: SupportClient) -> None:
        linked = await alice.link_tickets(
            first, TicketLinkCreate(ticket_id=third), new_idempotency_key()
        )
        assert linked.linked_ids == [third]
        assert (await alice.get_ticket(third)).linked_ids == [first]
        unlinked = await alice.unlink_tickets(third, first, new_idempotency_key())
        assert unlinked.linked_ids == [] and (await alice.get_ticket(first)).linked_ids == []
        with pytest.raises(ApiError) as refused:
            await alice.merge_ticket(first, TicketMerge(into_id=third), new_idempotency_key())
        assert (refused.value.status, refused.value.code) == (422, "different_customer")
        key = new_idempotency_key()
        merged = await alice.merge_ticket(second, TicketMerge(into_id=first), key)
        assert merged.source.merged_into_id == first and merged.source.status == "closed"
        assert await alice.merge_ticket(second, TicketMerge(into_id=first), key) == merged
        thread = await alice.messages(first)
        assert {m.merged_from_id for m in thread} == {None, second}

    with_clients(live_server, body)


def test_escalation_round_trip(live_server: LiveServer) -> None:
    ticket_id = live_server.ticket_ids[2]

    async def body(alice: SupportClient, sara: SupportClient) -> None:
        created = await alice.create_escalation(
            ticket_id,
            EscalationCreate(department=Department.FINANCE, note="Refund the fee?"),
            new_idempotency_key(),
        )
        assert (await alice.get_ticket(ticket_id)).open_escalations == 1
        answered = await sara.answer_escalation(
            created.id, EscalationAnswer(answer="Approved."), new_idempotency_key()
        )
        assert answered.status == "answered" and answered.answered_by_name == "Sara"
        closed = await alice.close_escalation(created.id, new_idempotency_key())
        assert closed.status == "closed"
        listed = await alice.escalations(ticket_id)
        assert [(e.id, e.status) for e in listed] == [(created.id, "closed")]

    with_clients(live_server, body)


def test_presence(live_server: LiveServer) -> None:
    ticket_id = live_server.ticket_ids[0]

    async def body(alice: SupportClient, sara: SupportClient) -> None:
        mine = await alice.set_presence(ticket_id, PresenceUpdate(state=PresenceState.TYPING))
        await sara.set_presence(ticket_id, PresenceUpdate(state=PresenceState.VIEWING))
        seen = await sara.presence(ticket_id)
        assert {(p.agent_name, p.state) for p in seen} == {("Alice", "typing"), ("Sara", "viewing")}
        assert mine.state == "typing"
        await alice.set_presence(ticket_id, PresenceUpdate(state=PresenceState.LEFT))
        assert [p.agent_name for p in await sara.presence(ticket_id)] == ["Sara"]

    with_clients(live_server, body)


def test_upload_send_and_download(live_server: LiveServer, tmp_path: Path) -> None:
    ticket_id = live_server.ticket_ids[2]
    dest = tmp_path / "saved" / "截图.png"
    dest.parent.mkdir()

    async def body(alice: SupportClient, sara: SupportClient) -> None:
        key = new_idempotency_key()
        out = await alice.upload_attachment("截图.png", "image/png", PNG, key)
        assert await alice.upload_attachment("截图.png", "image/png", PNG, key) == out
        assert (out.filename, out.size, out.content_type) == ("截图.png", len(PNG), "image/png")
        with pytest.raises(ApiError) as refused:
            await alice.upload_attachment("x.png", "image/png", b"MZ" + bytes(10), "k2")
        assert (refused.value.status, refused.value.code) == (415, "unsupported_type")
        message = await alice.post_message(
            ticket_id,
            MessageCreate(body="screenshot", attachment_ids=[out.id]),
            new_idempotency_key(),
        )
        assert message.attachments == [out]
        saved = await sara.download_attachment(out.id, dest)
        assert saved == dest and dest.read_bytes() == PNG
        with pytest.raises(ApiError) as missing:
            await sara.download_attachment(999999, tmp_path / "saved" / "none.png")
        assert missing.value.code == "not_found"

    with_clients(live_server, body)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["截图.png"]


def test_upload_over_the_limit_is_refused_before_sending() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    async def main() -> None:
        client = SupportClient("http://t", "tok", transport=httpx.MockTransport(handler))
        try:
            await client.upload_attachment(
                "a.png", "image/png", PNG + bytes(MAX_ATTACHMENT_BYTES), "k"
            )
        finally:
            await client.aclose()

    with pytest.raises(ApiError) as info:
        run(main())
    assert (info.value.status, info.value.code) == (413, "payload_too_large") and sent == []


@pytest.mark.parametrize("declared", [True, False])
def test_download_refuses_bodies_over_the_limit(tmp_path: Path, declared: bool) -> None:
    chunk = bytes(1024 * 1024)

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(MAX_ATTACHMENT_BYTES // len(chunk) + 1):
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        if declared:
            return httpx.Response(200, content=chunk * 11)
        return httpx.Response(200, content=stream())

    async def main() -> None:
        client = SupportClient("http://t", "tok", transport=httpx.MockTransport(handler))
        try:
            await client.download_attachment(1, tmp_path / "big.png")
        finally:
            await client.aclose()

    with pytest.raises(ApiError) as info:
        run(main())
    assert info.value.code == "payload_too_large"
    assert list(tmp_path.iterdir()) == []
