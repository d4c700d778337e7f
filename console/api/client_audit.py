"""SupportClient methods of the audit log: reading it (supervisors, compliance) and reporting an
outgoing message the console blocked. A mixin over SupportClient's plumbing (see client.py)."""

from __future__ import annotations

from typing import Any

from console.api.client_base import RequestMixin
from console.api.client_responses import parse
from console.api.schemas_audit import (
    DEFAULT_AUDIT_PAGE,
    AuditEntryOut,
    AuditPage,
    GuardBlockReport,
)

__all__ = ["AuditMethods"]


class AuditMethods(RequestMixin):
    async def audit_log(
        self,
        *,
        ticket_id: int | None = None,
        customer_uid: str | None = None,
        actor_id: int | None = None,
        action: str | None = None,
        before_id: int | None = None,
        limit: int = DEFAULT_AUDIT_PAGE,
    ) -> AuditPage:
        """Newest first; for older entries ask again with before_id=page.next_before_id."""
        given = {
            "ticket_id": ticket_id,
            "customer_uid": customer_uid,
            "actor_id": actor_id,
            "action": action,
            "before_id": before_id,
        }
        params: dict[str, Any] = {k: v for k, v in given.items() if v not in (None, "")}
        params["limit"] = limit
        return parse(await self._request("GET", "/audit", params=params), AuditPage)

    async def report_guard_block(
        self, report: GuardBlockReport, *, idempotency_key: str
    ) -> AuditEntryOut:
        """Tell the server the console kept a message from leaving (kinds only, never the
        text). Send a retry with the same key: it is recorded once."""
        response = await self._request(
            "POST", "/audit/guard-blocks", body=report, idempotency_key=idempotency_key
        )
        return parse(response, AuditEntryOut)
