"""Writing the audit log. Rows are only added: nothing in the server updates or deletes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.server.clock import utcnow
from console.server.models_audit import AuditEntry


def record(
    session: Session,
    actor: AgentOut | None,
    action: str,
    target_kind: str,
    target_id: str | int,
    *,
    ticket_id: int | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction: the entry and the act commit together.

    `actor` None: the server itself (a sweeper, the bot). `detail` must hold no secret: callers
    pass redacted text only.
    """
    row = AuditEntry(
        at=at or utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "system",
        actor_role=str(actor.role) if actor is not None else "system",
        action=action,
        target_kind=target_kind,
        target_id=str(target_id),
        ticket_id=ticket_id,
        detail=detail or {},
    )
    session.add(row)
    return row
