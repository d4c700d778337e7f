"""The demo workspace as an inbox: channels, queues, suggested priorities and SLA states."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from console.core.domain import (
    Category,
    Channel,
    MessageKind,
    Priority,
    SlaState,
    TicketStatus,
)
from console.core.priority_rules import GROUPS, route_group
from console.core.sla import (
    DEFAULT_POLICIES,
    SlaClock,
    change_status,
    record_first_response,
    sla_status,
    start_clock,
)
from console.server.demo import DemoTicket, DemoWorkspace, generate_demo
from console.server.demo.sla_timeline import demo_clock

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workspace() -> DemoWorkspace:
    return generate_demo(seed=7, now=NOW)


# --- inbox: channels, groups, suggestions, SLA states -------------------------------------------


def test_x_and_telegram_are_used_and_other_social_is_rare(workspace: DemoWorkspace) -> None:
    channels = Counter(t.channel for t in workspace.tickets)
    total = len(workspace.tickets)
    assert channels[Channel.X] > 0.03 * total
    assert channels[Channel.TELEGRAM] > 0.03 * total
    assert channels[Channel.SOCIAL] < 0.02 * total
    x_posts = [t for t in workspace.tickets if t.channel == Channel.X]
    assert all(len(t.messages[0].body.splitlines()) <= 2 for t in x_posts)


def test_tickets_are_queued_by_vip_category_and_language(workspace: DemoWorkspace) -> None:
    tier = {c.uid: c.vip_tier for c in workspace.customers}
    assert {t.group for t in workspace.tickets} == set(GROUPS)
    for t in workspace.tickets:
        assert t.group == route_group(t.category, tier[t.customer_uid], t.language)


def test_suggestions_come_from_the_text_and_never_lower_the_priority(
    workspace: DemoWorkspace,
) -> None:
    suggested = [t for t in workspace.tickets if t.suggested_priority is not None]
    assert len(suggested) > 0.1 * len(workspace.tickets)
    for t in suggested:
        assert t.suggestion_reason
        text = f"{t.subject}\n{t.messages[0].body}"
        assert t.suggestion_reason in text, (t.suggestion_reason, t.subject)
        if t.suggested_priority == Priority.URGENT:
            assert t.priority == Priority.URGENT
    stolen = [t for t in workspace.tickets if "stolen-account" in t.tags]
    assert stolen and all(t.suggested_priority == Priority.URGENT for t in stolen)
    stuck = [t for t in suggested if t.category == Category.DEPOSIT_WITHDRAWAL]
    assert stuck and {t.suggested_priority for t in stuck} == {Priority.HIGH}


def test_sla_states_at_demo_start_are_a_realistic_mix(workspace: DemoWorkspace) -> None:
    states = Counter(
        sla_status(demo_clock(t, DEFAULT_POLICIES[t.priority]), NOW).state
        for t in workspace.tickets
    )
    running = states[SlaState.OK] + states[SlaState.DUE_SOON] + states[SlaState.BREACHED]
    assert states[SlaState.OK] > 0.5 * running  # most are on time ...
    assert 0.04 * running < states[SlaState.DUE_SOON] < 0.25 * running
    assert 0.04 * running < states[SlaState.BREACHED] < 0.25 * running  # ... a backlog is late
    pending = sum(t.status == TicketStatus.PENDING for t in workspace.tickets)
    assert states[SlaState.PAUSED] == pending
    done = sum(t.status in (TicketStatus.SOLVED, TicketStatus.CLOSED) for t in workspace.tickets)
    assert states[SlaState.MET] == done


def _clock_by_status_changes(ticket: DemoTicket) -> SlaClock:
    """The same replay through the core rules, one status change at a time."""
    clock = start_clock(ticket.created_at, DEFAULT_POLICIES[ticket.priority])
    public = [m for m in ticket.messages if m.kind != MessageKind.NOTE]
    last_reply = max((i for i, m in enumerate(public) if m.kind == MessageKind.REPLY), default=-1)
    done = (TicketStatus.SOLVED, TicketStatus.CLOSED)
    status = TicketStatus.NEW
    for index, message in enumerate(public[1:], start=1):
        if status in done:
            break
        if message.kind == MessageKind.CUSTOMER:
            clock = change_status(clock, status, TicketStatus.OPEN, message.created_at)
            status = TicketStatus.OPEN
            continue
        clock = record_first_response(clock, message.created_at)
        if index == last_reply and ticket.status in done:
            new = TicketStatus.SOLVED
        elif index == len(public) - 1:
            new = (
                TicketStatus.PENDING if ticket.status == TicketStatus.PENDING else TicketStatus.OPEN
            )
        elif public[index + 1].kind == MessageKind.CUSTOMER:
            new = TicketStatus.PENDING
        else:
            new = TicketStatus.OPEN
        clock = change_status(clock, status, new, message.created_at)
        status = new
    return clock


def test_replayed_clocks_follow_the_conversation(workspace: DemoWorkspace) -> None:
    for t in workspace.tickets[:1500]:
        clock = demo_clock(t, DEFAULT_POLICIES[t.priority])
        assert clock == _clock_by_status_changes(t)
        replies = [m.created_at for m in t.messages if m.kind == MessageKind.REPLY]
        assert clock.first_response_at == (replies[0] if replies else None)
        assert clock.paused_seconds >= 0
        if t.status == TicketStatus.PENDING:
            assert clock.paused_since == replies[-1]
        if t.status in (TicketStatus.SOLVED, TicketStatus.CLOSED):
            assert clock.resolved_at == replies[-1]


def test_nothing_is_due_in_the_first_minutes_of_the_demo(workspace: DemoWorkspace) -> None:
    # Breaches arrive while the demo runs, not in a burst while consoles are still loading.
    for t in workspace.tickets:
        status = sla_status(demo_clock(t, DEFAULT_POLICIES[t.priority]), NOW)
        if status.state in (SlaState.OK, SlaState.DUE_SOON):
            assert status.remaining is not None and status.remaining > timedelta(minutes=2)
