"""Assembles the whole demo workspace from a seed."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from console.core.domain import AccountStatus, Category, Channel, Priority, TicketStatus
from console.core.sla import DEFAULT_POLICIES, due_soon_window, sla_status
from console.core.vip import target_for

from .agents import demo_agents
from .customers import make_customers
from .model import DemoCustomer, DemoTicket, DemoWorkspace
from .sla_timeline import demo_clock
from .texts import Scenario
from .tickets import Team, build_ticket, pick_scenario

CATEGORY_WEIGHTS: dict[Category, int] = {
    Category.DEPOSIT_WITHDRAWAL: 27,
    Category.ACCOUNT_SECURITY: 14,
    Category.KYC: 10,
    Category.SPOT: 8,
    Category.FUTURES_MARGIN: 9,
    Category.P2P: 9,
    Category.EARN: 5,
    Category.WEB3_WALLET: 6,
    Category.API: 4,
    Category.FEES: 8,
}
STATUS_WEIGHTS: dict[TicketStatus, int] = {
    TicketStatus.NEW: 22,
    TicketStatus.OPEN: 28,
    TicketStatus.PENDING: 18,
    TicketStatus.ON_HOLD: 8,
    TicketStatus.SOLVED: 15,
    TicketStatus.CLOSED: 9,
}
_CHANNEL_WEIGHTS: dict[Channel, int] = {
    Channel.IN_APP: 33,
    Channel.WEB_FORM: 21,
    Channel.EMAIL: 20,
    Channel.PHONE: 10,
    Channel.X: 6,
    Channel.TELEGRAM: 8,
    Channel.SOCIAL: 1,  # other networks: a few old cases, no new ones
}
# How long ago a solved or closed ticket was opened, in hours (low, high).
_AGE_HOURS: dict[TicketStatus, tuple[float, float]] = {
    TicketStatus.PENDING: (3, 24 * 10),
    TicketStatus.SOLVED: (24, 24 * 25),
    TicketStatus.CLOSED: (24 * 5, 24 * 30),
}
# Where a running ticket stands against its active SLA target when the demo starts: most are on
# time, some are due soon, a backlog is late (weights). None is due within the first minutes, so
# breaches come in while the demo runs, not all at once when it starts.
_ON_TIME, _DUE_SOON, _LATE = "on_time", "due_soon", "late"
_SLA_POSITIONS = (_ON_TIME, _DUE_SOON, _LATE)
_SLA_POSITION_WEIGHTS = (76, 12, 12)
_QUIET_START = timedelta(minutes=2)
_RUNNING = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.ON_HOLD})
# The VIP desk answers within minutes: a VIP's ticket is rarely still the customer's turn, and
# when it is, it arrived within the tier's target (the demo starts with live countdowns, not
# a desk hours behind).
_VIP_STILL_WAITING = 0.03
_VIP_ANSWERED = (TicketStatus.PENDING, TicketStatus.SOLVED, TicketStatus.CLOSED)
_VIP_ANSWERED_WEIGHTS = (45, 35, 20)


def pick_channel(rng: random.Random, category: Category, *, new: bool = False) -> Channel:
    weights = dict(_CHANNEL_WEIGHTS)
    if category == Category.ACCOUNT_SECURITY:
        weights[Channel.PHONE] *= 2  # people call when they think they are being robbed
    if category in (Category.API, Category.KYC):
        weights[Channel.X] = 2
    if new:
        weights[Channel.SOCIAL] = 0
    return rng.choices(tuple(weights), tuple(weights.values()))[0]


def pick_category(rng: random.Random) -> Category:
    return rng.choices(tuple(CATEGORY_WEIGHTS), tuple(CATEGORY_WEIGHTS.values()))[0]


def _opened_at(
    rng: random.Random, status: TicketStatus, now: datetime, within: timedelta | None = None
) -> Callable[[Priority, bool], datetime]:
    def opened(priority: Priority, answered: bool) -> datetime:
        policy = DEFAULT_POLICIES[priority]
        if within is not None:
            age = within * rng.uniform(0.1, 0.8)
        elif status in _AGE_HOURS:
            low, high = _AGE_HOURS[status]
            age = timedelta(hours=rng.uniform(low, high))
        else:
            # New, open and on-hold tickets: placed against the target they are working on.
            target = policy.resolution if answered else policy.first_response
            position = rng.choices(_SLA_POSITIONS, _SLA_POSITION_WEIGHTS)[0]
            if position == _ON_TIME:
                age = max(timedelta(minutes=1), target * rng.uniform(0.0, 0.78))
            elif position == _DUE_SOON:
                window = due_soon_window(target)
                age = target - _QUIET_START - (window - _QUIET_START) * rng.random()
            else:
                age = target * rng.uniform(1.02, 2.5)
        return (now - age).replace(microsecond=0)

    return opened


def _frozen_cases(
    rng: random.Random, customers: list[DemoCustomer], now: datetime, team: Team
) -> list[DemoTicket]:
    """Every frozen account has a security case explaining why."""
    cases = []
    for customer in customers:
        if customer.account_status != AccountStatus.FROZEN:
            continue
        key = rng.choice(("sec_frozen", "sec_stolen", "sec_new_device"))
        scenario = pick_scenario(rng, customer.language, Category.ACCOUNT_SECURITY, key)
        status = rng.choice((TicketStatus.OPEN, TicketStatus.ON_HOLD, TicketStatus.PENDING))
        channel = pick_channel(rng, Category.ACCOUNT_SECURITY)
        cases.append(_build(rng, customer, scenario, status, channel, now, team))
    return cases


def _due_right_away(ticket: DemoTicket, now: datetime) -> bool:
    if ticket.status not in _RUNNING:
        return False
    status = sla_status(demo_clock(ticket, DEFAULT_POLICIES[ticket.priority]), now)
    return status.remaining is not None and timedelta(0) <= status.remaining <= _QUIET_START


def _build(
    rng: random.Random,
    customer: DemoCustomer,
    scenario: Scenario,
    status: TicketStatus,
    channel: Channel,
    now: datetime,
    team: Team,
) -> DemoTicket:
    """A ticket whose SLA target is not due in the first minutes of the demo. Pauses in the
    conversation push due times around, so now and then a draw is taken again."""
    within = target_for(customer.vip_tier) if customer.vip_tier and status in _RUNNING else None
    for _ in range(4):
        opened = _opened_at(rng, status, now, within)
        ticket = build_ticket(rng, customer, scenario, status, channel, opened, now, team)
        if not _due_right_away(ticket, now):
            break
    return ticket


def generate_demo(
    seed: int = 7,
    tickets: int = 5000,
    *,
    customers: int = 800,
    now: datetime | None = None,
) -> DemoWorkspace:
    """The demo workspace for a seed: the same seed and `now` always give the same workspace."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    agents = demo_agents()
    team = Team(agents)
    people = make_customers(random.Random(f"{seed}:customers"), customers, now)
    rng = random.Random(f"{seed}:tickets")
    out = _frozen_cases(rng, people, now, team)[:tickets]
    # A few customers write in again and again; VIPs have more to talk about.
    weights = [1.0 + 0.4 * c.vip_tier + (2.0 if rng.random() < 0.05 else 0.0) for c in people]
    cumulative = list(accumulate(weights))  # once, not per draw
    statuses, status_weights = tuple(STATUS_WEIGHTS), tuple(STATUS_WEIGHTS.values())
    vip_rng = random.Random(f"{seed}:vip-desk")
    while len(out) < tickets:
        customer = rng.choices(people, cum_weights=cumulative)[0]
        category = pick_category(rng)
        status = rng.choices(statuses, status_weights)[0]
        if customer.vip_tier and status in _RUNNING and vip_rng.random() >= _VIP_STILL_WAITING:
            status = vip_rng.choices(_VIP_ANSWERED, _VIP_ANSWERED_WEIGHTS)[0]
        scenario = pick_scenario(rng, customer.language, category)
        channel = pick_channel(rng, category)
        out.append(_build(rng, customer, scenario, status, channel, now, team))
    out.sort(key=lambda t: t.created_at)
    return DemoWorkspace(agents=agents, customers=people, tickets=out)
