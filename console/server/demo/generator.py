"""Assembles the whole demo workspace from a seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from console.core.domain import AccountStatus, Category, Channel, TicketStatus

from .agents import demo_agents
from .customers import make_customers
from .model import DemoCustomer, DemoTicket, DemoWorkspace
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
    Channel.IN_APP: 35,
    Channel.WEB_FORM: 23,
    Channel.EMAIL: 22,
    Channel.PHONE: 11,
    Channel.SOCIAL: 9,
}
# How long ago a ticket in each status was opened, in hours (low, high).
_AGE_HOURS: dict[TicketStatus, tuple[float, float]] = {
    TicketStatus.NEW: (0.05, 36),
    TicketStatus.OPEN: (0.5, 24 * 7),
    TicketStatus.PENDING: (3, 24 * 10),
    TicketStatus.ON_HOLD: (6, 24 * 14),
    TicketStatus.SOLVED: (24, 24 * 25),
    TicketStatus.CLOSED: (24 * 5, 24 * 30),
}


def pick_channel(rng: random.Random, category: Category) -> Channel:
    weights = dict(_CHANNEL_WEIGHTS)
    if category == Category.ACCOUNT_SECURITY:
        weights[Channel.PHONE] *= 2  # people call when they think they are being robbed
    if category in (Category.API, Category.KYC):
        weights[Channel.SOCIAL] = 2
    return rng.choices(tuple(weights), tuple(weights.values()))[0]


def pick_category(rng: random.Random) -> Category:
    return rng.choices(tuple(CATEGORY_WEIGHTS), tuple(CATEGORY_WEIGHTS.values()))[0]


def _opened_at(rng: random.Random, status: TicketStatus, now: datetime) -> datetime:
    low, high = _AGE_HOURS[status]
    hours = rng.uniform(low, high)
    return (now - timedelta(hours=hours)).replace(microsecond=0)


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
        created = _opened_at(rng, status, now)
        cases.append(build_ticket(rng, customer, scenario, status, channel, created, now, team))
    return cases


def generate_demo(
    seed: int = 7,
    tickets: int = 2400,
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
    statuses, status_weights = tuple(STATUS_WEIGHTS), tuple(STATUS_WEIGHTS.values())
    while len(out) < tickets:
        customer = rng.choices(people, weights)[0]
        category = pick_category(rng)
        status = rng.choices(statuses, status_weights)[0]
        scenario = pick_scenario(rng, customer.language, category)
        channel = pick_channel(rng, category)
        created = _opened_at(rng, status, now)
        out.append(build_ticket(rng, customer, scenario, status, channel, created, now, team))
    out.sort(key=lambda t: t.created_at)
    return DemoWorkspace(agents=agents, customers=people, tickets=out)
