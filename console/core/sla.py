"""SLA rules on a 24/7 clock: targets per priority, pauses while pending, state at a moment.

The server keeps one SlaClock per ticket and the console rebuilds it from the wire; both judge
it with `sla_status`, so a row in the inbox and a breach on the server never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from console.core.domain import Priority, SlaState, SlaTarget, TicketStatus

# A target is "due soon" in its last 20 %, but never later than ten minutes before it is due,
# so a 15-minute target does not turn amber with three minutes left.
DUE_SOON_SHARE = 0.2
DUE_SOON_FLOOR = timedelta(minutes=10)

_DONE_STATUSES = frozenset({TicketStatus.SOLVED, TicketStatus.CLOSED})


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """How long each target of one priority may take, in minutes."""

    priority: Priority
    first_response_minutes: int
    resolution_minutes: int

    @property
    def first_response(self) -> timedelta:
        return timedelta(minutes=self.first_response_minutes)

    @property
    def resolution(self) -> timedelta:
        return timedelta(minutes=self.resolution_minutes)


# Security cases are answered in minutes; ordinary tickets within a day or two by urgency.
DEFAULT_POLICIES: dict[Priority, SlaPolicy] = {
    Priority.URGENT: SlaPolicy(Priority.URGENT, 15, 4 * 60),
    Priority.HIGH: SlaPolicy(Priority.HIGH, 2 * 60, 24 * 60),
    Priority.NORMAL: SlaPolicy(Priority.NORMAL, 24 * 60, 72 * 60),
    Priority.LOW: SlaPolicy(Priority.LOW, 48 * 60, 120 * 60),
}


@dataclass(frozen=True, slots=True)
class SlaClock:
    """The SLA clock of one ticket. Due times already include every finished pause."""

    started_at: datetime  # the ticket's created_at
    policy_priority: Priority
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    paused_since: datetime | None = None
    paused_seconds: int = 0  # total of the finished pauses

    def due_at(self, target: SlaTarget) -> datetime:
        if target == SlaTarget.FIRST_RESPONSE:
            return self.first_response_due_at
        return self.resolution_due_at

    def length(self, target: SlaTarget) -> timedelta:
        """The target's own length, without the pauses added to its due time."""
        return self.due_at(target) - self.started_at - timedelta(seconds=self.paused_seconds)

    def warn_at(self, target: SlaTarget) -> datetime:
        """From this moment on (while the clock runs) the target is due soon."""
        return self.due_at(target) - due_soon_window(self.length(target))


@dataclass(frozen=True, slots=True)
class SlaStatus:
    """Where a clock stands at one moment."""

    state: SlaState
    target: SlaTarget | None = None  # the active target; None once everything is met
    due_at: datetime | None = None
    remaining: timedelta | None = None  # negative once breached; frozen while paused


def due_soon_window(length: timedelta) -> timedelta:
    return max(DUE_SOON_FLOOR, length * DUE_SOON_SHARE)


def start_clock(created_at: datetime, policy: SlaPolicy) -> SlaClock:
    return SlaClock(
        started_at=created_at,
        policy_priority=policy.priority,
        first_response_due_at=created_at + policy.first_response,
        resolution_due_at=created_at + policy.resolution,
    )


def apply_policy(clock: SlaClock, policy: SlaPolicy) -> SlaClock:
    """A priority change: both due times again from the start, with the new policy's targets
    and every finished pause."""
    paused = timedelta(seconds=clock.paused_seconds)
    return replace(
        clock,
        policy_priority=policy.priority,
        first_response_due_at=clock.started_at + policy.first_response + paused,
        resolution_due_at=clock.started_at + policy.resolution + paused,
    )


def pause(clock: SlaClock, now: datetime) -> SlaClock:
    if clock.paused_since is not None or clock.resolved_at is not None:
        return clock
    return replace(clock, paused_since=now)


def resume(clock: SlaClock, now: datetime) -> SlaClock:
    """Ends a pause: its length (whole seconds) joins paused_seconds and pushes both due times."""
    if clock.paused_since is None:
        return clock
    seconds = max(0, round((now - clock.paused_since).total_seconds()))
    pushed = timedelta(seconds=seconds)
    return replace(
        clock,
        paused_since=None,
        paused_seconds=clock.paused_seconds + seconds,
        first_response_due_at=clock.first_response_due_at + pushed,
        resolution_due_at=clock.resolution_due_at + pushed,
    )


def record_first_response(clock: SlaClock, now: datetime) -> SlaClock:
    """The first agent reply (a note does not count); later replies change nothing."""
    if clock.first_response_at is not None:
        return clock
    return replace(clock, first_response_at=now)


def change_status(clock: SlaClock, old: TicketStatus, new: TicketStatus, now: datetime) -> SlaClock:
    """The clock after a ticket moves from `old` to `new` at `now`."""
    if old == new:
        return clock
    if old == TicketStatus.PENDING:
        clock = resume(clock, now)
    if new in _DONE_STATUSES:
        clock = resume(clock, now)
        if clock.resolved_at is None:
            clock = replace(clock, resolved_at=now)
        return clock
    if clock.resolved_at is not None:
        clock = replace(clock, resolved_at=None)  # reopened
    if new == TicketStatus.PENDING:
        clock = pause(clock, now)
    return clock


def active_target(clock: SlaClock) -> SlaTarget:
    if clock.first_response_at is None:
        return SlaTarget.FIRST_RESPONSE
    return SlaTarget.RESOLUTION


def sla_status(clock: SlaClock, now: datetime) -> SlaStatus:
    """MET when resolved; PAUSED while paused; else the active target is BREACHED once `now` is
    past its due time, DUE_SOON inside its last stretch (due_soon_window), otherwise OK."""
    if clock.resolved_at is not None:
        return SlaStatus(SlaState.MET)
    target = active_target(clock)
    due = clock.due_at(target)
    if clock.paused_since is not None:
        return SlaStatus(SlaState.PAUSED, target, due, due - clock.paused_since)
    remaining = due - now
    if remaining < timedelta(0):
        state = SlaState.BREACHED
    elif remaining <= due_soon_window(clock.length(target)):
        state = SlaState.DUE_SOON
    else:
        state = SlaState.OK
    return SlaStatus(state, target, due, remaining)


def breached_targets(clock: SlaClock, now: datetime) -> list[SlaTarget]:
    """Targets missed by `now`: first response while unanswered, resolution while unresolved.
    A pause does not hide a target that was already missed before it began."""
    if clock.resolved_at is not None:
        moment = clock.resolved_at
    elif clock.paused_since is not None:
        moment = clock.paused_since
    else:
        moment = now
    missed = []
    answered = clock.first_response_at
    if (answered if answered is not None else moment) > clock.first_response_due_at:
        missed.append(SlaTarget.FIRST_RESPONSE)
    if moment > clock.resolution_due_at:
        missed.append(SlaTarget.RESOLUTION)
    return missed
