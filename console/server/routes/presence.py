"""Who is viewing or typing on a ticket."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from console.api.schemas import ErrorBody, PresenceOut, PresenceUpdate
from console.server.clock import utcnow
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.routes.tickets import TicketId
from console.server.services import presence

router = APIRouter(tags=["presence"])
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


@router.post("/tickets/{ticket_id}/presence", response_model=PresenceOut, responses=_ERRORS)
def set_presence(
    ticket_id: TicketId, body: PresenceUpdate, runtime: RuntimeDep, agent: AgentDep
) -> PresenceOut:
    # No Idempotency-Key: repeating a presence update is harmless by nature.
    now = utcnow()
    with runtime.db.write() as session:
        presence.purge_expired(session, now)
        return presence.set_presence(session, agent, ticket_id, body.state, now)


@router.get("/tickets/{ticket_id}/presence", response_model=list[PresenceOut], responses=_ERRORS)
def get_presence(ticket_id: TicketId, runtime: RuntimeDep, _agent: AgentDep) -> list[PresenceOut]:
    with runtime.db.read() as session:
        return presence.live_presence(session, ticket_id)
