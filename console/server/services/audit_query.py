"""Reading the audit log: newest first, filtered, paged by id (before_id)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_audit import AuditEntryOut, AuditPage
from console.server.models_audit import AuditEntry

__all__ = ["AuditFilters", "list_entries"]


@dataclass(frozen=True, slots=True)
class AuditFilters:
    ticket_id: int | None = None
    customer_uid: str | None = None
    actor_id: int | None = None
    action: str | None = None


def list_entries(
    session: Session, filters: AuditFilters, limit: int, before_id: int | None = None
) -> AuditPage:
    """At most `limit` entries with id < before_id, newest first; next_before_id when more."""
    query = select(AuditEntry)
    if filters.ticket_id is not None:
        query = query.where(AuditEntry.ticket_id == filters.ticket_id)
    if filters.customer_uid:
        query = query.where(AuditEntry.customer_uid == filters.customer_uid)
    if filters.actor_id is not None:
        query = query.where(AuditEntry.actor_id == filters.actor_id)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit + 1)))
    items = [AuditEntryOut.model_validate(row) for row in rows[:limit]]
    more = len(rows) > limit
    return AuditPage(items=items, next_before_id=items[-1].id if more and items else None)
