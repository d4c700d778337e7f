"""Escalations: a side thread of a ticket with another department, with its own status.

A ticket that was new or open waits on hold while a department has an unanswered question;
when no question is left unanswered it is open again, so it comes back to the agent's queue.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, EscalationCreate, EscalationOut
from console.core.domain import EscalationStatus, EventType, Role, TicketStatus
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models import Ticket
from console.server.models_collab import Escalation
from console.server.services import audit, events, sla
from console.server.services.ticket_query import MAX_ID
from console.server.services.tickets import bump, load_ticket

_HOLDABLE = frozenset({str(TicketStatus.NEW), str(TicketStatus.OPEN)})


def escalation_out(row: Escalation) -> EscalationOut:
    return EscalationOut.model_validate(row)


def list_escalations(session: Session, ticket_id: int) -> list[EscalationOut]:
    load_ticket(session, ticket_id)
    rows = session.scalars(
        select(Escalation)
        .where(Escalation.ticket_id == ticket_id)
        .order_by(Escalation.created_at, Escalation.id)
    )
    return [escalation_out(r) for r in rows]


def create_escalation(
    session: Session, actor: AgentOut, ticket_id: int, data: EscalationCreate
) -> EscalationOut:
    ticket = load_ticket(session, ticket_id, for_update=True)
    now = utcnow()
    row = Escalation(
        ticket_id=ticket.id,
        department=str(data.department),
        status=str(EscalationStatus.OPEN),
        note=data.note,
        created_by_id=actor.id,
        created_by_name=actor.display_name,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    out = escalation_out(row)
    events.emit(session, EventType.ESCALATION_CREATED, ticket.id, out)
    _audit(session, actor, "escalation.created", row)
    ticket.open_escalations += 1
    if ticket.status in _HOLDABLE:
        old_status = ticket.status
        ticket.status = str(TicketStatus.ON_HOLD)
        sla.after_update(session, ticket, old_status, ticket.priority, now)
    bump(session, ticket, now)
    return out


def _audit(session: Session, actor: AgentOut | None, action: str, row: Escalation) -> None:
    """People's acts only: the demo department answering by itself is not one."""
    if actor is not None:
        detail = {"department": row.department}
        audit.record(
            session, actor, action, "escalation", row.id, ticket_id=row.ticket_id, detail=detail
        )


def _load(session: Session, escalation_id: int) -> Escalation:
    row = None
    if 0 < escalation_id <= MAX_ID:
        row = session.scalar(
            select(Escalation).where(Escalation.id == escalation_id).with_for_update()
        )
    if row is None:
        raise not_found("Escalation")
    return row


def _release_hold(session: Session, ticket: Ticket, now: datetime) -> None:
    """Back to open once no department question is left unanswered."""
    if ticket.status != TicketStatus.ON_HOLD:
        return
    waiting = session.scalar(
        select(Escalation.id)
        .where(Escalation.ticket_id == ticket.id, Escalation.status == str(EscalationStatus.OPEN))
        .limit(1)
    )
    if waiting is None:
        ticket.status = str(TicketStatus.OPEN)
        sla.after_update(session, ticket, str(TicketStatus.ON_HOLD), ticket.priority, now)


def answer_escalation(
    session: Session,
    escalation_id: int,
    answer: str,
    answered_by: str,
    actor: AgentOut | None = None,
) -> EscalationOut:
    """The department's answer; `actor` None is the demo department itself (the simulator)."""
    if actor is not None and actor.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden", "Only a supervisor can answer for a department.")
    row = _load(session, escalation_id)
    if row.status == EscalationStatus.CLOSED:
        raise ApiError(409, "conflict", "This escalation is already closed.")
    ticket = load_ticket(session, row.ticket_id, for_update=True)
    row.status = str(EscalationStatus.ANSWERED)
    row.answer = answer
    row.answered_by_name = answered_by
    now = utcnow()
    row.updated_at = max(now, row.updated_at)
    session.flush()
    out = escalation_out(row)
    events.emit(session, EventType.ESCALATION_UPDATED, ticket.id, out)
    _audit(session, actor, "escalation.answered", row)
    before = ticket.status
    _release_hold(session, ticket, now)
    if ticket.status != before:
        bump(session, ticket, now)
    return out


def close_escalation(
    session: Session, escalation_id: int, *, actor: AgentOut | None = None
) -> EscalationOut:
    row = _load(session, escalation_id)
    if row.status == EscalationStatus.CLOSED:
        return escalation_out(row)
    ticket = load_ticket(session, row.ticket_id, for_update=True)
    row.status = str(EscalationStatus.CLOSED)
    now = utcnow()
    row.updated_at = max(now, row.updated_at)
    session.flush()
    out = escalation_out(row)
    events.emit(session, EventType.ESCALATION_UPDATED, ticket.id, out)
    _audit(session, actor, "escalation.closed", row)
    ticket.open_escalations = max(0, ticket.open_escalations - 1)
    _release_hold(session, ticket, now)
    bump(session, ticket, now)
    return out


def due_for_answer(session: Session, now: datetime, after_s: float) -> list[tuple[int, int]]:
    """(escalation id, ticket id) of open escalations whose department should have answered:
    each waits `after_s` scaled by 0.5..1.5, a spread fixed by its id (no state to remember,
    and every server process agrees on it)."""
    oldest_due = now - timedelta(seconds=after_s * 0.5)
    rows = session.execute(
        select(Escalation.id, Escalation.ticket_id, Escalation.created_at)
        .where(
            Escalation.status == str(EscalationStatus.OPEN),
            Escalation.created_at <= oldest_due,
        )
        .order_by(Escalation.created_at)
        .limit(50)
    )
    due = []
    for escalation_id, ticket_id, created_at in rows:
        spread = 0.5 + ((escalation_id * 7919) % 1000) / 1000
        if created_at + timedelta(seconds=after_s * spread) <= now:
            due.append((escalation_id, ticket_id))
    return due


def department_answer(
    session: Session, escalation_id: int, answer: str, answered_by: str
) -> EscalationOut | None:
    """The simulated department answers, unless someone already did (None then)."""
    row = session.get(Escalation, escalation_id)
    if row is None or row.status != EscalationStatus.OPEN:
        return None
    return answer_escalation(session, escalation_id, answer, answered_by)
