"""A training scenario as plain data: who the simulated customer is, what they write and when,
what the agent is expected to do and must never do, and how the attempt is scored.

Scenarios are TOML files under resources/scenarios (format: resources/scenarios/README.md),
read by `loader.load_scenario`. Every text a customer or a trainee sees exists in each of the
scenario's languages (`Texts`), so one scenario serves a Chinese and an English class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Action",
    "Channel",
    "Expectation",
    "Mood",
    "Persona",
    "PersonaEvent",
    "PersonaTransfer",
    "RubricItem",
    "RubricKind",
    "Scenario",
    "Texts",
    "Trigger",
    "Turn",
]

# One text per language code ("zh", "en"); every scenario language has an entry.
Texts = dict[str, str]


class Channel(StrEnum):
    TICKET = "ticket"
    CHAT = "chat"


class Mood(StrEnum):
    CALM = "calm"
    CONFUSED = "confused"
    ANXIOUS = "anxious"
    PANICKED = "panicked"
    ANGRY = "angry"


class Action(StrEnum):
    """What a trainee did on their mock ticket or chat, as the scoring and the script see it.

    A few take a qualifier after a colon in scenario files: `escalate:security`,
    `kb_article:<article slug>`, `guard_blocked:asks_secret` (the guard kinds of
    console.core.guard). Without one they match any qualifier.
    """

    REPLY = "reply"  # a public answer the customer sees
    NOTE = "note"  # an internal note
    FREEZE_ACCOUNT = "freeze_account"
    UNFREEZE_ACCOUNT = "unfreeze_account"
    VERIFY_IDENTITY = "verify_identity"  # a verification request sent to the customer
    ESCALATE = "escalate"  # to a department
    KB_ARTICLE = "kb_article"  # a knowledge-base article linked in a reply
    AML_REPORT = "aml_report"  # a suspicious-activity report filed
    SOLVE = "solve"  # ticket solved or closed, chat ended by the agent
    PENDING = "pending"  # ticket set to pending (waiting for the customer)
    SET_PRIORITY = "set_priority"  # qualifier: the priority
    MERGE = "merge"  # a duplicate merged into another ticket
    GUARD_BLOCKED = "guard_blocked"  # the outgoing guard refused a message; qualifier: kind


@dataclass(frozen=True, slots=True)
class PersonaTransfer:
    kind: str  # "deposit" | "withdrawal"
    asset: str
    amount: str  # decimal text, as the exchange shows it
    network: str = ""
    status: str = "completed"  # console.core.domain.TransferStatus values
    minutes_ago: int = 60
    address: str = ""
    tx_hash: str = ""


@dataclass(frozen=True, slots=True)
class PersonaEvent:
    kind: str  # console.core.domain.SecurityEventKind values
    detail: str = ""
    minutes_ago: int = 30


@dataclass(frozen=True, slots=True)
class Persona:
    name: Texts
    mood: Mood = Mood.CALM
    vip_tier: int = 0  # 0: not VIP; 1-9 as on the VIP desk
    kyc: str = "verified"  # "none" | "pending" | "verified" | "rejected"
    account: str = "active"  # console.core.domain.AccountStatus values
    country: str = ""
    transfers: tuple[PersonaTransfer, ...] = ()
    security_events: tuple[PersonaEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Trigger:
    """When a scripted turn fires. Every condition given must hold (an empty trigger never
    fires). `agent_says` matches a public reply containing any of the words (case-folded);
    `action` an action done (with its qualifier rule as in Action); `after_s` seconds since
    the attempt began; `after_turn` another turn already sent; `no_reply_for_s` the customer
    has waited this long since their last message without a public reply."""

    agent_says: tuple[str, ...] = ()
    action: str = ""
    after_s: float | None = None
    after_turn: str = ""
    no_reply_for_s: float | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    id: str
    when: Trigger
    say: Texts
    # A turn is sent once unless `repeat`; a repeated turn waits `when.after_s` between sends.
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class Expectation:
    """An action the agent should do (`expect`) or must not do (`forbid`). `within_s`: only
    counts when done this soon after the attempt began. A forbidden action with `fails`
    fails the whole attempt, whatever the other points."""

    action: str
    label: Texts
    within_s: float | None = None
    # `agent_says` words make a forbidden "said" action: a public reply containing any of them.
    says: tuple[str, ...] = ()
    fails: bool = False


class RubricKind(StrEnum):
    FIRST_RESPONSE = "first_response"  # full points within the target, none at twice it
    RESOLUTION = "resolution"  # solved / chat ended before the time limit
    EXPECTED = "expected"  # share of `expect` entries done
    FORBIDDEN = "forbidden"  # full points unless a `forbid` entry was done
    KB_ARTICLE = "kb_article"  # one of `kb_articles` linked in a reply
    EMPATHY = "empathy"  # tone: acknowledges the customer, no blame, no shouting


@dataclass(frozen=True, slots=True)
class RubricItem:
    kind: RubricKind
    weight: int  # the points this item is worth; a scenario's weights add up to 100


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str  # the file name without .toml; unique
    title: Texts
    summary: Texts
    channel: Channel
    languages: tuple[str, ...]  # "zh", "en": texts exist in each
    category: str  # console.core.domain.Category values
    persona: Persona
    subject: Texts  # tickets only; chats show it as the topic
    opening: Texts  # the customer's first message
    time_limit_s: float
    first_response_target_s: float
    turns: tuple[Turn, ...] = ()
    expect: tuple[Expectation, ...] = ()
    forbid: tuple[Expectation, ...] = ()
    rubric: tuple[RubricItem, ...] = ()
    # Slugs of the knowledge-base articles that answer this case (for the kb_article item).
    kb_articles: tuple[str, ...] = ()
    # Incidents: this many more customers write about the same thing (duplicates to merge).
    duplicates: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)
