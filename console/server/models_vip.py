"""Tables of the VIP desk: who manages whom, what a manager keeps about a client, outreach.

`customers.vip_tier` stays the tier everyone sees; `customers.account_manager_id` mirrors
`vip_clients.manager_id` (chat routing reads it from the conversation). Private notes live in
their own table so that nothing which serialises a customer can carry them by accident.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import DecimalText, UTCDateTime
from console.server.models import Base


class VipTierTarget(Base):
    __tablename__ = "vip_tier_targets"

    tier: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_minutes: Mapped[float] = mapped_column(Float)


class VipClient(Base):
    """A VIP client's desk record: managers and what a manager needs to know of the account."""

    __tablename__ = "vip_clients"
    __table_args__ = (
        Index("ix_vip_clients_manager", "manager_id"),
        Index("ix_vip_clients_backup", "backup_manager_id"),
    )

    uid: Mapped[str] = mapped_column(
        ForeignKey("customers.uid", ondelete="CASCADE"), primary_key=True
    )
    manager_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    backup_manager_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), default=None)
    volume_30d_usd: Mapped[Decimal] = mapped_column(DecimalText)
    assets_usd: Mapped[Decimal] = mapped_column(DecimalText)
    contact_hours: Mapped[str] = mapped_column(String(60))
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The exchange's risk engine marks a futures position near liquidation (demo: seeded).
    liquidation_near: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VipManagerNote(Base):
    """Private to its author: no other manager, agent or supervisor reads it."""

    __tablename__ = "vip_manager_notes"
    __table_args__ = (Index("ix_vip_notes_client_author", "client_uid", "author_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VipFollowUp(Base):
    __tablename__ = "vip_follow_ups"
    __table_args__ = (
        Index("ix_vip_follow_ups_due", "done_at", "notified_at", "due_at"),
        Index("ix_vip_follow_ups_client", "client_uid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VipContact(Base):
    """The contact log: a call, message or meeting with its outcome."""

    __tablename__ = "vip_contacts"
    __table_args__ = (Index("ix_vip_contacts_client_at", "client_uid", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    kind: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class VipOutreach(Base):
    __tablename__ = "vip_outreach"
    __table_args__ = (
        UniqueConstraint("created_by", "client_id", name="uq_vip_outreach_client_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))
    bodies: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VipOutreachRecipient(Base):
    __tablename__ = "vip_outreach_recipients"
    __table_args__ = (
        UniqueConstraint("outreach_id", "client_uid", name="uq_vip_outreach_recipient"),
        Index("ix_vip_outreach_recipients_ticket", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outreach_id: Mapped[int] = mapped_column(ForeignKey("vip_outreach.id", ondelete="CASCADE"))
    client_uid: Mapped[str] = mapped_column(ForeignKey("customers.uid", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    reply_message_id: Mapped[int | None] = mapped_column(Integer, default=None)
