"""SLA policies: everyone reads them, supervisors change them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from console.api.schemas import ErrorBody, SlaPolicyOut, SlaPolicyUpdate
from console.core.domain import Priority, Role
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import sla

router = APIRouter(tags=["sla"])


@router.get("/sla-policies", response_model=list[SlaPolicyOut])
def get_policies(runtime: RuntimeDep, _agent: AgentDep) -> list[SlaPolicyOut]:
    with runtime.db.read() as session:
        return sla.list_policies(session)


@router.put(
    "/sla-policies/{priority}",
    response_model=SlaPolicyOut,
    responses={403: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
def put_policy(
    priority: Annotated[Priority, Path()],
    body: SlaPolicyUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    if agent.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden", "Only a supervisor can change SLA policies.")
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, sla.update_policy(session, priority, body, actor=agent)),
    )
