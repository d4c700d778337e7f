"""Tables of identity verification and account actions (freeze, 2FA reset, ...).

Both are append-only: a verification record states what one agent saw pass at one moment and is
never edited (a later check is a new record); an account action is the history of what was done
to an account, by whom, on which ticket or chat, and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class VerificationRecord(Base):
    __tablename__ = "verification_records"
    __table_args__ = (
        Index("ix_verification_ticket", "ticket_id", "id"),
        Index("ix_verification_conversation", "conversation_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Exactly one of the two: where the customer was verified. No foreign keys: the record is
    # evidence and outlives a merged or deleted ticket.
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    conversation_id: Mapped[int | None] = mapped_column(Integer, default=None)
    customer_uid: Mapped[str] = mapped_column(String(64), index=True)
    checks: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    agent_id: Mapped[int] = mapped_column(Integer)
    agent_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AccountAction(Base):
    __tablename__ = "account_actions"
    __table_args__ = (Index("ix_account_actions_customer", "customer_uid", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    customer_uid: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    conversation_id: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    agent_id: Mapped[int] = mapped_column(Integer)
    agent_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    account_status: Mapped[str] = mapped_column(String(20))
    escalation_id: Mapped[int | None] = mapped_column(Integer, default=None)
    customer_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    already: Mapped[bool] = mapped_column(Boolean, default=False)
