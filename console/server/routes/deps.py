"""Shared dependencies of the routes: runtime, signed-in agent, Idempotency-Key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request

from console.api.schemas import AgentOut
from console.server.access import require_role
from console.server.errors import ApiError
from console.server.runtime import Runtime
from console.server.services import auth
from console.server.services.idempotency import MAX_KEY_CHARS, request_hash


# Dependencies that only read the request are `async def`: FastAPI runs a plain `def` one in
# its thread pool, a hand-over to a worker thread and back for each, on every request.
async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise auth.unauthorized()
    return token.strip()


def current_agent(
    request: Request,
    token: Annotated[str, Depends(bearer_token)],
    runtime: Annotated[Runtime, Depends(get_runtime)],
) -> AgentOut:
    """The signed-in agent, refused (403 role_forbidden) unless the role matrix allows their
    role this operation."""
    with runtime.db.read() as session:
        agent = auth.authenticate(session, token)
    require_role(request, agent)
    return agent


@dataclass(frozen=True)
class IdempotencyContext:
    key: str | None
    request_hash: str


async def idempotency_context(
    request: Request,
    idempotency_key: Annotated[
        str | None,
        Header(description="Repeat a mutation safely: same key, same request, same answer."),
    ] = None,
) -> IdempotencyContext:
    if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_KEY_CHARS:
        raise ApiError(
            422,
            "invalid_request",
            f"Idempotency-Key must be 1 to {MAX_KEY_CHARS} characters.",
            [{"loc": ["header", "idempotency-key"], "msg": "bad length", "type": "value_error"}],
        )
    body = await request.body()
    return IdempotencyContext(idempotency_key, request_hash(request.method, request.url.path, body))


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
AgentDep = Annotated[AgentOut, Depends(current_agent)]
IdempotencyDep = Annotated[IdempotencyContext, Depends(idempotency_context)]
