"""Escalations of a ticket to another department."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from console.api.schemas import (
    ErrorBody,
    EscalationAnswer,
    EscalationClose,
    EscalationCreate,
    EscalationOut,
)
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.routes.tickets import TicketId
from console.server.services import escalations
from console.server.services.ticket_query import MAX_ID

router = APIRouter(tags=["escalations"])
EscalationId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


@router.get(
    "/tickets/{ticket_id}/escalations", response_model=list[EscalationOut], responses=_ERRORS
)
def list_escalations(
    ticket_id: TicketId, runtime: RuntimeDep, _agent: AgentDep
) -> list[EscalationOut]:
    with runtime.db.read() as session:
        return escalations.list_escalations(session, ticket_id)


@router.post(
    "/tickets/{ticket_id}/escalations",
    status_code=201,
    response_model=EscalationOut,
    responses=_ERRORS,
)
def create_escalation(
    ticket_id: TicketId,
    body: EscalationCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, escalations.create_escalation(session, agent, ticket_id, body)),
    )


@router.post(
    "/escalations/{escalation_id}/answer",
    response_model=EscalationOut,
    responses={**_ERRORS, 403: {"model": ErrorBody}, 409: {"model": ErrorBody}},
)
def answer_escalation(
    escalation_id: EscalationId,
    body: EscalationAnswer,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (
            200,
            escalations.answer_escalation(
                session, escalation_id, body.answer, agent.display_name, actor=agent
            ),
        ),
    )


@router.post("/escalations/{escalation_id}/close", response_model=EscalationOut, responses=_ERRORS)
def close_escalation(
    escalation_id: EscalationId,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
    _body: EscalationClose | None = None,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, escalations.close_escalation(session, escalation_id, actor=agent)),
    )
