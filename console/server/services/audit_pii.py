"""Customer records are personal data: each opening by an agent is audited (customer.viewed).

An agent reopening the same record within VIEW_REPEAT_S adds nothing new to who-saw-what, so it
is not recorded again: the console fetches the customer every time a ticket is opened, and the
log would otherwise fill with repeats (and every ticket opening would wait for the write lock).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from console.api.schemas import AgentOut
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models_audit import AuditEntry
from console.server.services import audit

__all__ = ["VIEW_REPEAT_S", "note_customer_view"]

VIEW_REPEAT_S = 300
VIEWED = "customer.viewed"


def note_customer_view(db: Database, agent: AgentOut, uid: str) -> bool:
    """Record that `agent` opened customer `uid`; False when they did so just before."""
    now = utcnow()
    query = (
        select(AuditEntry.id)
        .where(
            AuditEntry.target_kind == "customer",
            AuditEntry.target_id == uid,
            AuditEntry.action == VIEWED,
            AuditEntry.actor_id == agent.id,
            AuditEntry.at > now - timedelta(seconds=VIEW_REPEAT_S),
        )
        .limit(1)
    )
    with db.read() as session:
        if session.scalar(query) is not None:
            return False
    with db.write() as session:
        audit.record(session, agent, VIEWED, "customer", uid, at=now)
    return True
