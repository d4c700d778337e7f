"""Runs a mutation in one transaction together with its idempotency record."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.server.routes.deps import IdempotencyContext
from console.server.runtime import Runtime
from console.server.services import idempotency

Action = Callable[[Session], tuple[int, BaseModel]]


def run_mutation(
    runtime: Runtime, agent: AgentOut, idem: IdempotencyContext, action: Action
) -> JSONResponse:
    """Applies `action` once per Idempotency-Key; a repeat answers with the stored response.

    Only successful results are stored: a failed attempt changed nothing and may be retried.
    """
    ttl = runtime.settings.idempotency_ttl_s
    # Two requests racing with one key: the loser hits the unique constraint, then replays.
    for attempt in range(2):
        try:
            with runtime.db.write() as session:
                if idem.key is not None:
                    stored = idempotency.lookup(session, agent.id, idem.key, idem.request_hash, ttl)
                    if stored is not None:
                        return JSONResponse(stored.body, status_code=stored.status_code)
                status, result = action(session)
                body = result.model_dump(mode="json")
                if idem.key is not None:
                    idempotency.remember(
                        session, agent.id, idem.key, idem.request_hash, status, body
                    )
            return JSONResponse(body, status_code=status)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")
