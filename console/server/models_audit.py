"""The audit log: who did what to which ticket, customer, chat or article, append-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_target", "target_kind", "target_id", "id"),
        Index("ix_audit_actor", "actor_id", "id"),
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
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
