"""Support API v1 wire schemas of suspicious-activity (AML) reports.

Two views of a report, by need-to-know: the reporter's receipt (AmlReceiptOut) says that it was
submitted and nothing more, ever; the compliance role reads the queue (AmlReportSummary) and
the whole report with its outcome (AmlReportOut).

Types only here: the rules of a valid report (pattern, amounts, tx hashes, narrative) live in
console.core.aml, which the server applies to answer 422 with a location per problem and the
console applies before sending.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from console.core.aml import AmlOutcome, AmlPattern, AmlReportStatus

__all__ = [
    "AmlAmountIn",
    "AmlAmountOut",
    "AmlDecisionCreate",
    "AmlReceiptOut",
    "AmlReportCreate",
    "AmlReportOut",
    "AmlReportSummary",
]

# Coarse bounds against oversized bodies; the exact limits are console.core.aml's.
_MAX_TEXT = 20_000
_MAX_ITEMS = 100


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


class AmlAmountIn(_Request):
    # A string, so "9,900" reaches the core's rule and comes back as its problem.
    amount: str = Field(max_length=60)
    asset: str = Field(max_length=60)


class AmlReportCreate(_Request):
    """POST /aml/reports. The ticket, the customer, or both (a ticket's customer must match)."""

    pattern: str = Field(max_length=60)
    amounts: list[AmlAmountIn] = Field(max_length=_MAX_ITEMS)
    tx_hashes: list[str] = Field(default=[], max_length=_MAX_ITEMS)
    narrative: str = Field(max_length=_MAX_TEXT)
    ticket_id: int | None = None
    customer_uid: str | None = Field(default=None, max_length=200)


class AmlReceiptOut(_Response):
    """What the reporter gets back, now and in GET /aml/reports/mine: never the outcome."""

    id: int
    created_at: datetime
    ticket_id: int | None = None
    customer_uid: str | None = None
    pattern: AmlPattern
    state: Literal["submitted"] = "submitted"


class AmlAmountOut(_Response):
    amount: Decimal
    asset: str


class AmlReportSummary(_Response):
    """One row of the compliance queue (GET /aml/reports): no narrative."""

    id: int
    created_at: datetime
    reporter_id: int
    reporter_name: str
    ticket_id: int | None = None
    customer_uid: str | None = None
    pattern: AmlPattern
    amounts: list[AmlAmountOut]
    tx_hash_count: int = 0
    status: AmlReportStatus
    outcome: AmlOutcome | None = None


class AmlReportOut(AmlReportSummary):
    """GET /aml/reports/{id}: the whole report and the decision, for compliance."""

    tx_hashes: list[str]
    narrative: str
    decision_note: str | None = None
    decided_by_name: str | None = None
    decided_at: datetime | None = None


class AmlDecisionCreate(_Request):
    """POST /aml/reports/{id}/decision."""

    outcome: str = Field(max_length=60)
    note: str = Field(max_length=_MAX_TEXT)
