"""The events table: written in the same transaction as the change it describes."""

from __future__ import annotations

import logging

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from console.api.schemas import EventOut
from console.core.domain import EventType
from console.server.clock import utcnow
from console.server.db import EVENTS_WRITTEN
from console.server.models import Event

log = logging.getLogger(__name__)


def emit(
    session: Session,
    type_: EventType,
    ticket_id: int | None,
    payload: BaseModel,
    audience: int | None = None,
) -> Event:
    """Records an event for every agent, or with `audience` for that agent alone."""
    if session.get_bind().dialect.name == "postgresql" and not session.info.get(EVENTS_WRITTEN):
        # Sequence values can commit out of order across transactions; a reader at id N could
        # then skip a smaller id committed later. Writers of events take turns instead.
        session.execute(text("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE"))
    row = Event(
        type=str(type_),
        ticket_id=ticket_id,
        payload=payload.model_dump(mode="json"),
        created_at=utcnow(),
        audience_agent_id=audience,
    )
    session.add(row)  # written with the rest at the next flush or the commit
    # Database.write hands these to the process's event tail once they have committed.
    session.info.setdefault(EVENTS_WRITTEN, []).append(row)
    return row


def event_out(row: Event) -> EventOut:
    return EventOut.model_validate(row)


def events_after(
    session: Session, after: int, limit: int, agent_id: int | None = None
) -> list[EventOut]:
    """Events with id > after, oldest first; with `agent_id`, those that agent may see. A row
    this server cannot read (say, written by a newer version during a rolling upgrade) is logged
    and left out: one bad row must never stall the feed of every console. Readers still move
    past it, since later ids are greater."""
    return [event for _audience, event in rows_after(session, after, limit, agent_id)]


def rows_after(
    session: Session, after: int, limit: int, agent_id: int | None = None
) -> list[tuple[int | None, EventOut]]:
    """(audience, event) pairs after `after`; every audience when `agent_id` is None."""
    query = select(Event).where(Event.id > after)
    if agent_id is not None:
        query = query.where(
            or_(Event.audience_agent_id.is_(None), Event.audience_agent_id == agent_id)
        )
    rows = session.scalars(query.order_by(Event.id).limit(limit))
    events: list[tuple[int | None, EventOut]] = []
    for row in rows:
        try:
            events.append((row.audience_agent_id, event_out(row)))
        except ValidationError as exc:
            log.warning("skipping unreadable event %s (%s): %s", row.id, row.type, exc)
    return events


def last_event_id(session: Session) -> int:
    return session.scalar(select(func.max(Event.id))) or 0
