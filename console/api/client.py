"""Async client for Support API v1: typed results, one error type, idempotent mutations, and
the live event stream.

Every method returns pydantic models from console.api.schemas or raises ApiError; transport
failures and timeouts raise ServerUnreachable (an ApiError with status 0). The transport is
injectable, so tests can put anything between the client and the server.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncGenerator, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from httpx_sse import EventSource
from pydantic import BaseModel, TypeAdapter, ValidationError

from console.api.client_aml import AmlMethods
from console.api.client_audit import AuditMethods
from console.api.client_chat import ChatMethods
from console.api.client_identity import IdentityMethods
from console.api.client_inbox import InboxMethods
from console.api.client_kb import KbMethods
from console.api.client_responses import error_from as _error_from
from console.api.client_responses import malformed as _malformed
from console.api.client_training import TrainingMethods
from console.api.client_vip import VipMethods
from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import (
    API_PREFIX,
    DEFAULT_PAGE_SIZE,
    AgentOut,
    CustomerDetail,
    EventOut,
    EventPage,
    LoginRequest,
    MessageCreate,
    MessageOut,
    TicketCreate,
    TicketOut,
    TicketPage,
    TicketUpdate,
    TokenOut,
    WorkspaceInfo,
)
from console.api.schemas_training import TrainingPassOut

__all__ = ["ApiError", "ServerUnreachable", "SupportClient", "new_idempotency_key"]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
_AGENTS = TypeAdapter(list[AgentOut])
_MESSAGES = TypeAdapter(list[MessageOut])
_RAW_EVENT_PAGE = TypeAdapter(dict[str, Any])
# The server sends a keepalive comment every 15 s; three missed ones mean the stream is dead.
STREAM_READ_TIMEOUT = 45.0
# An idle connection is dropped after this long. Servers close idle connections after their
# own keep-alive (uvicorn: 5 s by default); a connection the server closes just as the console
# sends on it fails with a ReadError, so the console lets go well before.
KEEPALIVE_EXPIRY_S = 2.0
_TICKET_FILTERS = (
    "status",
    "assignee",
    "channel",
    "category",
    "language",
    "priority",
    "q",
    "tag",
    "vip",
    "sla",
    "group",
)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class SupportClient(
    InboxMethods,
    KbMethods,
    ChatMethods,
    AuditMethods,
    IdentityMethods,
    AmlMethods,
    VipMethods,
    TrainingMethods,
):
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
        stream_read_timeout: float = STREAM_READ_TIMEOUT,
    ) -> None:
        root = base_url.rstrip("/")
        if not root.endswith(API_PREFIX):
            root += API_PREFIX
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._timeout = timeout
        self._stream_timeout = httpx.Timeout(timeout, read=stream_read_timeout)
        self._http = httpx.AsyncClient(
            base_url=root,
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            limits=httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_S),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def for_training(self, training_pass: TrainingPassOut) -> SupportClient:
        """A client of the training workspace on the same server, with the pass's token."""
        return SupportClient(
            self.base_url.removesuffix(API_PREFIX) + training_pass.path,
            training_pass.token,
            timeout=self._timeout,
        )

    # --- plumbing ----------------------------------------------------------------------------

    def _headers(self, idempotency_key: str | None = None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    async def _request(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        partial: bool = False,
        raw: bytes | None = None,
        extra_headers: Mapping[str, str] | None = None,
        exclude: set[str] | None = None,
    ) -> httpx.Response:
        content = raw
        headers = self._headers(idempotency_key)
        headers.update(extra_headers or {})
        if body is not None:
            # partial (PATCH): an explicit null (unassign) is sent, an untouched field is not.
            content = body.model_dump_json(exclude_unset=partial, exclude=exclude).encode("utf-8")
            headers["Content-Type"] = "application/json"
        try:
            response = await self._http.request(
                method, path, content=content, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(f"{method} {path} timed out", timeout=True) from exc
        except httpx.RequestError as exc:
            raise ServerUnreachable(f"{method} {path} failed: {exc!r}") from exc
        if response.is_error:
            raise _error_from(response)
        return response

    @staticmethod
    def _parse(response: httpx.Response, model: type[M]) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise _malformed(response, exc) from exc

    # --- workspace and auth ------------------------------------------------------------------

    async def health(self) -> bool:
        response = await self._request("GET", "/health")
        return bool(response.json().get("status") == "ok")

    async def workspace(self) -> WorkspaceInfo:
        return self._parse(await self._request("GET", "/workspace"), WorkspaceInfo)

    async def login(self, username: str, password: str) -> TokenOut:
        body = LoginRequest(username=username, password=password)
        token = self._parse(await self._request("POST", "/auth/login", body=body), TokenOut)
        self.token = token.token
        return token

    async def logout(self) -> None:
        try:
            await self._request("POST", "/auth/logout", idempotency_key=new_idempotency_key())
        finally:
            self.token = None

    async def me(self) -> AgentOut:
        return self._parse(await self._request("GET", "/me"), AgentOut)

    async def agents(self) -> list[AgentOut]:
        response = await self._request("GET", "/agents")
        try:
            return _AGENTS.validate_json(response.content)
        except ValidationError as exc:
            raise _malformed(response, exc) from exc

    # --- tickets and messages ----------------------------------------------------------------

    async def list_tickets(
        self,
        cursor: str | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        *,
        tag: str | None = None,
        vip: bool | None = None,
        sla: str | None = None,
        group: str | None = None,
        **filters: Any,
    ) -> TicketPage:
        """One page; filters: status, assignee, channel, category, language, priority, q (lists
        become comma-separated), tag, vip (customer VIP tier > 0), sla (due_soon | breached),
        group."""
        if vip is not None:
            filters["vip"] = "true" if vip else "false"
        filters.update(tag=tag, sla=sla, group=group)
        unknown = set(filters) - set(_TICKET_FILTERS)
        if unknown:
            raise TypeError(f"unknown ticket filters: {sorted(unknown)}")
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        for name, value in filters.items():
            if value is None:
                continue
            if isinstance(value, list | tuple | set | frozenset):
                value = ",".join(str(v) for v in value)
            params[name] = str(value)
        return self._parse(await self._request("GET", "/tickets", params=params), TicketPage)

    async def create_ticket(
        self, ticket: TicketCreate, idempotency_key: str | None = None
    ) -> TicketOut:
        key = idempotency_key or new_idempotency_key()
        response = await self._request("POST", "/tickets", body=ticket, idempotency_key=key)
        return self._parse(response, TicketOut)

    async def get_ticket(self, ticket_id: int) -> TicketOut:
        return self._parse(await self._request("GET", f"/tickets/{ticket_id}"), TicketOut)

    async def update_ticket(
        self, ticket_id: int, update: TicketUpdate, idempotency_key: str
    ) -> TicketOut:
        response = await self._request(
            "PATCH",
            f"/tickets/{ticket_id}",
            body=update,
            idempotency_key=idempotency_key,
            partial=True,
        )
        return self._parse(response, TicketOut)

    async def messages(self, ticket_id: int) -> list[MessageOut]:
        response = await self._request("GET", f"/tickets/{ticket_id}/messages")
        try:
            return _MESSAGES.validate_json(response.content)
        except ValidationError as exc:
            raise _malformed(response, exc) from exc

    async def post_message(
        self, ticket_id: int, message: MessageCreate, idempotency_key: str
    ) -> MessageOut:
        response = await self._request(
            "POST",
            f"/tickets/{ticket_id}/messages",
            body=message,
            idempotency_key=idempotency_key,
            # Left out when empty, so a message without files still suits servers before #3.
            exclude=None if message.attachment_ids else {"attachment_ids"},
        )
        return self._parse(response, MessageOut)

    async def customer(self, uid: str) -> CustomerDetail:
        response = await self._request("GET", f"/customers/{quote(uid, safe='')}")
        return self._parse(response, CustomerDetail)

    # --- events ------------------------------------------------------------------------------

    async def events(self, after: int = 0, limit: int = 500) -> EventPage:
        """Events with id > after. An item that does not parse is logged and left out, so
        one bad event cannot block catching up; `last_id` still tells how far the page went."""
        response = await self._request("GET", "/events", params={"after": after, "limit": limit})
        try:
            raw = _RAW_EVENT_PAGE.validate_json(response.content)
            items_raw = raw.get("items")
            if not isinstance(items_raw, list):
                raise ValueError("items is not a list")
            last_id = int(raw["last_id"])
        except (ValidationError, ValueError, KeyError, TypeError) as exc:
            raise _malformed(response, exc) from exc
        items: list[EventOut] = []
        for item in items_raw:
            try:
                items.append(EventOut.model_validate(item))
            except ValidationError as exc:
                log.warning("skipping malformed event in page after %s: %s", after, exc)
        return EventPage(items=items, last_id=last_id)

    async def stream_events(self, after: int | None = None) -> AsyncGenerator[EventOut, None]:
        """Follow the live stream from `after` (None: only new events) until the server ends
        it or the connection drops (ServerUnreachable). One connection, no reconnect: that is
        the sync engine's job. Malformed events are logged and skipped.

        The response is closed explicitly when the consumer stops early (break, cancellation,
        aclose()): left to the garbage collector, httpcore's generators complain later.
        """
        headers = self._headers()
        headers["Accept"] = "text/event-stream"
        headers["Cache-Control"] = "no-store"
        params = {"after": after} if after is not None else None
        request = self._http.build_request(
            "GET", "/events/stream", params=params, headers=headers, timeout=self._stream_timeout
        )
        try:
            response = await self._http.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable("event stream: connect timed out", timeout=True) from exc
        except httpx.RequestError as exc:
            raise ServerUnreachable(f"event stream: {exc!r}") from exc
        try:
            if response.is_error:
                await response.aread()
                raise _error_from(response)
            sse_events = EventSource(response).aiter_sse()
            try:
                async for sse in sse_events:
                    if not sse.data:
                        continue
                    try:
                        event = EventOut.model_validate_json(sse.data)
                    except ValidationError as exc:
                        log.warning("skipping malformed stream event id=%r: %s", sse.id, exc)
                        continue
                    yield event
            finally:
                await sse_events.aclose()
        except httpx.TimeoutException as exc:
            raise ServerUnreachable("event stream went silent", timeout=True) from exc
        except httpx.RequestError as exc:
            raise ServerUnreachable(f"event stream dropped: {exc!r}") from exc
        finally:
            await response.aclose()
