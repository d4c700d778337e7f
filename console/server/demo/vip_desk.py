"""The VIP desk of the demo workspace: every VIP customer's account manager and backup, the
figures a manager works from, and what the managers kept over the last 60 days (private notes,
follow-ups due soon, overdue or done, a contact log).

Pure data, as rows ready for bulk inserts (seeding.py writes them). Deterministic: each client's
draws come from a generator seeded by their uid, and times are relative to `now`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from console.core.domain import Role
from console.core.vip import ContactKind

from .model import DemoAgent, DemoCustomer, DemoTicket

HISTORY = timedelta(days=60)
# 30-day trading volume and assets in USD by tier (low, high), drawn log-uniformly.
VOLUME_USD = {1: (2e5, 1e6), 2: (1e6, 3e6), 3: (3e6, 1e7), 4: (1e7, 2.5e7), 5: (2.5e7, 5e7),
              6: (5e7, 1.2e8), 7: (1.2e8, 3e8), 8: (3e8, 8e8), 9: (8e8, 3e9)}  # fmt: skip
ASSETS_USD = {1: (5e4, 3e5), 2: (1.5e5, 6e5), 3: (4e5, 1.5e6), 4: (1e6, 3e6), 5: (2e6, 6e6),
              6: (5e6, 1.2e7), 7: (1e7, 3e7), 8: (2.5e7, 8e7), 9: (6e7, 3e8)}  # fmt: skip
TIME_ZONES = {
    "HK": "Asia/Hong_Kong", "TW": "Asia/Taipei", "SG": "Asia/Singapore",
    "MY": "Asia/Kuala_Lumpur", "AU": "Australia/Sydney", "CA": "America/Toronto",
    "US": "America/New_York", "GB": "Europe/London", "AE": "Asia/Dubai", "DE": "Europe/Berlin",
    "NL": "Europe/Amsterdam", "NG": "Africa/Lagos", "PH": "Asia/Manila",
    "TR": "Europe/Istanbul", "BR": "America/Sao_Paulo", "ZA": "Africa/Johannesburg",
    "IE": "Europe/Dublin", "NZ": "Pacific/Auckland", "JP": "Asia/Tokyo", "KR": "Asia/Seoul",
}  # fmt: skip
_HOURS = ("09:00-18:00", "10:00-19:00", "08:00-12:00", "13:00-22:00", "10:00-22:00")
# (product, chance): spot for everyone, the rest by taste; OTC is for the larger accounts.
_PRODUCTS = (("futures", 0.6), ("margin", 0.25), ("earn", 0.45), ("api", 0.3),
             ("copy_trading", 0.15))  # fmt: skip
_CONTACT_KINDS = (ContactKind.CALL, ContactKind.MESSAGE, ContactKind.MEETING)
_CONTACT_WEIGHTS = (40, 45, 15)
# A native speaker of the client's language is preferred until their book is this much larger.
_SECOND_LANGUAGE_LOAD = 1.5


# --- what the managers wrote (notes in the manager's and client's language, else English) ------

NOTES: dict[str, tuple[str, ...]] = {
    "en": (
        "Prefers a short call to chat. Best reached {window} local time.",
        "Asked about the OTC desk for a {amount} USDT block; sent the RFQ process.",
        "Gets anxious when a withdrawal goes to review: explain the hold before they ask.",
        "Runs a grid bot over the API; rate limits upset them more than fees.",
        "Interested in Earn for idle {asset}; fixed terms only, nothing locked over 30 days.",
        "Travels a lot: new-device logins abroad are usually genuine, still verify by call.",
        "Next fee tier is {gap} of 30-day volume away; they asked to be told when close.",
        "Birthday on {day}: send the VIP gift.",
        "Compares funding rates with two other venues; keep {name} posted on changes.",
        "Family office: decisions go through their CFO, copy her on any written offer.",
    ),
    "zh": (
        "客户偏好电话沟通，当地时间{window}之间方便联系。",
        "询问大宗OTC报价（约{amount} USDT），已发送询价流程。",
        "提现进入审核时容易着急，需提前说明原因。",
        "通过API运行网格策略，对限频比对手续费更敏感。",
        "对{asset}理财感兴趣，只考虑30天以内的定期产品。",
        "生日是{day}，记得安排VIP礼物。",
    ),
    "ja": (
        "チャットより電話を好む。現地時間{window}が連絡しやすい。",
        "{asset}のEarn商品に関心あり。30日以内の定期のみ希望。",
        "出金が審査に入ると不安になりやすい。事前に理由を説明すること。",
        "APIでグリッドボットを運用中。手数料よりレート制限を気にする。",
    ),
}
FOLLOW_UP_TITLES: tuple[str, ...] = (
    "Call about the pending withdrawal review",
    "Send the monthly account statement",
    "Check in after the 2FA change",
    "Share the fee-tier review",
    "Confirm the OTC settlement window",
    "Go through futures margin levels together",
    "Invite to the VIP dinner",
    "Ask for feedback on the new API limits",
    "Follow up on the Earn subscription question",
    "Confirm the new whitelisted address",
)
CONTACT_OUTCOMES: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.CALL: (
        "Reached; walked through the withdrawal review",
        "No answer; left a voicemail",
        "Reached; confirmed the new device was theirs",
        "Reached; agreed on an OTC quote window",
        "Asked to be called back tomorrow",
    ),
    ContactKind.MESSAGE: (
        "Sent the weekly market note",
        "Answered the fee-tier question",
        "Shared the Earn product sheet",
        "Confirmed the withdrawal was released",
        "No reply yet",
    ),
    ContactKind.MEETING: (
        "Quarterly review held; expects higher volume",
        "Met at the VIP dinner",
        "Video call on the API integration",
        "Reviewed futures risk limits together",
    ),
}
CONTACT_SUMMARIES: tuple[str, ...] = (
    "Happy with the service; no open concerns.",
    "Wants faster answers on weekends.",
    "Considering moving more of their book to us if fees improve.",
    "Asked for a single contact for OTC and support.",
    "Mentioned a competitor's new listing.",
)


@dataclass(frozen=True, slots=True)
class Assignment:
    manager: str  # usernames
    backup: str | None


@dataclass(slots=True)
class DeskRows:
    """Rows of vip_clients, vip_manager_notes, vip_follow_ups and vip_contacts."""

    clients: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)


def managers_of(agents: Iterable[DemoAgent]) -> list[DemoAgent]:
    return [a for a in agents if a.role == Role.VIP_MANAGER]


def _pick(candidates: list[DemoAgent], language: str, load: Counter[str]) -> DemoAgent:
    def key(m: DemoAgent) -> tuple[float, str]:
        native = bool(m.languages) and m.languages[0] == language
        return (load[m.username] * (1.0 if native else _SECOND_LANGUAGE_LOAD), m.username)

    return min(candidates, key=key)


def assign_managers(
    customers: Iterable[DemoCustomer], agents: Iterable[DemoAgent]
) -> dict[str, Assignment]:
    """uid -> manager and backup, for every customer with a VIP tier. Managers who speak the
    client's language first, native speakers before others; books kept about even in size."""
    managers = managers_of(agents)
    if not managers:
        return {}
    load: Counter[str] = Counter()
    backups: Counter[str] = Counter()
    out: dict[str, Assignment] = {}
    vips = sorted((c for c in customers if c.vip_tier > 0), key=lambda c: (-c.vip_tier, c.uid))
    for c in vips:
        speakers = [m for m in managers if c.language in m.languages] or managers
        manager = _pick(speakers, c.language, load)
        load[manager.username] += 1
        others = [m for m in managers if m is not manager]
        backup = None
        if others:
            candidates = [m for m in others if c.language in m.languages] or others
            backup = _pick(candidates, c.language, backups)
            backups[backup.username] += 1
        out[c.uid] = Assignment(manager.username, backup.username if backup else None)
    return out


def _worked_by(ticket: DemoTicket, own: str, desk: set[str]) -> DemoTicket:
    """`ticket` with its VIP desk assignee and authors replaced by `own` (itself if none)."""
    if ticket.assignee_username not in desk and not any(
        m.author_username in desk for m in ticket.messages
    ):
        return ticket
    messages = [
        replace(m, author_username=own) if m.author_username in desk else m for m in ticket.messages
    ]
    assignee = own if ticket.assignee_username in desk else ticket.assignee_username
    return replace(ticket, assignee_username=assignee, messages=messages)


def with_desk_managers(
    tickets: list[DemoTicket], assignments: Mapping[str, Assignment], agents: Iterable[DemoAgent]
) -> list[DemoTicket]:
    """The tickets, a VIP's case worked by their own manager wherever the generator gave it to
    some VIP manager (changed ones are copies: the workspace itself stays as generated)."""
    desk = {a.username for a in managers_of(agents)}
    return [
        _worked_by(t, assignments[t.customer_uid].manager, desk)
        if t.customer_uid in assignments
        else t
        for t in tickets
    ]


def _log_uniform(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(int(low * (high / low) ** rng.random()))


def _moment(rng: random.Random, now: datetime, within: timedelta = HISTORY) -> datetime:
    return (now - within * rng.random()).replace(microsecond=0)


def _client_row(
    rng: random.Random, c: DemoCustomer, manager_id: int, backup_id: int | None, now: datetime
) -> dict[str, Any]:
    tier = min(c.vip_tier, 9)
    products = ["spot"] + [p for p, chance in _PRODUCTS if rng.random() < chance]
    if tier >= 4 and rng.random() < 0.6:
        products.append("otc")
    hours = "00:00-24:00" if tier >= 7 and rng.random() < 0.5 else rng.choice(_HOURS)
    return {
        "uid": c.uid,
        "manager_id": manager_id,
        "backup_manager_id": backup_id,
        "volume_30d_usd": _log_uniform(rng, *VOLUME_USD[tier]),
        "assets_usd": _log_uniform(rng, *ASSETS_USD[tier]),
        "contact_hours": f"{hours} {TIME_ZONES.get(c.region, 'UTC')}",
        "products": products,
        "liquidation_near": "futures" in products and rng.random() < 0.12,
        "updated_at": _moment(rng, now, timedelta(days=3)),
    }


def _note_language(c: DemoCustomer, author: DemoAgent) -> str:
    return c.language if c.language in NOTES and c.language in author.languages else "en"


def _fill(rng: random.Random, text: str, c: DemoCustomer, hours: str) -> str:
    slots = {
        "window": hours.split()[0],
        "asset": rng.choice(("USDT", "USDC", "BTC", "ETH", "SOL")),
        "amount": f"{rng.choice((2, 3, 5, 8, 10, 15, 25))}M",
        "gap": f"${rng.choice((3, 5, 12, 20, 40))}M",
        "day": f"{rng.randint(1, 28)} {rng.choice(('Jan', 'Apr', 'Jul', 'Oct', 'Nov'))}",
        "name": c.display_name.split()[0],
    }
    return text.format_map(slots)


def _notes(
    rng: random.Random,
    c: DemoCustomer,
    authors: list[tuple[DemoAgent, int]],
    hours: str,
    now: datetime,
) -> list[dict[str, Any]]:
    rows = []
    for author, author_id in authors:
        templates = NOTES[_note_language(c, author)]
        for text in rng.sample(templates, rng.randint(1, 3)):
            rows.append(
                {
                    "client_uid": c.uid,
                    "author_id": author_id,
                    "body": _fill(rng, text, c, hours),
                    "created_at": _moment(rng, now),
                }
            )
    return rows


def _follow_up(
    uid: str, manager_id: int, title: str, due: datetime, created: datetime, **state: Any
) -> dict[str, Any]:
    return {
        "client_uid": uid,
        "manager_id": manager_id,
        "title": title,
        "due_at": due,
        "created_at": min(created, due),
        "done_at": state.get("done_at"),
        "notified_at": state.get("notified_at"),
    }


def _follow_ups(
    rng: random.Random, uid: str, manager_id: int, now: datetime
) -> list[dict[str, Any]]:
    """Some due in the next hours (they alert while the demo runs, none in its first minutes),
    some overdue (alerted already), some later, some done."""
    titles = iter(rng.sample(FOLLOW_UP_TITLES, 6))
    created = _moment(rng, now, timedelta(days=10))
    rows = []
    if rng.random() < 0.3:
        due = now + timedelta(minutes=rng.randint(3, 240))
        rows.append(_follow_up(uid, manager_id, next(titles), due, created))
    if rng.random() < 0.15:
        due = now - timedelta(minutes=rng.randint(30, 72 * 60))
        rows.append(_follow_up(uid, manager_id, next(titles), due, created, notified_at=due))
    if rng.random() < 0.35:
        due = now + timedelta(hours=rng.randint(6, 14 * 24))
        rows.append(_follow_up(uid, manager_id, next(titles), due, created))
    for _ in range(rng.choices((0, 1, 2), (40, 40, 20))[0]):
        due = _moment(rng, now)
        done = min(now, due + timedelta(minutes=rng.randint(-600, 600)))
        alerted = due if done > due else None  # done late: its alert had gone out
        title, asked = next(titles), due - timedelta(days=2)
        rows.append(
            _follow_up(uid, manager_id, title, due, asked, done_at=done, notified_at=alerted)
        )
    return rows


def _contacts(
    rng: random.Random, uid: str, ids: tuple[int, int | None], now: datetime
) -> list[dict[str, Any]]:
    manager_id, backup_id = ids
    rows = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.choices(_CONTACT_KINDS, _CONTACT_WEIGHTS)[0]
        by = backup_id if backup_id is not None and rng.random() < 0.15 else manager_id
        summary = rng.choice(CONTACT_SUMMARIES) if rng.random() < 0.5 else ""
        rows.append(
            {
                "client_uid": uid,
                "manager_id": by,
                "kind": str(kind),
                "outcome": rng.choice(CONTACT_OUTCOMES[kind]),
                "summary": summary,
                "at": _moment(rng, now),
            }
        )
    return rows


def desk_rows(
    customers: Iterable[DemoCustomer],
    assignments: Mapping[str, Assignment],
    agents: Iterable[DemoAgent],
    agent_ids: Mapping[str, int],
    now: datetime,
) -> DeskRows:
    """The desk's rows for the assigned customers; agent_ids maps usernames to database ids."""
    by_name = {a.username: a for a in agents}
    rows = DeskRows()
    for c in customers:
        assignment = assignments.get(c.uid)
        if assignment is None or assignment.manager not in agent_ids:
            continue
        rng = random.Random(f"vip-desk:{c.uid}")
        manager_id = agent_ids[assignment.manager]
        backup_id = agent_ids.get(assignment.backup) if assignment.backup else None
        client = _client_row(rng, c, manager_id, backup_id, now)
        rows.clients.append(client)
        authors = [(by_name[assignment.manager], manager_id)]
        if assignment.backup and backup_id is not None and rng.random() < 0.3:
            authors.append((by_name[assignment.backup], backup_id))
        rows.notes += _notes(rng, c, authors, client["contact_hours"], now)
        rows.follow_ups += _follow_ups(rng, c.uid, manager_id, now)
        rows.contacts += _contacts(rng, c.uid, (manager_id, backup_id), now)
    return rows
