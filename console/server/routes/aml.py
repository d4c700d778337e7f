"""Suspicious-activity (AML) reports: filing and receipts for every agent, the queue and the
decision for compliance (the role matrix says who may call which)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.schemas import ErrorBody
from console.api.schemas_aml import (
    AmlDecisionCreate,
    AmlReceiptOut,
    AmlReportCreate,
    AmlReportOut,
    AmlReportSummary,
)
from console.core.aml import AmlReportStatus
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import aml, aml_review
from console.server.services.ticket_query import MAX_ID

router = APIRouter(tags=["aml"])
ReportId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody}}
_ONE: dict[int | str, dict[str, Any]] = {**_ERRORS, 404: {"model": ErrorBody}}


@router.post("/aml/reports", status_code=201, response_model=AmlReceiptOut, responses=_ERRORS)
def file_report(
    body: AmlReportCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """File a report. The answer is a receipt: the reporter never sees the outcome."""
    return run_mutation(
        runtime, agent, idem, lambda session: (201, aml.file_report(session, agent, body))
    )


@router.get("/aml/reports/mine", response_model=list[AmlReceiptOut], responses=_ERRORS)
def my_reports(
    runtime: RuntimeDep,
    agent: AgentDep,
    limit: Annotated[int, Query(ge=1, le=aml.MAX_RECEIPTS)] = 50,
) -> list[AmlReceiptOut]:
    with runtime.db.read() as session:
        return aml.my_receipts(session, agent.id, limit)


@router.get("/aml/reports", response_model=list[AmlReportSummary], responses=_ERRORS)
def report_queue(
    runtime: RuntimeDep,
    _agent: AgentDep,
    status: AmlReportStatus | None = None,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=aml_review.MAX_QUEUE_PAGE)] = 100,
) -> list[AmlReportSummary]:
    """The compliance queue, newest first."""
    with runtime.db.read() as session:
        return aml_review.queue(session, status=status, before_id=before_id, limit=limit)


@router.get("/aml/reports/{report_id}", response_model=AmlReportOut, responses=_ONE)
def report_detail(report_id: ReportId, runtime: RuntimeDep, _agent: AgentDep) -> AmlReportOut:
    with runtime.db.read() as session:
        return aml_review.get_report(session, report_id)


@router.post(
    "/aml/reports/{report_id}/decision",
    response_model=AmlReportOut,
    responses={**_ONE, 403: {"model": ErrorBody}, 409: {"model": ErrorBody}},
)
def decide_report(
    report_id: ReportId,
    body: AmlDecisionCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, aml_review.decide(session, agent, report_id, body)),
    )
