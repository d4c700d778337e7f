"""A new ticket's triage: its queue, the priority its text suggests, and its SLA clock."""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.core.domain import Priority
from console.core.priority_rules import is_higher, route_group, suggest_priority
from console.server.models import Customer, Ticket
from console.server.services import sla


def triage(session: Session, ticket: Ticket, customer: Customer, body: str) -> None:
    """Fills group and suggestion of a ticket not yet flushed, raises its priority when the text
    is more pressing than what was given (agents may lower it again), then starts the clock."""
    ticket.group = route_group(ticket.category, customer.vip_tier, ticket.language)
    found = suggest_priority(ticket.subject, body)
    if found is not None:
        suggested, reason = found
        ticket.suggested_priority = str(suggested)
        ticket.suggestion_reason = reason[:200]
        if is_higher(suggested, Priority(ticket.priority)):
            ticket.priority = str(suggested)
    sla.start(session, ticket)
