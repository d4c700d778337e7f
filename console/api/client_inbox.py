"""SupportClient methods of the full inbox: SLA policies, merge and links, escalations, macros,
attachments and presence. A mixin over SupportClient's plumbing (see client.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import error_from, parse, parse_list
from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import (
    MAX_ATTACHMENT_BYTES,
    AttachmentOut,
    EscalationAnswer,
    EscalationClose,
    EscalationCreate,
    EscalationOut,
    MacroOut,
    PresenceOut,
    PresenceUpdate,
    SlaPolicyOut,
    SlaPolicyUpdate,
    TicketLinkCreate,
    TicketMerge,
    TicketMergedOut,
    TicketOut,
)
from console.core.domain import Priority

_POLICIES = TypeAdapter(list[SlaPolicyOut])
_ESCALATIONS = TypeAdapter(list[EscalationOut])
_MACROS = TypeAdapter(list[MacroOut])
_PRESENCE = TypeAdapter(list[PresenceOut])


def too_large(size: int | None = None) -> ApiError:
    limit_mib = MAX_ATTACHMENT_BYTES // (1024 * 1024)
    got = f" ({size} bytes)" if size is not None else ""
    return ApiError(413, "payload_too_large", f"The file is larger than {limit_mib} MiB{got}.")


class InboxMethods(RequestMixin):
    if TYPE_CHECKING:
        _http: httpx.AsyncClient

        def _headers(self, idempotency_key: str | None = None) -> dict[str, str]: ...

    # --- SLA policies ------------------------------------------------------------------------

    async def sla_policies(self) -> list[SlaPolicyOut]:
        return parse_list(await self._request("GET", "/sla-policies"), _POLICIES)

    async def update_sla_policy(
        self, priority: Priority | str, update: SlaPolicyUpdate, idempotency_key: str
    ) -> SlaPolicyOut:
        response = await self._request(
            "PUT",
            f"/sla-policies/{quote(str(priority), safe='')}",
            body=update,
            idempotency_key=idempotency_key,
        )
        return parse(response, SlaPolicyOut)

    # --- merge and links ---------------------------------------------------------------------

    async def merge_ticket(
        self, source_id: int, merge: TicketMerge, idempotency_key: str
    ) -> TicketMergedOut:
        response = await self._request(
            "POST", f"/tickets/{source_id}/merge", body=merge, idempotency_key=idempotency_key
        )
        return parse(response, TicketMergedOut)

    async def link_tickets(
        self, ticket_id: int, link: TicketLinkCreate, idempotency_key: str
    ) -> TicketOut:
        response = await self._request(
            "POST", f"/tickets/{ticket_id}/links", body=link, idempotency_key=idempotency_key
        )
        return parse(response, TicketOut)

    async def unlink_tickets(
        self, ticket_id: int, other_id: int, idempotency_key: str
    ) -> TicketOut:
        response = await self._request(
            "DELETE", f"/tickets/{ticket_id}/links/{other_id}", idempotency_key=idempotency_key
        )
        return parse(response, TicketOut)

    # --- escalations -------------------------------------------------------------------------

    async def escalations(self, ticket_id: int) -> list[EscalationOut]:
        return parse_list(
            await self._request("GET", f"/tickets/{ticket_id}/escalations"), _ESCALATIONS
        )

    async def create_escalation(
        self, ticket_id: int, escalation: EscalationCreate, idempotency_key: str
    ) -> EscalationOut:
        response = await self._request(
            "POST",
            f"/tickets/{ticket_id}/escalations",
            body=escalation,
            idempotency_key=idempotency_key,
        )
        return parse(response, EscalationOut)

    async def answer_escalation(
        self, escalation_id: int, answer: EscalationAnswer, idempotency_key: str
    ) -> EscalationOut:
        response = await self._request(
            "POST",
            f"/escalations/{escalation_id}/answer",
            body=answer,
            idempotency_key=idempotency_key,
        )
        return parse(response, EscalationOut)

    async def close_escalation(self, escalation_id: int, idempotency_key: str) -> EscalationOut:
        response = await self._request(
            "POST",
            f"/escalations/{escalation_id}/close",
            body=EscalationClose(),
            idempotency_key=idempotency_key,
        )
        return parse(response, EscalationOut)

    # --- macros and presence -----------------------------------------------------------------

    async def macros(self) -> list[MacroOut]:
        return parse_list(await self._request("GET", "/macros"), _MACROS)

    async def set_presence(self, ticket_id: int, update: PresenceUpdate) -> PresenceOut:
        response = await self._request("POST", f"/tickets/{ticket_id}/presence", body=update)
        return parse(response, PresenceOut)

    async def presence(self, ticket_id: int) -> list[PresenceOut]:
        return parse_list(await self._request("GET", f"/tickets/{ticket_id}/presence"), _PRESENCE)

    # --- attachments -------------------------------------------------------------------------

    async def upload_attachment(
        self, filename: str, content_type: str, data: bytes, idempotency_key: str
    ) -> AttachmentOut:
        """Uploads one file; refused here already when it is over the size limit."""
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise too_large(len(data))
        response = await self._request(
            "POST",
            "/attachments",
            raw=bytes(data),
            idempotency_key=idempotency_key,
            extra_headers={
                "Content-Type": content_type or "application/octet-stream",
                "X-Filename": quote(filename, safe=""),
            },
        )
        return parse(response, AttachmentOut)

    async def download_attachment(self, attachment_id: int, dest: Path) -> Path:
        """Streams the file into a temporary file next to `dest`, then renames it into place:
        `dest` is either the whole file or untouched. Bodies over MAX_ATTACHMENT_BYTES are
        refused (payload_too_large) and nothing is left behind. Disk work runs in a thread."""
        dest = Path(dest)
        request = self._http.build_request(
            "GET", f"/attachments/{attachment_id}", headers=self._headers()
        )
        try:
            response = await self._http.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable("attachment download timed out", timeout=True) from exc
        except httpx.RequestError as exc:
            raise ServerUnreachable(f"attachment download failed: {exc!r}") from exc
        try:
            if response.is_error:
                await response.aread()
                raise error_from(response)
            declared = response.headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > MAX_ATTACHMENT_BYTES:
                raise too_large(int(declared))
            return await self._stream_to(response, dest)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable("attachment download timed out", timeout=True) from exc
        except httpx.RequestError as exc:
            raise ServerUnreachable(f"attachment download failed: {exc!r}") from exc
        finally:
            await response.aclose()

    @staticmethod
    async def _stream_to(response: httpx.Response, dest: Path) -> Path:
        handle: IO[bytes] = await asyncio.to_thread(
            tempfile.NamedTemporaryFile,
            mode="wb",
            dir=dest.parent,
            prefix=f".{dest.name}.",
            suffix=".part",
            delete=False,
        )
        temp = Path(handle.name)
        done = False
        try:
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise too_large()
                await asyncio.to_thread(handle.write, chunk)
            await asyncio.to_thread(handle.close)
            await asyncio.to_thread(os.replace, temp, dest)
            done = True
            return dest
        finally:
            if not done:
                handle.close()
                with contextlib.suppress(OSError):
                    temp.unlink()
