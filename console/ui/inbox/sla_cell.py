"""The SLA column: a ticket's clock judged by the core rules and worded for a table cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from console.core.domain import SlaState
from console.core.sla import SlaClock, SlaStatus, sla_status
from console.ui.i18n import tr

__all__ = ["SlaCell", "compact_duration", "sla_cell", "sla_face", "sla_of"]


@dataclass(frozen=True, slots=True)
class SlaCell:
    state: SlaState
    text: str
    tooltip: str


def sla_of(ticket: Any, now: datetime) -> SlaStatus:
    """The ticket's SLA state at `now`; NONE when the ticket carries no clock."""
    sla = getattr(ticket, "sla", None)
    if sla is None:
        return SlaStatus(SlaState.NONE)
    clock = SlaClock(
        started_at=ticket.created_at,
        policy_priority=sla.policy_priority,
        first_response_due_at=sla.first_response_due_at,
        resolution_due_at=sla.resolution_due_at,
        first_response_at=sla.first_response_at,
        resolved_at=sla.resolved_at,
        paused_since=sla.paused_since,
        paused_seconds=sla.paused_seconds,
    )
    return sla_status(clock, now)


def compact_duration(delta: timedelta) -> str:
    """'3d 4h', '2h 05m', '12m', '<1m' — wide enough to compare rows at a glance."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return tr("{days}d {hours}h", days=days, hours=hours)
    if hours:
        return tr("{hours}h {minutes}m", hours=hours, minutes=f"{mins:02d}")
    if mins:
        return tr("{minutes}m", minutes=mins)
    return tr("<1m")


def _face_text(status: SlaStatus) -> str:
    state = status.state
    if state is SlaState.NONE:
        return "—"
    if state is SlaState.MET:
        return tr("Met")
    if state is SlaState.PAUSED:
        return tr("Paused")
    left = compact_duration(status.remaining or timedelta(0))
    return tr("−{time}", time=left) if state is SlaState.BREACHED else left


def sla_face(ticket: Any, now: datetime) -> tuple[SlaState, str]:
    """What the cell shows (`sla_cell`'s state and text) without wording its tooltip."""
    status = sla_of(ticket, now)
    return status.state, _face_text(status)


def sla_cell(ticket: Any, now: datetime) -> SlaCell:
    status = sla_of(ticket, now)
    state = status.state
    if state is SlaState.NONE:
        return SlaCell(state, "—", tr("No SLA applies to this ticket."))
    if state is SlaState.MET:
        return SlaCell(state, tr("Met"), tr("Every SLA target was met or the ticket is solved."))
    remaining = status.remaining or timedelta(0)
    left = compact_duration(remaining)
    target = (
        tr("first response")
        if status.target is not None and status.target.value == "first_response"
        else tr("resolution")
    )
    if state is SlaState.BREACHED:
        return SlaCell(
            state,
            tr("−{time}", time=left),
            tr("Breached: {target} was due {time} ago.", target=target, time=left),
        )
    if state is SlaState.PAUSED:
        return SlaCell(
            state,
            tr("Paused"),
            tr(
                "Paused while waiting for the customer; {time} left for {target}.",
                time=left,
                target=target,
            ),
        )
    tip = (
        tr("Due soon: {time} left for {target}.", time=left, target=target)
        if state is SlaState.DUE_SOON
        else tr("{time} left for {target}.", time=left, target=target)
    )
    return SlaCell(state, left, tip)
