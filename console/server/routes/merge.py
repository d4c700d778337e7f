"""Merging duplicate tickets and linking related ones."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from console.api.schemas import ErrorBody, TicketLinkCreate, TicketMerge, TicketMergedOut, TicketOut
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.routes.tickets import TicketId
from console.server.services import links
from console.server.services.merge import merge_ticket

router = APIRouter(tags=["tickets"])
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


@router.post("/tickets/{ticket_id}/merge", response_model=TicketMergedOut, responses=_ERRORS)
def merge(
    ticket_id: TicketId,
    body: TicketMerge,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, merge_ticket(session, ticket_id, body.into_id, actor=agent)),
    )


@router.post("/tickets/{ticket_id}/links", response_model=TicketOut, responses=_ERRORS)
def link(
    ticket_id: TicketId,
    body: TicketLinkCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, links.link(session, ticket_id, body.ticket_id, actor=agent)),
    )


@router.delete("/tickets/{ticket_id}/links/{other_id}", response_model=TicketOut, responses=_ERRORS)
def unlink(
    ticket_id: TicketId,
    other_id: TicketId,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, links.unlink(session, ticket_id, other_id, actor=agent)),
    )
