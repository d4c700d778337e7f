"""What every SupportClient mixin (client_inbox, client_kb, ...) calls: SupportClient's
`_request`, declared here once for the type checker; client.py defines it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx
    from pydantic import BaseModel


class RequestMixin:
    if TYPE_CHECKING:

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
        ) -> httpx.Response: ...
