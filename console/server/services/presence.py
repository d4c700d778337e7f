"""Who is viewing or typing on a ticket: rows with an expiry, renewed by the consoles.

presence.changed goes out on every change of state and, for a plain renewal, at most every
ANNOUNCE_EVERY so other consoles can extend their copy without a flood of events. An entry that
is not renewed simply expires (readers compare expires_at); `left` ends it at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, PresenceOut
from console.core.domain import EventType, PresenceState
from console.server.clock import utcnow
from console.server.models_collab import Presence
from console.server.services import events
from console.server.services.tickets import load_ticket

TTL = timedelta(seconds=30)
ANNOUNCE_EVERY = timedelta(seconds=15)


def presence_out(row: Presence) -> PresenceOut:
    return PresenceOut.model_validate(row)


def purge_expired(session: Session, now: datetime) -> int:
    result = session.execute(delete(Presence).where(Presence.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def set_presence(
    session: Session,
    agent: AgentOut,
    ticket_id: int,
    state: PresenceState,
    now: datetime | None = None,
) -> PresenceOut:
    load_ticket(session, ticket_id)
    now = now or utcnow()
    row = session.get(Presence, (ticket_id, agent.id), with_for_update=True)
    live = row is not None and row.expires_at > now
    if state == PresenceState.LEFT:
        out = PresenceOut(
            ticket_id=ticket_id,
            agent_id=agent.id,
            agent_name=agent.display_name,
            state=PresenceState.LEFT,
            expires_at=now,
        )
        if row is not None:
            session.delete(row)
        if live:
            events.emit(session, EventType.PRESENCE_CHANGED, ticket_id, out)
        return out
    if row is None:
        row = Presence(ticket_id=ticket_id, agent_id=agent.id, announced_at=now)
        session.add(row)
    announce = not live or row.state != state or now - row.announced_at >= ANNOUNCE_EVERY
    row.agent_name = agent.display_name
    row.state = str(state)
    row.expires_at = now + TTL
    if announce:
        row.announced_at = now
    session.flush()
    out = presence_out(row)
    if announce:
        events.emit(session, EventType.PRESENCE_CHANGED, ticket_id, out)
    return out


def live_presence(
    session: Session, ticket_id: int, now: datetime | None = None
) -> list[PresenceOut]:
    load_ticket(session, ticket_id)
    rows = session.scalars(
        select(Presence)
        .where(Presence.ticket_id == ticket_id, Presence.expires_at > (now or utcnow()))
        .order_by(Presence.agent_id)
    )
    return [presence_out(r) for r in rows]
