"""Triage and SLA columns of seeded demo tickets, replayed from their conversations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from console.core.domain import Priority, SlaTarget
from console.core.sla import SlaPolicy, breached_targets
from console.server.demo.sla_timeline import demo_clock
from console.server.services.sla import clock_columns

if TYPE_CHECKING:
    from console.server.demo.model import DemoTicket


def demo_ticket_columns(
    ticket: DemoTicket, policies: dict[Priority, SlaPolicy], now: datetime
) -> dict[str, Any]:
    """Columns for a bulk insert. Targets already missed at `now` count as announced: the
    breach happened before the workspace existed, and a first sweep must not flood clients."""
    clock = demo_clock(ticket, policies[ticket.priority])
    missed = breached_targets(clock, now)
    return {
        **clock_columns(clock),
        "group": ticket.group,
        "suggested_priority": str(ticket.suggested_priority) if ticket.suggested_priority else None,
        "suggestion_reason": ticket.suggestion_reason[:200] if ticket.suggestion_reason else None,
        "sla_first_response_breach_sent": SlaTarget.FIRST_RESPONSE in missed,
        "sla_resolution_breach_sent": SlaTarget.RESOLUTION in missed,
    }
