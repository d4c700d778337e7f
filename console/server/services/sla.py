"""The SLA clock of a ticket row: started on create, moved by status, priority and replies,
and sla.breached emitted once per ticket and target.

The rules are console.core.sla; this module only maps them onto Ticket columns.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, SlaBreachOut, SlaOut, SlaPolicyOut, SlaPolicyUpdate
from console.core.domain import EventType, MessageKind, Priority, SlaTarget, TicketStatus
from console.core.sla import (
    DEFAULT_POLICIES,
    SlaClock,
    SlaPolicy,
    apply_policy,
    breached_targets,
    change_status,
    record_first_response,
    start_clock,
)
from console.server.clock import utcnow
from console.server.models import SlaPolicy as SlaPolicyRow
from console.server.models import Ticket
from console.server.services import audit, events

_SENT_FLAG = {
    SlaTarget.FIRST_RESPONSE: "sla_first_response_breach_sent",
    SlaTarget.RESOLUTION: "sla_resolution_breach_sent",
}


# --- policies ---------------------------------------------------------------------------------


def policies(session: Session) -> dict[Priority, SlaPolicy]:
    stored = {
        Priority(row.priority): SlaPolicy(
            Priority(row.priority), row.first_response_minutes, row.resolution_minutes
        )
        for row in session.scalars(select(SlaPolicyRow))
    }
    return {p: stored.get(p, DEFAULT_POLICIES[p]) for p in Priority}


def policy_for(session: Session, priority: Priority | str) -> SlaPolicy:
    priority = Priority(priority)
    row = session.get(SlaPolicyRow, str(priority))
    if row is None:
        return DEFAULT_POLICIES[priority]
    return SlaPolicy(priority, row.first_response_minutes, row.resolution_minutes)


def policy_out(policy: SlaPolicy) -> SlaPolicyOut:
    return SlaPolicyOut(
        priority=policy.priority,
        first_response_minutes=policy.first_response_minutes,
        resolution_minutes=policy.resolution_minutes,
    )


def list_policies(session: Session) -> list[SlaPolicyOut]:
    return [policy_out(p) for p in policies(session).values()]


def update_policy(
    session: Session, priority: Priority, data: SlaPolicyUpdate, *, actor: AgentOut | None = None
) -> SlaPolicyOut:
    """New targets for `priority`: tickets created or re-prioritised from now on use them."""
    row = session.get(SlaPolicyRow, str(priority))
    if row is None:
        row = SlaPolicyRow(priority=str(priority))
        session.add(row)
    if actor is not None:
        before = [row.first_response_minutes, row.resolution_minutes]
        after = [data.first_response_minutes, data.resolution_minutes]
        detail = {"minutes_before": before, "minutes_after": after}
        audit.record(
            session, actor, "sla.policy_changed", "sla_policy", str(priority), detail=detail
        )
    row.first_response_minutes = data.first_response_minutes
    row.resolution_minutes = data.resolution_minutes
    row.updated_at = utcnow()
    session.flush()
    return policy_out(policy_for(session, priority))


def seed_default_policies(session: Session) -> None:
    """Writes the default targets for every priority that has no row yet."""
    now = utcnow()
    for policy in DEFAULT_POLICIES.values():
        if session.get(SlaPolicyRow, str(policy.priority)) is None:
            session.add(
                SlaPolicyRow(
                    priority=str(policy.priority),
                    first_response_minutes=policy.first_response_minutes,
                    resolution_minutes=policy.resolution_minutes,
                    updated_at=now,
                )
            )
    session.flush()


# --- the clock on a ticket row ----------------------------------------------------------------


def clock_of(ticket: Ticket) -> SlaClock | None:
    fr_due, res_due = ticket.sla_first_response_due_at, ticket.sla_resolution_due_at
    if fr_due is None or res_due is None or ticket.sla_policy_priority is None:
        return None
    return SlaClock(
        started_at=ticket.created_at,
        policy_priority=Priority(ticket.sla_policy_priority),
        first_response_due_at=fr_due,
        resolution_due_at=res_due,
        first_response_at=ticket.first_response_at,
        resolved_at=ticket.resolved_at,
        paused_since=ticket.sla_paused_since,
        paused_seconds=ticket.sla_paused_seconds or 0,
    )


def clock_columns(clock: SlaClock) -> dict[str, Any]:
    """The Ticket columns that hold `clock` (also used for bulk inserts when seeding)."""
    return {
        "sla_policy_priority": str(clock.policy_priority),
        "sla_first_response_due_at": clock.first_response_due_at,
        "sla_first_response_warn_at": clock.warn_at(SlaTarget.FIRST_RESPONSE),
        "sla_resolution_due_at": clock.resolution_due_at,
        "sla_resolution_warn_at": clock.warn_at(SlaTarget.RESOLUTION),
        "first_response_at": clock.first_response_at,
        "resolved_at": clock.resolved_at,
        "sla_paused_since": clock.paused_since,
        "sla_paused_seconds": clock.paused_seconds,
    }


def _store(ticket: Ticket, clock: SlaClock) -> None:
    for name, value in clock_columns(clock).items():
        if getattr(ticket, name) != value:
            setattr(ticket, name, value)


def sla_out(ticket: Ticket) -> SlaOut | None:
    clock = clock_of(ticket)
    if clock is None:
        return None
    return SlaOut(
        policy_priority=clock.policy_priority,
        first_response_due_at=clock.first_response_due_at,
        first_response_at=clock.first_response_at,
        resolution_due_at=clock.resolution_due_at,
        resolved_at=clock.resolved_at,
        paused_since=clock.paused_since,
        paused_seconds=clock.paused_seconds,
    )


def start(session: Session, ticket: Ticket) -> None:
    """The clock of a new ticket, from its created_at with the policy of its priority."""
    _store(ticket, start_clock(ticket.created_at, policy_for(session, ticket.priority)))


def _current(session: Session, ticket: Ticket) -> SlaClock:
    clock = clock_of(ticket)
    if clock is None:
        # A row written before SLAs existed: its clock starts as if it always had one.
        clock = start_clock(ticket.created_at, policy_for(session, ticket.priority))
    return clock


def after_update(
    session: Session,
    ticket: Ticket,
    old_status: str,
    old_priority: str,
    now: datetime | None = None,
) -> None:
    """Follows a PATCH: a status change pauses, resumes, resolves or reopens; a priority change
    recomputes the due times with the new priority's policy."""
    now = now or utcnow()
    clock = _current(session, ticket)
    clock = change_status(clock, TicketStatus(old_status), TicketStatus(ticket.status), now)
    if ticket.priority != old_priority or clock.policy_priority != ticket.priority:
        clock = apply_policy(clock, policy_for(session, ticket.priority))
    _store(ticket, clock)
    emit_breaches(session, ticket, now)


def after_message(
    session: Session, ticket: Ticket, kind: MessageKind, old_status: str, now: datetime
) -> None:
    """Follows a new message: the first reply answers the customer; a customer writing again
    moves the status (and so the clock) as _append decided."""
    clock = _current(session, ticket)
    clock = change_status(clock, TicketStatus(old_status), TicketStatus(ticket.status), now)
    if kind == MessageKind.REPLY:
        clock = record_first_response(clock, now)
    _store(ticket, clock)
    emit_breaches(session, ticket, now)


def emit_breaches(session: Session, ticket: Ticket, now: datetime) -> int:
    """Emits sla.breached for every missed target not announced yet; returns how many."""
    clock = clock_of(ticket)
    if clock is None:
        return 0
    emitted = 0
    for target in breached_targets(clock, now):
        flag = _SENT_FLAG[target]
        if getattr(ticket, flag):
            continue
        setattr(ticket, flag, True)
        payload = SlaBreachOut(
            ticket_id=ticket.id,
            target=target,
            due_at=clock.due_at(target),
            priority=Priority(ticket.priority),
            assignee_id=ticket.assignee_id,
        )
        events.emit(session, EventType.SLA_BREACHED, ticket.id, payload)
        emitted += 1
    return emitted
