"""Writing the audit log. Rows are only added: nothing in the server updates or deletes them.

What is recorded is what people do (an agent's sign-in, reply, merge, approval, a customer record
opened...). The server's own housekeeping (sweepers, the demo's simulator, seeding) acts with
`actor` None; callers record those only where the act matters on its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.server.clock import utcnow
from console.server.models import Ticket
from console.server.models_audit import AuditEntry

__all__ = ["record"]


def record(
    session: Session,
    actor: AgentOut | None,
    action: str,
    target_kind: str,
    target_id: str | int,
    *,
    ticket_id: int | None = None,
    customer_uid: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction: the entry and the act commit together.

    `actor` None: the server itself (a sweeper, the bot). `detail` must hold no secret: callers
    pass ids, kinds and redacted text only. The customer is found from the target or the
    ticket when not given (the ticket is normally loaded already: no extra query).
    """
    if customer_uid is None:
        customer_uid = _customer_of(session, target_kind, str(target_id), ticket_id)
    row = AuditEntry(
        at=at or utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "system",
        actor_role=str(actor.role) if actor is not None else "system",
        action=action,
        target_kind=target_kind,
        target_id=str(target_id),
        ticket_id=ticket_id,
        customer_uid=customer_uid,
        detail=detail or {},
    )
    session.add(row)
    return row


def _customer_of(
    session: Session, target_kind: str, target_id: str, ticket_id: int | None
) -> str | None:
    if target_kind == "customer":
        return target_id
    if ticket_id is not None:
        ticket = session.get(Ticket, ticket_id)
        return ticket.customer_uid if ticket is not None else None
    return None
