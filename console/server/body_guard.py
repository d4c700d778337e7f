"""Request guard, before any route runs: body size, JSON/UTF-8 validity, no NUL characters.

The whole body is read here (it is small by definition) and handed on unchanged, so routes,
FastAPI's own parsing and the idempotency hash all see the same bytes. Upload paths carry raw
file bytes instead: they get their own, larger limit, counted chunk by chunk as the body
arrives, and no JSON check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.api.schemas import API_PREFIX, MAX_ATTACHMENT_BYTES
from console.server.errors import error_response

MAX_BODY_BYTES = 256 * 1024
# POST paths whose body is a raw file, with their own size limit.
RAW_BODY_LIMITS: Mapping[str, int] = {f"{API_PREFIX}/attachments": MAX_ATTACHMENT_BYTES}
# The same for paths with ids in them: chat uploads of agents and of customers.
RAW_BODY_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        re.compile(rf"{re.escape(API_PREFIX)}/(?:customer/)?chats/\d{{1,18}}/attachments"),
        MAX_ATTACHMENT_BYTES,
    ),
)
# An oversized body up to this size is read and dropped so the client sees the 413 instead
# of a reset connection; anything bigger is answered at once.
_DRAIN_LIMIT = 16 * 1024 * 1024
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _Disconnected(Exception):
    pass


def _json_problem(body: bytes) -> tuple[int, str, str] | None:
    try:
        text = body.decode("utf-8")
        value = json.loads(text)
        # Escapes like "\ud800" decode to lone surrogates, which no database or encoder takes.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeError:
        return 400, "malformed_json", "The request body is not valid UTF-8."
    except (ValueError, RecursionError):
        return 400, "malformed_json", "The request body is not valid JSON."
    if _contains_nul(value):
        return _NUL_PROBLEM
    return None


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


# PostgreSQL text cannot hold NUL, and SQLite's LIKE stops at it: refused everywhere alike.
_NUL_PROBLEM = (422, "invalid_request", "Text must not contain NUL characters.")


def _has_nul(scope: Scope) -> bool:
    query: bytes = scope.get("query_string", b"")
    return "\x00" in scope.get("path", "") or b"%00" in query or b"\x00" in query


class BodyGuardMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        raw_limits: Mapping[str, int] = RAW_BODY_LIMITS,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.raw_limits = dict(raw_limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            await error_response(*_NUL_PROBLEM)(scope, receive, send)
            return
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        raw_limit = self._raw_limit(scope.get("path", "")) if scope["method"] == "POST" else None
        limit = raw_limit if raw_limit is not None else self.max_bytes
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            try:
                declared_size = int(declared)
            except ValueError:
                declared_size = -1
            if declared_size < 0:
                response = error_response(400, "malformed_json", "Invalid Content-Length.")
                await response(scope, receive, send)
                return
            if declared_size > limit:
                if declared_size <= _DRAIN_LIMIT:
                    try:
                        await self._drain(receive)
                    except _Disconnected:
                        return
                await self._too_large(scope, receive, send, limit)
                return
        try:
            body = await self._read(receive, limit)
        except _Disconnected:
            return
        if body is None:
            await self._too_large(scope, receive, send, limit)
            return
        if body and raw_limit is None:
            problem = _json_problem(body)
            if problem is not None:
                await error_response(*problem)(scope, receive, send)
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _raw_limit(self, path: str) -> int | None:
        limit = self.raw_limits.get(path)
        if limit is None:
            limit = next((n for p, n in RAW_BODY_PATTERNS if p.fullmatch(path)), None)
        return limit

    async def _read(self, receive: Receive, limit: int) -> bytes | None:
        """The body, or None once it grows past `limit` (the rest is drained)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await self._drain(receive, size)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _drain(self, receive: Receive, already: int = 0) -> None:
        size = already
        while size <= _DRAIN_LIMIT:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            size += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        limit_kib = limit // 1024
        response = error_response(
            413, "payload_too_large", f"The request body is larger than {limit_kib} KiB."
        )
        await response(scope, receive, send)
