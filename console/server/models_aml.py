"""Tables of suspicious-activity (AML) reports.

A report stands apart from its ticket: no column of the ticket, no message and no event on it
changes when one is filed, so neither the customer nor other agents can tell from the ticket.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class AmlReport(Base):
    __tablename__ = "aml_reports"
    __table_args__ = (
        Index("ix_aml_reports_status", "status", "id"),
        Index("ix_aml_reports_reporter", "reporter_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    reporter_name: Mapped[str] = mapped_column(String(100))
    # No foreign keys: a report outlives a merged or deleted ticket, and regulators keep it.
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    customer_uid: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    pattern: Mapped[str] = mapped_column(String(40))
    # [{"amount": "9900", "asset": "USDT"}, ...]: decimals as text, exactly as reported.
    amounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tx_hashes: Mapped[list[str]] = mapped_column(JSON, default=list)
    narrative: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(40), default=None)
    decision_note: Mapped[str | None] = mapped_column(Text, default=None)
    decided_by_id: Mapped[int | None] = mapped_column(Integer, default=None)
    decided_by_name: Mapped[str | None] = mapped_column(String(100), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
