"""Sign-in, sign-out, the signed-in agent, and the agent directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from console.api.schemas import AgentCreate, AgentOut, ErrorBody, LoginRequest, TokenOut
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep, bearer_token
from console.server.routes.mutation import run_mutation
from console.server.services import auth

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=TokenOut, responses={401: {"model": ErrorBody}})
def login(body: LoginRequest, runtime: RuntimeDep) -> TokenOut:
    with runtime.db.write() as session:
        return auth.login(session, body.username, body.password, runtime.settings.token_ttl_s)


@router.post("/auth/logout", status_code=204, response_class=Response)
def logout(
    runtime: RuntimeDep, agent: AgentDep, token: Annotated[str, Depends(bearer_token)]
) -> Response:
    with runtime.db.write() as session:
        auth.logout(session, token, actor=agent)
    return Response(status_code=204)


@router.get("/me", response_model=AgentOut)
def me(agent: AgentDep) -> AgentOut:
    return agent


@router.get("/agents", response_model=list[AgentOut])
def agents(runtime: RuntimeDep, _agent: AgentDep) -> list[AgentOut]:
    with runtime.db.read() as session:
        return auth.list_agents(session)


@router.post(
    "/agents",
    status_code=201,
    response_model=AgentOut,
    responses={403: {"model": ErrorBody}, 409: {"model": ErrorBody}},
)
def create_agent(
    body: AgentCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    return run_mutation(
        runtime, agent, idem, lambda session: (201, auth.create_agent(session, agent, body))
    )
