"""Outreach: one message to chosen VIP clients, each in their language, tracked per client.

POST is idempotent on the body's client_id (the same again: 200 and the first outreach) and
takes an Idempotency-Key like every other mutation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.schemas import ErrorBody
from console.api.schemas_vip import OutreachCreate, OutreachOut
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import vip_outreach, vip_outreach_send
from console.server.services.ticket_query import MAX_ID

router = APIRouter(tags=["vip"])
OutreachId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


@router.get("/vip/outreach", response_model=list[OutreachOut], responses=_ERRORS)
def list_outreach(
    runtime: RuntimeDep,
    agent: AgentDep,
    limit: Annotated[int, Query(ge=1, le=vip_outreach.MAX_LIST)] = 100,
) -> list[OutreachOut]:
    """The caller's outreach, newest first (a supervisor: everyone's)."""
    with runtime.db.read() as session:
        return vip_outreach.list_outreach(session, agent, limit)


@router.post(
    "/vip/outreach",
    status_code=201,
    response_model=OutreachOut,
    responses={**_ERRORS, 409: {"model": ErrorBody}},
)
def send_outreach(
    body: OutreachCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    return run_mutation(
        runtime, agent, idem, lambda session: vip_outreach_send.send(session, agent, body)
    )


@router.get("/vip/outreach/{outreach_id}", response_model=OutreachOut, responses=_ERRORS)
def get_outreach(outreach_id: OutreachId, runtime: RuntimeDep, agent: AgentDep) -> OutreachOut:
    """Its author or a supervisor (403 for anyone else)."""
    with runtime.db.read() as session:
        return vip_outreach.get_outreach(session, agent, outreach_id)
