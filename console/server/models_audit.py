"""The audit log: who did what to which ticket, customer, chat or article, append-only.

Nothing in the server updates or deletes a row. On SQLite, triggers make the database itself
refuse it too, so a bug or a hand-run statement cannot rewrite history either.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, JSON, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base

APPEND_ONLY_MESSAGE = "audit_log is append-only"


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_target", "target_kind", "target_id", "id"),
        Index("ix_audit_actor", "actor_id", "id"),
        Index("ix_audit_customer", "customer_uid", "id"),
        Index("ix_audit_action", "action", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # No foreign key: the log outlives the rows it speaks of (a deleted agent or ticket).
    actor_id: Mapped[int | None] = mapped_column(Integer, default=None)
    actor_name: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60))
    target_kind: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str] = mapped_column(String(60))
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    # Whose account the act concerns (a ticket's or chat's customer too): compliance asks
    # "everything that happened around this customer" first.
    customer_uid: Mapped[str | None] = mapped_column(String(40), default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


for _verb in ("UPDATE", "DELETE"):
    event.listen(
        AuditEntry.__table__,
        "after_create",
        DDL(
            f"CREATE TRIGGER audit_log_no_{_verb.lower()} BEFORE {_verb} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        ).execute_if(dialect="sqlite"),
    )
