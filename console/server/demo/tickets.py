"""Builds one ticket: the customer's opening message and, for worked tickets, the conversation
that brought it to its current status."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from string import Formatter

from console.core.domain import (
    AccountStatus,
    Category,
    Channel,
    MessageKind,
    Priority,
    Role,
    TicketStatus,
)
from console.core.priority_rules import is_higher, route_group, suggest_priority

from . import texts
from .model import DemoAgent, DemoCustomer, DemoMessage, DemoTicket
from .slots import make_slots
from .texts import framing

# Conversation shapes per status. Stages: open / details / followup / thanks are the customer's,
# ask / hold / resolve are public replies, note is internal.
_PLANS: dict[TicketStatus, tuple[tuple[tuple[str, ...], int], ...]] = {
    TicketStatus.NEW: ((("open",), 85), (("open", "followup"), 15)),
    TicketStatus.OPEN: (
        (("open",), 25),
        (("open", "ask", "details"), 40),
        (("open", "note", "ask", "details"), 15),
        (("open", "ask", "details", "followup"), 12),
        (("open", "ask", "followup"), 8),
    ),
    TicketStatus.PENDING: (
        (("open", "ask"), 50),
        (("open", "note", "ask"), 20),
        (("open", "ask", "details", "ask"), 20),
        (("open", "hold", "details", "ask"), 10),
    ),
    TicketStatus.ON_HOLD: (
        (("open", "ask", "details", "note", "hold"), 40),
        (("open", "note", "hold"), 35),
        (("open", "hold", "followup", "note"), 25),
    ),
    TicketStatus.SOLVED: (
        (("open", "ask", "details", "resolve"), 40),
        (("open", "resolve"), 20),
        (("open", "ask", "details", "note", "resolve"), 25),
        (("open", "note", "hold", "resolve"), 15),
    ),
    TicketStatus.CLOSED: (
        (("open", "ask", "details", "resolve", "thanks"), 35),
        (("open", "resolve", "thanks"), 20),
        (("open", "ask", "details", "resolve"), 25),
        (("open", "note", "hold", "details", "resolve", "thanks"), 20),
    ),
}
_CUSTOMER_STAGES = frozenset({"open", "details", "followup", "thanks"})
# Minutes before a stage, as (low, high), drawn log-uniformly.
_GAP = {
    "details": (15, 1200),
    "followup": (120, 1800),
    "thanks": (10, 600),
    "note": (2, 90),
    "reply": (10, 600),
}
_ROLE_WEIGHT = {
    Role.AGENT: 6.0,
    Role.SUPERVISOR: 1.0,
    Role.VIP_MANAGER: 1.0,
    Role.TRAINER: 0.4,
    Role.COMPLIANCE: 0.0,
}


@dataclass(frozen=True, slots=True)
class Team:
    agents: list[DemoAgent]

    def pick(self, rng: random.Random, language: str, vip: int) -> DemoAgent:
        speakers = [a for a in self.agents if language in a.languages] or self.agents
        weights = [
            8.0 if a.role == Role.VIP_MANAGER and vip >= 4 else _ROLE_WEIGHT[a.role]
            for a in speakers
        ]
        return rng.choices(speakers, weights)[0]


@lru_cache(maxsize=4096)
def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _choose(rng: random.Random, options: list[str], slots: dict[str, str], used: set[str]) -> str:
    """A template whose slots are all known for this case, preferring ones not used yet."""
    usable = [t for t in options if all(slots[f] for f in _fields(t))] or options
    fresh = [t for t in usable if t not in used] or usable
    choice = rng.choice(fresh)
    used.add(choice)
    return choice.format_map(slots)


def _families(scenario: texts.Scenario) -> tuple[str, ...]:
    families = [scenario.key, scenario.pool]
    if scenario.category == Category.DEPOSIT_WITHDRAWAL and scenario.transfer:
        families.insert(1, scenario.transfer)
    families.append(scenario.category.value)
    return tuple(dict.fromkeys(families))


def _priority(rng: random.Random, scenario: texts.Scenario, customer: DemoCustomer) -> Priority:
    if scenario.priority is not None:
        priority = scenario.priority
    elif scenario.category == Category.ACCOUNT_SECURITY:
        priority = Priority.HIGH
    else:
        priority = rng.choices((Priority.LOW, Priority.NORMAL, Priority.HIGH), (20, 70, 10))[0]
    # Top-tier VIPs are mostly answered first.
    if customer.vip_tier >= 5 and priority != Priority.URGENT and rng.random() < 0.6:
        priority = Priority.HIGH
    if customer.account_status == AccountStatus.FROZEN and priority == Priority.HIGH:
        priority = Priority.URGENT
    return priority


def _log_minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=low * (high / low) ** rng.random())


def _agent_text(
    rng: random.Random,
    body: str,
    slots: dict[str, str],
    channel: Channel,
    language: str,
    first_reply: bool,
) -> str:
    parts = [rng.choice(framing.AGENT_GREETINGS[language]).format_map(slots)]
    # Some answers open with their own greeting; the framing already greets.
    for word in framing.GREETING_WORDS:
        body = body.removeprefix(word)
    if first_reply and channel in (Channel.SOCIAL, Channel.X):
        parts.append(framing.SOCIAL_PRIVACY[language])
    parts.append(body)
    closing = rng.choice(framing.AGENT_CLOSINGS[language])
    if closing:
        parts.append(closing)
    if channel == Channel.EMAIL:
        parts.append(framing.EMAIL_SIGNATURE[language].format_map(slots))
    return "\n\n".join(parts)


def pick_scenario(
    rng: random.Random, language: str, category: Category, key: str | None = None
) -> texts.Scenario:
    options = texts.openings(language, category) or texts.openings("en", category)
    keyed = [s for s in options if s.key == key]
    return rng.choice(keyed or options)


@lru_cache(maxsize=1024)
def _template_suggestion(scenario: texts.Scenario) -> tuple[Priority, str] | None:
    # Judged once per template: the filled-in amounts and hashes never change the verdict.
    return suggest_priority(scenario.subject, scenario.body)


def triage(
    rng: random.Random, scenario: texts.Scenario, customer: DemoCustomer
) -> tuple[Priority, Priority | None, str | None]:
    """(priority, suggested priority, reason template): the suggestion raises the priority the
    way the server does for a new ticket."""
    priority = _priority(rng, scenario, customer)
    found = _template_suggestion(scenario)
    if found is None:
        return priority, None, None
    suggested, reason = found
    return (suggested if is_higher(suggested, priority) else priority), suggested, reason


# When a ticket was opened, given its priority and whether an agent has answered it yet.
OpenedAt = Callable[[Priority, bool], datetime]


def build_ticket(
    rng: random.Random,
    customer: DemoCustomer,
    scenario: texts.Scenario,
    status: TicketStatus,
    channel: Channel,
    opened: OpenedAt,
    now: datetime,
    team: Team,
) -> DemoTicket:
    language = scenario.language
    plans, weights = zip(*_PLANS[status], strict=True)
    plan: tuple[str, ...] = rng.choices(plans, weights)[0]
    worked = any(stage not in _CUSTOMER_STAGES for stage in plan)
    priority, suggested, reason = triage(rng, scenario, customer)
    created = opened(priority, worked)
    slots = make_slots(rng, customer, scenario, created)
    assignee: DemoAgent | None = None
    # Untouched tickets are often unassigned; routing pre-assigns a few new ones.
    share = 0.06 if status == TicketStatus.NEW else 0.7
    if worked or rng.random() < share:
        assignee = team.pick(rng, language, customer.vip_tier)
    if assignee is not None:
        slots["agent"] = assignee.display_name

    families = _families(scenario)
    used: set[str] = set()
    stamps = _timeline(rng, plan, created, now, customer.vip_tier)
    messages: list[DemoMessage] = []
    replied = False
    for stage, stamp in zip(plan, stamps, strict=True):
        if stage == "open":
            body = framing.frame_opening(channel, language, scenario.body.format_map(slots), slots)
            messages.append(DemoMessage(MessageKind.CUSTOMER, body, None, stamp))
        elif stage in _CUSTOMER_STAGES:
            options = texts.variants(language, families, stage)
            body = _choose(rng, options, slots, used)
            messages.append(DemoMessage(MessageKind.CUSTOMER, body, None, stamp))
        elif stage == "note":
            assert assignee is not None
            author = assignee
            if rng.random() < 0.2:
                author = team.pick(rng, language, customer.vip_tier)
            body = _choose(rng, texts.variants(language, families, "note"), slots, used)
            messages.append(DemoMessage(MessageKind.NOTE, body, author.username, stamp))
        else:
            assert assignee is not None
            body = _choose(rng, texts.variants(language, families, stage), slots, used)
            text = _agent_text(rng, body, slots, channel, language, first_reply=not replied)
            replied = True
            messages.append(DemoMessage(MessageKind.REPLY, text, assignee.username, stamp))

    tags = list(scenario.tags)
    if customer.vip_tier >= 3:
        tags.append("vip")
    if "hold" in plan:
        tags.append("escalated")
    if "followup" in plan:
        tags.append("customer-chased")
    return DemoTicket(
        subject=scenario.subject.format_map(slots),
        channel=channel,
        category=scenario.category,
        language=language,
        priority=priority,
        status=status,
        customer_uid=customer.uid,
        assignee_username=assignee.username if assignee else None,
        tags=tags,
        created_at=created,
        messages=messages,
        group=route_group(scenario.category, customer.vip_tier, language),
        suggested_priority=suggested,
        suggestion_reason=reason.format_map(slots) if reason else None,
    )


def _timeline(
    rng: random.Random, plan: tuple[str, ...], created: datetime, now: datetime, vip: int
) -> list[datetime]:
    offsets = [timedelta(0)]
    for previous, stage in pairwise(plan):
        if stage in ("ask", "hold", "resolve"):
            low, high = (3, 60) if vip >= 3 and previous == "open" else _GAP["reply"]
            if previous == "note":
                low, high = 2, 60
        else:
            low, high = _GAP[stage]
        offsets.append(offsets[-1] + _log_minutes(rng, low, high))
    # Never below zero: a ticket opened in the last half minute keeps its messages at or after
    # its opening (a negative room would turn the squeeze into a rewind).
    room = max(now - created - timedelta(seconds=30), timedelta(0))
    if offsets[-1] > room:
        # The conversation is younger than it would naturally be: squeeze it into the time there
        # is, ending somewhere before now so fresh tickets don't all look touched at seed time.
        scale = room * rng.uniform(0.3, 0.95) / offsets[-1]
        offsets = [offset * scale for offset in offsets]
    return [(created + offset).replace(microsecond=0) for offset in offsets]


def opening_ticket(
    rng: random.Random, customer: DemoCustomer, category: Category, channel: Channel, now: datetime
) -> DemoTicket:
    """A brand-new ticket with only the customer's first message, as the simulator sends them."""
    scenario = pick_scenario(rng, customer.language, category)
    slots = make_slots(rng, customer, scenario, now)
    body = framing.frame_opening(channel, customer.language, scenario.body.format_map(slots), slots)
    return DemoTicket(
        subject=scenario.subject.format_map(slots),
        channel=channel,
        category=category,
        language=scenario.language,
        priority=_priority(rng, scenario, customer),
        status=TicketStatus.NEW,
        customer_uid=customer.uid,
        assignee_username=None,
        tags=list(scenario.tags),
        created_at=now,
        messages=[DemoMessage(MessageKind.CUSTOMER, body, None, now)],
    )
