"""Filing suspicious-activity (AML) reports, and the reporter's receipts.

Tipping-off: filing touches nothing the customer or other agents see. No message, no tag, no
ticket event, no change to the ticket's row (not even its updated_at); the one trace outside the
report is the audit entry, whose detail holds ids and the pattern, never the narrative.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_aml import (
    AmlAmountOut,
    AmlReceiptOut,
    AmlReportCreate,
    AmlReportOut,
    AmlReportSummary,
)
from console.core.aml import AmlReportStatus, AmountEntry, Problem, ReportDraft
from console.core.aml_checks import check_report
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer, Ticket
from console.server.models_aml import AmlReport
from console.server.services import audit
from console.server.services.ticket_query import MAX_ID

MAX_RECEIPTS = 200


def invalid(problems: list[Problem]) -> ApiError:
    """422 in the shape FastAPI gives a malformed body: one detail per problem, at its field."""
    details = [
        {"loc": ["body", *problem.loc], "msg": problem.message, "type": problem.code}
        for problem in problems
    ]
    return ApiError(422, "invalid_request", "The report is not complete or not valid.", details)


def _amounts(row: AmlReport) -> list[AmlAmountOut]:
    return [AmlAmountOut(amount=Decimal(a["amount"]), asset=a["asset"]) for a in row.amounts]


def receipt_out(row: AmlReport) -> AmlReceiptOut:
    return AmlReceiptOut(
        id=row.id,
        created_at=row.created_at,
        ticket_id=row.ticket_id,
        customer_uid=row.customer_uid,
        pattern=row.pattern,
    )


def summary_out(row: AmlReport) -> AmlReportSummary:
    return AmlReportSummary(**_summary_fields(row))


def report_out(row: AmlReport) -> AmlReportOut:
    return AmlReportOut(
        **_summary_fields(row),
        tx_hashes=list(row.tx_hashes),
        narrative=row.narrative,
        decision_note=row.decision_note,
        decided_by_name=row.decided_by_name,
        decided_at=row.decided_at,
    )


def _summary_fields(row: AmlReport) -> dict[str, Any]:
    return {
        "id": row.id,
        "created_at": row.created_at,
        "reporter_id": row.reporter_id,
        "reporter_name": row.reporter_name,
        "ticket_id": row.ticket_id,
        "customer_uid": row.customer_uid,
        "pattern": row.pattern,
        "amounts": _amounts(row),
        "tx_hash_count": len(row.tx_hashes),
        "status": row.status,
        "outcome": row.outcome,
    }


def _subject(session: Session, ticket_id: int | None, uid: str | None) -> str | None:
    """The customer the report concerns; the ticket's when only a ticket is named."""
    if ticket_id is not None:
        ticket = session.get(Ticket, ticket_id) if ticket_id <= MAX_ID else None
        if ticket is None:
            raise invalid([Problem(("ticket_id",), "unknown_ticket", "No such ticket.")])
        if uid is not None and uid != ticket.customer_uid:
            raise invalid(
                [
                    Problem(
                        ("customer_uid",),
                        "customer_mismatch",
                        "This is not the customer of that ticket.",
                    )
                ]
            )
        return ticket.customer_uid
    if uid is not None and session.get(Customer, uid) is None:
        raise invalid([Problem(("customer_uid",), "unknown_customer", "No such customer.")])
    return uid


def file_report(session: Session, reporter: AgentOut, data: AmlReportCreate) -> AmlReceiptOut:
    checked = check_report(
        ReportDraft(
            pattern=data.pattern,
            amounts=[AmountEntry(a.amount, a.asset) for a in data.amounts],
            tx_hashes=data.tx_hashes,
            narrative=data.narrative,
            ticket_id=data.ticket_id,
            customer_uid=data.customer_uid,
        )
    )
    report = checked.report
    if report is None:
        raise invalid(checked.problems)
    uid = _subject(session, report.ticket_id, report.customer_uid)
    row = AmlReport(
        created_at=utcnow(),
        reporter_id=reporter.id,
        reporter_name=reporter.display_name,
        ticket_id=report.ticket_id,
        customer_uid=uid,
        pattern=str(report.pattern),
        amounts=[{"amount": str(a.amount), "asset": a.asset} for a in report.amounts],
        tx_hashes=list(report.tx_hashes),
        narrative=report.narrative,
        status=str(AmlReportStatus.SUBMITTED),
    )
    session.add(row)
    session.flush()
    # The ticket goes in the detail, not in the entry's ticket column: a ticket's own history
    # must not show that it was reported.
    audit.record(
        session,
        reporter,
        "aml.report.filed",
        "aml_report",
        row.id,
        detail={
            "report_id": row.id,
            "pattern": row.pattern,
            "ticket_id": row.ticket_id,
            "customer_uid": row.customer_uid,
        },
    )
    return receipt_out(row)


def my_receipts(session: Session, reporter_id: int, limit: int = 50) -> list[AmlReceiptOut]:
    rows = session.scalars(
        select(AmlReport)
        .where(AmlReport.reporter_id == reporter_id)
        .order_by(AmlReport.id.desc())
        .limit(min(limit, MAX_RECEIPTS))
    )
    return [receipt_out(row) for row in rows]
