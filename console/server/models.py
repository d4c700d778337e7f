"""ORM tables of the reference server."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from console.server.db_types import DecimalText, UTCDateTime


class Base(DeclarativeBase):
    pass


# The shape of these tables; bump it with every change (see schema_version.py).
SCHEMA_VERSION = 10


class SchemaInfo(Base):
    __tablename__ = "schema_info"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuthToken(Base):
    __tablename__ = "auth_tokens"

    # SHA-256 of the bearer token: a leaked database does not leak sessions.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Customer(Base):
    __tablename__ = "customers"

    uid: Mapped[str] = mapped_column(String(40), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    kyc_level: Mapped[int] = mapped_column(Integer, default=0)
    vip_tier: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(10))
    region: Mapped[str] = mapped_column(String(40))
    account_status: Mapped[str] = mapped_column(String(20))
    # The VIP's account manager: live chats are offered to them first.
    account_manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), default=None
    )


class Transfer(Base):
    __tablename__ = "transfers"
    __table_args__ = (Index("ix_transfers_customer_created", "customer_uid", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(20))
    asset: Mapped[str] = mapped_column(String(20))
    network: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(DecimalText)
    address: Mapped[str] = mapped_column(String(200))
    tx_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    confirmations: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SecurityEvent(Base):
    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_customer_created", "customer_uid", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # The list order (updated_at desc, id desc) and the common filters in front of it.
        Index("ix_tickets_updated", "updated_at", "id"),
        Index("ix_tickets_status_updated", "status", "updated_at", "id"),
        Index("ix_tickets_assignee_updated", "assignee_id", "updated_at", "id"),
        Index("ix_tickets_customer", "customer_uid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10))
    customer_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    last_message_preview: Mapped[str] = mapped_column(String(200), default="")
    # Collaboration state kept on the row, so a page of tickets serialises without extra queries.
    merged_into_id: Mapped[int | None] = mapped_column(Integer, default=None)
    linked_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    open_escalations: Mapped[int] = mapped_column(Integer, default=0)
    # Triage and SLA clock (rules in console/core/sla.py). Warn times are when a target turns
    # "due soon", stored so the list can filter on SLA state with plain comparisons.
    group: Mapped[str | None] = mapped_column(String(40), default=None)
    suggested_priority: Mapped[str | None] = mapped_column(String(20), default=None)
    suggestion_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    sla_policy_priority: Mapped[str | None] = mapped_column(String(20), default=None)
    sla_first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sla_first_response_warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sla_resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sla_resolution_warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sla_paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sla_paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    # sla.breached is emitted once per target; these remember that it was.
    sla_first_response_breach_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_resolution_breach_sent: Mapped[bool] = mapped_column(Boolean, default=False)


class SlaPolicy(Base):
    """SLA targets of one priority; rows missing here fall back to core.sla.DEFAULT_POLICIES."""

    __tablename__ = "sla_policies"

    priority: Mapped[str] = mapped_column(String(20), primary_key=True)
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("ticket_id", "client_id", name="uq_messages_ticket_client"),
        Index("ix_messages_ticket_created", "ticket_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    author_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    author_name: Mapped[str] = mapped_column(String(100))
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    merged_from_id: Mapped[int | None] = mapped_column(Integer, default=None)


class Event(Base):
    __tablename__ = "events"
    # AUTOINCREMENT on SQLite: ids never reused, so a stream cursor stays meaningful.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Set for an event only one agent needs (a message in a chat that is theirs): the others'
    # streams leave it out. None: every agent.
    audience_agent_id: Mapped[int | None] = mapped_column(Integer, default=None)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("agent_id", "key", name="uq_idempotency_agent_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


# Tables of the collaboration features live in their own module; importing it here registers
# them on Base.metadata wherever the schema is created.
from console.server import (  # noqa: E402, F401
    models_aml,
    models_audit,
    models_chat,
    models_collab,
    models_identity,
    models_kb,
    models_training,
    models_vip,
)
