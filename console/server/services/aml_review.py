"""The compliance side of AML reports: the queue, one report, and the decision.

Which roles may call these is the role matrix's business (console.server.access); what is
checked here holds for anyone: nobody decides a report they filed themselves (four eyes), and
a final outcome stands.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_aml import AmlDecisionCreate, AmlReportOut, AmlReportSummary
from console.core.aml import AmlReportStatus, can_decide
from console.core.aml_checks import decision_problems
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_aml import AmlReport
from console.server.services import audit
from console.server.services.aml import invalid, report_out, summary_out
from console.server.services.ticket_query import MAX_ID

MAX_QUEUE_PAGE = 200


def queue(
    session: Session,
    *,
    status: AmlReportStatus | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list[AmlReportSummary]:
    """Newest first; page on with `before_id` = the last id of the previous page."""
    query = select(AmlReport)
    if status is not None:
        query = query.where(AmlReport.status == str(status))
    if before_id is not None:
        query = query.where(AmlReport.id < before_id)
    rows = session.scalars(query.order_by(AmlReport.id.desc()).limit(min(limit, MAX_QUEUE_PAGE)))
    return [summary_out(row) for row in rows]


def _load(session: Session, report_id: int, *, for_update: bool = False) -> AmlReport:
    row = None
    if 0 < report_id <= MAX_ID:
        query = select(AmlReport).where(AmlReport.id == report_id)
        row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise not_found("Report")
    return row


def get_report(session: Session, report_id: int) -> AmlReportOut:
    return report_out(_load(session, report_id))


def decide(
    session: Session, actor: AgentOut, report_id: int, data: AmlDecisionCreate
) -> AmlReportOut:
    problems = decision_problems(data.outcome, data.note)
    if problems:
        raise invalid(problems)
    row = _load(session, report_id, for_update=True)
    if row.reporter_id == actor.id:
        raise ApiError(403, "own_report", "A report is decided by someone other than its author.")
    if not can_decide(row.outcome):
        raise ApiError(409, "already_decided", "This report already has a final outcome.")
    previous = row.outcome
    row.status = str(AmlReportStatus.DECIDED)
    row.outcome = data.outcome
    row.decision_note = data.note.strip()
    row.decided_by_id = actor.id
    row.decided_by_name = actor.display_name
    row.decided_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "aml.report.decided",
        "aml_report",
        row.id,
        detail={"report_id": row.id, "outcome": row.outcome, "previous_outcome": previous},
    )
    return report_out(row)
