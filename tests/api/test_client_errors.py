"""Error mapping of SupportClient against scripted transports (no server involved)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from console.api.client import SupportClient
from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import MessageCreate, TicketUpdate

T = TypeVar("T")

TICKET = {
    "id": 5,
    "subject": "s",
    "status": "open",
    "priority": "normal",
    "channel": "email",
    "category": "kyc",
    "language": "en",
    "customer_uid": "U1",
    "created_at": "2026-03-01T08:00:00Z",
    "updated_at": "2026-03-01T08:00:00Z",
    "version": 2,
}


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coro, 10))


def client_for(handler: Callable[[httpx.Request], httpx.Response], **kw: Any) -> SupportClient:
    return SupportClient("http://support.test", "tok", transport=httpx.MockTransport(handler), **kw)


async def _call(client: SupportClient, fn: Callable[[SupportClient], Coroutine[Any, Any, T]]) -> T:
    try:
        return await fn(client)
    finally:
        await client.aclose()


def error_of(handler: Callable[[httpx.Request], httpx.Response], **kw: Any) -> ApiError:
    with pytest.raises(ApiError) as info:
        run(_call(client_for(handler, **kw), lambda c: c.get_ticket(5)))
    return info.value


def test_error_body_maps_to_code_and_message() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"error": {"code": "not_found", "message": "No such ticket", "details": {"id": 5}}}
        return httpx.Response(404, json=body)

    err = error_of(handler)
    assert (err.status, err.code, err.message, err.details) == (
        404,
        "not_found",
        "No such ticket",
        {"id": 5},
    )
    assert not err.retryable and not isinstance(err, ServerUnreachable)


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (502, True), (503, True), (429, True), (400, False)]
)
def test_error_without_error_body(status: int, retryable: bool) -> None:
    err = error_of(lambda r: httpx.Response(status, text="<html>Bad Gateway</html>"))
    assert (err.status, err.code, err.retryable) == (status, "http_error", retryable)


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"id": "five"}', b"\xff\xfe\x00garbage", b"", b"[]"]
)
def test_malformed_success_body(body: bytes) -> None:
    err = error_of(lambda r: httpx.Response(200, content=body))
    assert (err.status, err.code, err.retryable) == (200, "malformed_response", False)


def test_timeout_is_server_unreachable() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, json=TICKET)

    class SlowTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            try:
                return await asyncio.wait_for(slow(request), request.extensions["timeout"]["read"])
            except TimeoutError as exc:
                raise httpx.ReadTimeout("read timed out", request=request) from exc

    client = SupportClient("http://support.test", transport=SlowTransport(), timeout=0.2)
    with pytest.raises(ServerUnreachable) as info:
        run(_call(client, lambda c: c.get_ticket(5)))
    assert info.value.timeout and info.value.retryable and info.value.status == 0
    assert info.value.code == "unreachable"


def test_connection_refused_is_server_unreachable() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    err = error_of(handler)
    assert isinstance(err, ServerUnreachable) and not err.timeout and err.retryable


def test_mutations_carry_token_and_idempotency_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "PATCH":
            return httpx.Response(200, json=TICKET)
        message = {
            "id": 1,
            "ticket_id": 5,
            "kind": "reply",
            "body": "hi",
            "author_name": "A",
            "client_id": "c1",
            "created_at": "2026-03-01T08:00:00Z",
        }
        return httpx.Response(201, json=message)

    async def scenario(client: SupportClient) -> None:
        await client.update_ticket(5, TicketUpdate(assignee_id=None), "key-a")
        await client.post_message(5, MessageCreate(body="hi", client_id="c1"), "key-b")

    run(_call(client_for(handler), scenario))
    patch, post = seen
    assert patch.url.path == "/api/v1/tickets/5" and patch.headers["Idempotency-Key"] == "key-a"
    assert json.loads(patch.content) == {"assignee_id": None}  # explicit null, nothing else
    assert post.headers["Idempotency-Key"] == "key-b"
    assert post.headers["Authorization"] == "Bearer tok"
    assert json.loads(post.content) == {"kind": "reply", "body": "hi", "client_id": "c1"}


def test_event_page_skips_malformed_items() -> None:
    good = {
        "id": 3,
        "type": "ticket.updated",
        "payload": TICKET,
        "created_at": TICKET["created_at"],
    }
    bad = {"id": 4, "type": "no.such.type", "payload": {}, "created_at": TICKET["created_at"]}

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["after"] == "2"
        return httpx.Response(200, json={"items": [good, bad, "junk"], "last_id": 4})

    page = run(_call(client_for(handler), lambda c: c.events(after=2)))
    assert [e.id for e in page.items] == [3] and page.last_id == 4


class _TrackedStream(httpx.AsyncByteStream):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.closed = False

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for chunk in self.chunks:
            yield chunk
        await asyncio.sleep(30)  # a live stream stays open

    async def aclose(self) -> None:
        self.closed = True


def test_stream_skips_malformed_events_and_closes_the_response_on_break() -> None:
    good = {
        "id": 7,
        "type": "ticket.updated",
        "payload": TICKET,
        "created_at": TICKET["created_at"],
    }
    body = [
        b": keepalive\n\n",
        b"id: 6\nevent: ticket.updated\ndata: {broken json\n\n",
        b"id: 7\nevent: ticket.updated\ndata: " + json.dumps(good).encode() + b"\n\n",
    ]
    stream = _TrackedStream(body)

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["after"] == "5"
        headers = {"content-type": "text/event-stream"}
        return httpx.Response(200, headers=headers, stream=stream)

    async def scenario(client: SupportClient) -> list[int]:
        got = []
        async for event in client.stream_events(after=5):
            got.append(event.id)
            break
        return got

    assert run(_call(client_for(handler), scenario)) == [7]
    assert stream.closed


def test_stream_error_status_raises_api_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": {"code": "unauthorized", "message": "Sign in"}})

    async def scenario(client: SupportClient) -> None:
        async for _ in client.stream_events(after=None):
            pass

    with pytest.raises(ApiError) as info:
        run(_call(client_for(handler), scenario))
    assert (info.value.status, info.value.code) == (401, "unauthorized")
