"""SLA rules: boundaries, pauses, priority changes, first response then resolution, reopening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.core.domain import Priority, SlaState, SlaTarget, TicketStatus
from console.core.sla import (
    DEFAULT_POLICIES,
    SlaPolicy,
    apply_policy,
    breached_targets,
    change_status,
    due_soon_window,
    pause,
    record_first_response,
    resume,
    sla_status,
    start_clock,
)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
US = timedelta(microseconds=1)
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def test_default_policies_follow_the_seeds() -> None:
    minutes = {
        p: (s.first_response_minutes, s.resolution_minutes) for p, s in DEFAULT_POLICIES.items()
    }
    assert minutes == {
        Priority.URGENT: (15, 240),
        Priority.HIGH: (120, 1440),
        Priority.NORMAL: (1440, 4320),
        Priority.LOW: (2880, 7200),
    }


def test_clock_starts_at_creation() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.URGENT])
    assert clock.first_response_due_at == T0 + 15 * MIN
    assert clock.resolution_due_at == T0 + 4 * HOUR
    status = sla_status(clock, T0)
    assert status.state == SlaState.OK
    assert status.target == SlaTarget.FIRST_RESPONSE
    assert status.remaining == 15 * MIN


def test_exactly_at_due_is_not_yet_breached_one_microsecond_later_is() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.HIGH])
    due = T0 + 2 * HOUR
    at_due = sla_status(clock, due)
    assert at_due.state == SlaState.DUE_SOON and at_due.remaining == timedelta(0)
    late = sla_status(clock, due + US)
    assert late.state == SlaState.BREACHED and late.remaining == -US
    assert breached_targets(clock, due) == []
    assert breached_targets(clock, due + US) == [SlaTarget.FIRST_RESPONSE]


def test_due_soon_uses_ten_minutes_for_short_targets() -> None:
    # 15 min target: 20 % is 3 min, so the 10 min floor applies.
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.URGENT])
    assert due_soon_window(15 * MIN) == 10 * MIN
    assert sla_status(clock, T0 + 5 * MIN - US).state == SlaState.OK
    assert sla_status(clock, T0 + 5 * MIN).state == SlaState.DUE_SOON


def test_due_soon_uses_twenty_percent_for_long_targets() -> None:
    # 24 h target: the last 4.8 h are due soon.
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.NORMAL])
    edge = T0 + 24 * HOUR - timedelta(hours=4.8)
    assert due_soon_window(24 * HOUR) == timedelta(hours=4.8)
    assert sla_status(clock, edge - US).state == SlaState.OK
    assert sla_status(clock, edge).state == SlaState.DUE_SOON
    assert clock.warn_at(SlaTarget.FIRST_RESPONSE) == edge


def test_fifty_minute_target_switches_rule_at_the_crossover() -> None:
    # 20 % of 50 min is exactly the 10 min floor.
    clock = start_clock(T0, SlaPolicy(Priority.HIGH, 50, 600))
    assert sla_status(clock, T0 + 40 * MIN - US).state == SlaState.OK
    assert sla_status(clock, T0 + 40 * MIN).state == SlaState.DUE_SOON


def test_remaining_is_frozen_while_paused_and_due_moves_after() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.HIGH])  # first response due T0+2h
    clock = pause(clock, T0 + 30 * MIN)
    for later in (T0 + 31 * MIN, T0 + 5 * HOUR, T0 + 50 * HOUR):
        status = sla_status(clock, later)
        assert status.state == SlaState.PAUSED
        assert status.remaining == 90 * MIN
    clock = resume(clock, T0 + 5 * HOUR)
    assert clock.paused_since is None
    assert clock.paused_seconds == int(4.5 * 3600)
    assert clock.first_response_due_at == T0 + 6.5 * HOUR
    assert clock.resolution_due_at == T0 + 28.5 * HOUR
    status = sla_status(clock, T0 + 5 * HOUR)
    assert status.state == SlaState.OK and status.remaining == 90 * MIN
    # The target keeps its own length: due soon in its last 24 min (20 % of 2 h).
    assert clock.warn_at(SlaTarget.FIRST_RESPONSE) == T0 + 6.5 * HOUR - 24 * MIN


def test_pause_and_resume_twice_do_nothing_more() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.LOW])
    paused = pause(clock, T0 + HOUR)
    assert pause(paused, T0 + 2 * HOUR) == paused
    assert resume(clock, T0 + 2 * HOUR) == clock


def test_several_pauses_add_up() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.URGENT])
    clock = resume(pause(clock, T0 + 1 * MIN), T0 + 11 * MIN)  # 10 min
    clock = resume(pause(clock, T0 + 12 * MIN), T0 + 42 * MIN)  # 30 min
    assert clock.paused_seconds == 40 * 60
    assert clock.first_response_due_at == T0 + 55 * MIN
    assert sla_status(clock, T0 + 55 * MIN).state == SlaState.DUE_SOON
    assert sla_status(clock, T0 + 55 * MIN + US).state == SlaState.BREACHED


def test_priority_change_recomputes_from_creation_with_the_pauses() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.NORMAL])
    clock = resume(pause(clock, T0 + HOUR), T0 + 3 * HOUR)  # 2 h paused
    clock = apply_policy(clock, DEFAULT_POLICIES[Priority.URGENT])
    assert clock.policy_priority == Priority.URGENT
    assert clock.first_response_due_at == T0 + 2 * HOUR + 15 * MIN
    assert clock.resolution_due_at == T0 + 6 * HOUR
    # Raised mid-way: a normal ticket four hours old becomes a breached urgent one.
    assert sla_status(clock, T0 + 4 * HOUR).state == SlaState.BREACHED
    lowered = apply_policy(clock, DEFAULT_POLICIES[Priority.LOW])
    assert lowered.first_response_due_at == T0 + 50 * HOUR
    assert sla_status(lowered, T0 + 4 * HOUR).state == SlaState.OK


def test_priority_change_while_paused_keeps_the_pause_running() -> None:
    clock = pause(start_clock(T0, DEFAULT_POLICIES[Priority.NORMAL]), T0 + HOUR)
    clock = apply_policy(clock, DEFAULT_POLICIES[Priority.HIGH])
    assert sla_status(clock, T0 + 9 * HOUR).remaining == HOUR  # 2 h target, 1 h used
    clock = resume(clock, T0 + 9 * HOUR)
    assert clock.first_response_due_at == T0 + 10 * HOUR


def test_first_response_then_resolution() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.URGENT])
    clock = record_first_response(clock, T0 + 20 * MIN)  # five minutes late
    assert record_first_response(clock, T0 + 30 * MIN).first_response_at == T0 + 20 * MIN
    status = sla_status(clock, T0 + 20 * MIN)
    assert status.target == SlaTarget.RESOLUTION
    assert status.state == SlaState.OK and status.remaining == 220 * MIN
    assert breached_targets(clock, T0 + 20 * MIN) == [SlaTarget.FIRST_RESPONSE]
    assert sla_status(clock, T0 + 4 * HOUR + US).state == SlaState.BREACHED
    solved = change_status(clock, TicketStatus.OPEN, TicketStatus.SOLVED, T0 + 3 * HOUR)
    assert solved.resolved_at == T0 + 3 * HOUR
    assert sla_status(solved, T0 + 10 * HOUR) == sla_status(solved, T0)
    assert sla_status(solved, T0).state == SlaState.MET and sla_status(solved, T0).target is None
    # Met on time: a late check finds no resolution breach.
    assert breached_targets(solved, T0 + 10 * HOUR) == [SlaTarget.FIRST_RESPONSE]


def test_status_changes_pause_resume_resolve_and_reopen() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.HIGH])
    clock = change_status(clock, TicketStatus.NEW, TicketStatus.PENDING, T0 + MIN)
    assert clock.paused_since == T0 + MIN
    clock = change_status(clock, TicketStatus.PENDING, TicketStatus.OPEN, T0 + 61 * MIN)
    assert clock.paused_since is None and clock.paused_seconds == 3600
    clock = record_first_response(clock, T0 + 90 * MIN)
    # Solved straight from pending: the pause ends first, then the ticket is resolved.
    clock = change_status(clock, TicketStatus.OPEN, TicketStatus.PENDING, T0 + 2 * HOUR)
    clock = change_status(clock, TicketStatus.PENDING, TicketStatus.SOLVED, T0 + 3 * HOUR)
    assert clock.paused_since is None and clock.paused_seconds == 2 * 3600
    assert clock.resolved_at == T0 + 3 * HOUR
    closed = change_status(clock, TicketStatus.SOLVED, TicketStatus.CLOSED, T0 + 4 * HOUR)
    assert closed.resolved_at == T0 + 3 * HOUR
    # The customer writes again: the ticket reopens and the clock runs from where it stood.
    reopened = change_status(clock, TicketStatus.SOLVED, TicketStatus.OPEN, T0 + 5 * HOUR)
    assert reopened.resolved_at is None
    status = sla_status(reopened, T0 + 5 * HOUR)
    assert status.target == SlaTarget.RESOLUTION
    assert status.state == SlaState.OK and status.remaining == 21 * HOUR  # 24 h + 2 h paused
    assert sla_status(reopened, T0 + 26 * HOUR + US).state == SlaState.BREACHED
    # On hold waits for another department; the customer is not the one holding it up.
    held = change_status(reopened, TicketStatus.OPEN, TicketStatus.ON_HOLD, T0 + 5 * HOUR)
    assert held.paused_since is None


def test_a_pause_does_not_hide_a_breach_that_came_before_it() -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[Priority.URGENT])
    clock = pause(clock, T0 + 20 * MIN)
    status = sla_status(clock, T0 + 2 * HOUR)
    assert status.state == SlaState.PAUSED and status.remaining == -5 * MIN
    assert breached_targets(clock, T0 + 2 * HOUR) == [SlaTarget.FIRST_RESPONSE]
    assert (
        breached_targets(
            pause(start_clock(T0, DEFAULT_POLICIES[Priority.URGENT]), T0), T0 + 9 * HOUR
        )
        == []
    )


@pytest.mark.parametrize("priority", list(Priority))
def test_warn_at_agrees_with_the_state(priority: Priority) -> None:
    clock = start_clock(T0, DEFAULT_POLICIES[priority])
    for target in (SlaTarget.FIRST_RESPONSE,):
        warn = clock.warn_at(target)
        assert sla_status(clock, warn - US).state == SlaState.OK
        assert sla_status(clock, warn).state == SlaState.DUE_SOON
