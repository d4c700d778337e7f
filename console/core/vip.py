"""The VIP desk's rules: tiers and their response targets, the routing ladder, who needs care first.

VIP clients (tier 1 to 9) have an account manager, and from tier 3 a minute-level response
promise. A VIP's new chat or ticket is the manager's first, then the backup manager's, then the
VIP team queue's, each step a share of the tier's target, so that someone has it before the
target runs out. Pure functions: the server routes and ranks with them, the console shows the
same countdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "DEFAULT_TARGET_MINUTES",
    "LARGE_WITHDRAWAL_USD",
    "MAX_TIER",
    "MIN_TIER",
    "RECENT_SECURITY_HOURS",
    "REFERENCE_USD_PRICES",
    "AssetBand",
    "Attention",
    "ContactKind",
    "OutreachStatus",
    "RiskSignal",
    "RoutingStage",
    "VipAlertKind",
    "asset_band",
    "attention_key",
    "is_large_withdrawal",
    "routing_stage",
    "sort_by_attention",
    "stage_deadline",
    "target_for",
]

MIN_TIER, MAX_TIER = 1, 9
# Minutes to a first answer by tier; a supervisor may change them (the server stores its own).
DEFAULT_TARGET_MINUTES: Mapping[int, float] = {
    1: 60,
    2: 45,
    3: 30,
    4: 20,
    5: 15,
    6: 10,
    7: 5,
    8: 3,
    9: 2,
}
LARGE_WITHDRAWAL_USD = Decimal(100_000)
# Rough USD prices, only to tell whether a withdrawal is large: the reference server has no price
# feed (a real desk reads the exchange's). Assets not listed here are never judged large.
REFERENCE_USD_PRICES: Mapping[str, Decimal] = {
    asset: Decimal(price)
    for asset, price in (("BTC", "95000"), ("ETH", "3400"), ("BNB", "620"), ("SOL", "180"),
                         ("TON", "5.5"), ("XRP", "2.2"), ("DOGE", "0.35"), ("TRX", "0.2"),
                         ("USDT", "1"), ("USDC", "1"))
}  # fmt: skip
RECENT_SECURITY_HOURS = 72


class RoutingStage(StrEnum):
    MANAGER = "manager"  # only the client's account manager is offered it
    BACKUP = "backup"  # the manager is away or let their share of the target pass
    VIP_QUEUE = "vip_queue"  # every VIP manager and supervisor on the VIP team


class RiskSignal(StrEnum):
    LARGE_WITHDRAWAL = "large_withdrawal"  # a withdrawal over the threshold awaits review
    SECURITY_EVENT = "security_event"  # new device, password or 2FA change in the last days
    LIQUIDATION_NEAR = "liquidation_near"  # a futures position close to its liquidation price


class ContactKind(StrEnum):
    CALL = "call"
    MESSAGE = "message"
    MEETING = "meeting"


class VipAlertKind(StrEnum):
    MESSAGE = "message"  # the client wrote (chat or ticket)
    LARGE_WITHDRAWAL = "large_withdrawal"
    SECURITY_EVENT = "security_event"
    FOLLOW_UP_DUE = "follow_up_due"


class OutreachStatus(StrEnum):
    DELIVERED = "delivered"  # the message is on the client's in-app ticket
    REPLIED = "replied"  # the client answered on it
    FAILED = "failed"  # no text in a language the client reads


class AssetBand(StrEnum):
    """Coarse bands: a manager needs the scale of an account, not its balance."""

    UNDER_100K = "<100k"
    UNDER_1M = "100k-1m"
    UNDER_10M = "1m-10m"
    OVER_10M = "10m+"


def asset_band(assets_usd: Decimal) -> AssetBand:
    if assets_usd < 100_000:
        return AssetBand.UNDER_100K
    if assets_usd < 1_000_000:
        return AssetBand.UNDER_1M
    if assets_usd < 10_000_000:
        return AssetBand.UNDER_10M
    return AssetBand.OVER_10M


def is_large_withdrawal(asset: str, amount: Decimal) -> bool:
    price = REFERENCE_USD_PRICES.get(asset.upper())
    return price is not None and amount * price >= LARGE_WITHDRAWAL_USD


def target_for(tier: int, targets: Mapping[int, float] = DEFAULT_TARGET_MINUTES) -> timedelta:
    """The response target of a tier (tiers outside 1..9 are clamped); minutes may be
    fractional (a short target for a drill or a test)."""
    clamped = min(max(tier, MIN_TIER), MAX_TIER)
    return timedelta(minutes=targets.get(clamped, DEFAULT_TARGET_MINUTES[clamped]))


def stage_deadline(arrived_at: datetime, target: timedelta, stage: RoutingStage) -> datetime:
    """When `stage` hands over to the next one: the manager has the first third of the
    target, the backup the second, the VIP queue the rest (its deadline is the target)."""
    shares = {RoutingStage.MANAGER: 1, RoutingStage.BACKUP: 2, RoutingStage.VIP_QUEUE: 3}
    return arrived_at + target * shares[stage] / 3


def routing_stage(
    arrived_at: datetime,
    now: datetime,
    target: timedelta,
    *,
    manager_present: bool,
    backup_present: bool,
) -> RoutingStage:
    """Who may be offered a VIP's waiting item now. An absent manager (or backup) is skipped at
    once rather than waited for: the client's minutes are not theirs to spend."""
    if manager_present and now < stage_deadline(arrived_at, target, RoutingStage.MANAGER):
        return RoutingStage.MANAGER
    if backup_present and now < stage_deadline(arrived_at, target, RoutingStage.BACKUP):
        return RoutingStage.BACKUP
    return RoutingStage.VIP_QUEUE


@dataclass(frozen=True, slots=True)
class Attention:
    """What the portfolio orders by, for one client."""

    tier: int
    due_at: datetime | None  # the oldest waiting item's target; None: nothing waits
    risks: frozenset[RiskSignal]
    follow_up_at: datetime | None  # the next open follow-up


def attention_key(a: Attention, now: datetime) -> tuple[int, float, int, float, int]:
    """Sort key, smallest first: overdue or waiting items by time left, then risk signals, then
    follow-ups due, then tier (highest first). The client who needs attention first is on top."""
    far = float("inf")
    waiting = a.due_at is not None
    left = (a.due_at - now).total_seconds() if a.due_at is not None else far
    follow = (
        (a.follow_up_at - now).total_seconds()
        if a.follow_up_at is not None and a.follow_up_at <= now
        else far
    )
    group = 0 if waiting else (1 if a.risks else (2 if follow != far else 3))
    return (group, left, -len(a.risks), follow, -a.tier)


def sort_by_attention(items: Iterable[tuple[Attention, str]], now: datetime) -> list[str]:
    """Client uids, the one who needs attention first on top (uid breaks ties)."""
    return [uid for _, uid in sorted(items, key=lambda p: (attention_key(p[0], now), p[1]))]
