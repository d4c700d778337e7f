"""A small async client of the customer chat API (/api/v1/customer): what an exchange's app widget
does, for tests, the bench, the demo and anyone playing a customer.

One instance is one customer in one conversation: start() keeps the conversation's bearer token,
every later call sends it. Errors are console.api's ApiError (ServerUnreachable with status 0).
What it sends is not checked here: the server judges it (tests play hostile customers with it).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from console.api.client_responses import error_from, parse
from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import API_PREFIX
from console.api.schemas_chat import (
    ChatAttachmentOut,
    ChatMessageOut,
    ChatReadUpdate,
    ChatTypingUpdate,
    ConversationOut,
    CustomerChatSession,
    CustomerChatStart,
    CustomerChatView,
    CustomerMessageCreate,
    CustomerRating,
)

__all__ = ["ApiError", "CustomerClient", "ServerUnreachable"]


class CustomerClient:
    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
    ) -> None:
        root = base_url.rstrip("/")
        if not root.endswith(API_PREFIX):
            root += API_PREFIX
        self._timeout = timeout
        self._http = httpx.AsyncClient(
            base_url=root, transport=transport, timeout=timeout, follow_redirects=False
        )
        self.token: str | None = None
        self.conversation_id: int | None = None

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> CustomerClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def _chat(self) -> str:
        if self.conversation_id is None:
            raise RuntimeError("start() a conversation first")
        return f"/customer/chats/{self.conversation_id}"

    async def _request(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: Mapping[str, Any] | None = None,
        raw: bytes | None = None,
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        retry_stale: bool = False,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        headers.update(extra_headers or {})
        content = raw
        if body is not None:
            content = body.model_dump_json().encode("utf-8")
            headers["Content-Type"] = "application/json"
        # A kept-alive connection the server has just closed fails at once (ReadError,
        # RemoteProtocolError) without the request having been taken. Sending again is safe
        # for reads, for PUTs, and for a message (its client_id makes a repeat a no-op).
        attempts = 2 if method in ("GET", "PUT") or retry_stale else 1
        for attempt in range(attempts):
            try:
                response = await self._http.request(
                    method,
                    path,
                    content=content,
                    params=params,
                    headers=headers,
                    timeout=timeout if timeout is not None else self._timeout,
                )
                break
            except httpx.TimeoutException as exc:
                raise ServerUnreachable(f"{method} {path} timed out", timeout=True) from exc
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
                if attempt + 1 < attempts:
                    continue
                raise ServerUnreachable(f"{method} {path} failed: {exc!r}") from exc
            except httpx.RequestError as exc:
                raise ServerUnreachable(f"{method} {path} failed: {exc!r}") from exc
        if response.is_error:
            raise error_from(response)
        return response

    # --- the conversation --------------------------------------------------------------------

    async def start(
        self,
        language: str,
        *,
        customer_uid: str | None = None,
        guest_name: str = "",
        topic: str | None = None,
        text: str = "",
    ) -> CustomerChatSession:
        """Starts a conversation (with `text`, its first message); the bot answers first."""
        body = CustomerChatStart.model_construct(
            customer_uid=customer_uid,
            guest_name=guest_name,
            language=language,  # type: ignore[arg-type]  # unchecked: the server judges it
            topic=topic,
            text=text,
        )
        session = parse(
            await self._request("POST", "/customer/chats", body=body), CustomerChatSession
        )
        self.token = session.token
        self.conversation_id = session.conversation.id
        return session

    async def view(
        self, after_seq: int = 0, wait: float = 0.0, after_version: int | None = None
    ) -> CustomerChatView:
        """The conversation and its messages after `after_seq`; with `wait` > 0 the server holds
        the request (up to 25 s) until there is something new: a message, a change of the
        conversation (or a version other than `after_version`), queue position or typing."""
        params: dict[str, Any] = {"after_seq": after_seq}
        if wait > 0:
            params["wait"] = wait
        if after_version is not None:
            params["after_version"] = after_version
        response = await self._request(
            "GET", self._chat, params=params, timeout=self._timeout + max(wait, 0.0)
        )
        return parse(response, CustomerChatView)

    async def send(
        self,
        body: str,
        *,
        client_id: str | None = None,
        attachment_ids: Sequence[int] = (),
    ) -> ChatMessageOut:
        """Idempotent on client_id: sending the same client_id again returns the same message."""
        message = CustomerMessageCreate.model_construct(
            body=body,
            client_id=client_id or uuid.uuid4().hex,
            attachment_ids=list(attachment_ids),
        )
        response = await self._request(
            "POST", f"{self._chat}/messages", body=message, retry_stale=True
        )
        return parse(response, ChatMessageOut)

    async def upload(
        self, filename: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> ChatAttachmentOut:
        """One file as the raw body, its name in X-Filename (percent-encoded UTF-8)."""
        response = await self._request(
            "POST",
            f"{self._chat}/attachments",
            raw=bytes(data),
            extra_headers={"Content-Type": content_type, "X-Filename": quote(filename, safe="")},
        )
        return parse(response, ChatAttachmentOut)

    async def attachment(self, attachment_id: int) -> bytes:
        response = await self._request("GET", f"{self._chat}/attachments/{attachment_id}")
        return response.content

    async def typing(self, typing: bool) -> None:
        await self._request("PUT", f"{self._chat}/typing", body=ChatTypingUpdate(typing=typing))

    async def read(self, up_to_seq: int) -> ConversationOut:
        response = await self._request(
            "POST", f"{self._chat}/read", body=ChatReadUpdate(up_to_seq=up_to_seq)
        )
        return parse(response, ConversationOut)

    async def end(self) -> ConversationOut:
        return parse(await self._request("POST", f"{self._chat}/end"), ConversationOut)

    async def rate(self, score: int, comment: str = "") -> ConversationOut:
        body = CustomerRating.model_construct(score=score, comment=comment)
        response = await self._request("POST", f"{self._chat}/rating", body=body)
        return parse(response, ConversationOut)
