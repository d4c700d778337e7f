"""The SLA clock a seeded ticket would have today, replayed from its conversation.

A reply answered the customer (first response); a reply the customer answered, or the last
reply of a pending ticket, asked them something, so the clock stood still until they wrote
back; the last reply of a solved or closed ticket resolved it. Replayed with plain arithmetic
(the rules of console.core.sla, checked against them in the tests): seeding runs this for
thousands of tickets at first start.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from console.core.domain import MessageKind, TicketStatus
from console.core.sla import SlaClock, SlaPolicy

from .model import DemoTicket

_DONE = frozenset({TicketStatus.SOLVED, TicketStatus.CLOSED})


def demo_clock(ticket: DemoTicket, policy: SlaPolicy) -> SlaClock:
    public = [m for m in ticket.messages if m.kind != MessageKind.NOTE]
    replies = [i for i, m in enumerate(public) if m.kind == MessageKind.REPLY]
    last_reply = replies[-1] if replies else -1
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    paused_since: datetime | None = None
    paused_seconds = 0
    for index in range(1, len(public)):
        if resolved_at is not None:
            break  # a closing "thank you" does not reopen the case
        at = public[index].created_at
        if paused_since is not None:
            # The customer wrote back (or the case moved on): the pause ends.
            paused_seconds += max(0, round((at - paused_since).total_seconds()))
            paused_since = None
        if public[index].kind == MessageKind.CUSTOMER:
            continue
        if first_response_at is None:
            first_response_at = at
        if index == last_reply and ticket.status in _DONE:
            resolved_at = at
        elif index == len(public) - 1:
            if ticket.status == TicketStatus.PENDING:
                paused_since = at
        elif public[index + 1].kind == MessageKind.CUSTOMER:
            paused_since = at
    pushed = timedelta(seconds=paused_seconds)
    return SlaClock(
        started_at=ticket.created_at,
        policy_priority=policy.priority,
        first_response_due_at=ticket.created_at + policy.first_response + pushed,
        resolution_due_at=ticket.created_at + policy.resolution + pushed,
        first_response_at=first_response_at,
        resolved_at=resolved_at,
        paused_since=paused_since,
        paused_seconds=paused_seconds,
    )
