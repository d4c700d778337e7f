"""Events: paged catch-up and the live stream."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse

from console.api.schemas import ErrorBody, EventPage
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.services import events
from console.server.services.ticket_query import MAX_ID
from console.server.sse import event_stream, resume_point

router = APIRouter(tags=["events"])


@router.get("/events", response_model=EventPage, responses={422: {"model": ErrorBody}})
def get_events(
    runtime: RuntimeDep,
    agent: AgentDep,
    after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> EventPage:
    with runtime.db.read() as session:
        items = events.events_after(session, after, limit, agent.id)
        return EventPage(items=items, last_id=events.last_event_id(session))


def _parse_last_event_id(value: str) -> int:
    value = value.strip()
    if not value.isdigit() or int(value) > MAX_ID:
        raise ApiError(
            422,
            "invalid_request",
            "Last-Event-ID must be an event id.",
            [{"loc": ["header", "last-event-id"], "msg": "not an id", "type": "int_parsing"}],
        )
    return int(value)


@router.get(
    "/events/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, 401: {"model": ErrorBody}},
)
async def stream(
    runtime: RuntimeDep,
    agent: AgentDep,
    after: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    start = _parse_last_event_id(last_event_id) if last_event_id else after
    start = await resume_point(runtime, start)
    return StreamingResponse(
        event_stream(runtime, start, agent.id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
