"""The VIP desk's pure rules: asset bands, tier targets, the routing ladder's steps and the
order of the portfolio."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from console.core.vip import (
    DEFAULT_TARGET_MINUTES,
    AssetBand,
    Attention,
    RiskSignal,
    RoutingStage,
    asset_band,
    attention_key,
    routing_stage,
    sort_by_attention,
    stage_deadline,
    target_for,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


@pytest.mark.parametrize(
    ("assets", "band"),
    [
        ("0", AssetBand.UNDER_100K),
        ("99999.99", AssetBand.UNDER_100K),
        ("100000", AssetBand.UNDER_1M),
        ("999999", AssetBand.UNDER_1M),
        ("1000000", AssetBand.UNDER_10M),
        ("9999999.99", AssetBand.UNDER_10M),
        ("10000000", AssetBand.OVER_10M),
        ("250000000", AssetBand.OVER_10M),
    ],
)
def test_asset_bands_at_their_edges(assets: str, band: AssetBand) -> None:
    assert asset_band(Decimal(assets)) is band


def test_targets_shrink_with_the_tier_and_clamp_outside_1_to_9() -> None:
    minutes = [target_for(tier) / MIN for tier in range(1, 10)]
    assert minutes == [60, 45, 30, 20, 15, 10, 5, 3, 2]
    assert minutes == sorted(minutes, reverse=True)
    assert target_for(0) == target_for(1) == 60 * MIN
    assert target_for(12) == target_for(9) == 2 * MIN
    custom = {**DEFAULT_TARGET_MINUTES, 3: 12}
    assert target_for(3, custom) == 12 * MIN
    assert target_for(4, {3: 12}) == 20 * MIN  # a tier missing from the table: the default


def test_each_step_of_the_ladder_has_a_third_of_the_target() -> None:
    target = 30 * MIN
    assert stage_deadline(NOW, target, RoutingStage.MANAGER) == NOW + 10 * MIN
    assert stage_deadline(NOW, target, RoutingStage.BACKUP) == NOW + 20 * MIN
    assert stage_deadline(NOW, target, RoutingStage.VIP_QUEUE) == NOW + 30 * MIN


def test_routing_stage_moves_on_with_time_and_skips_who_is_away() -> None:
    target = 30 * MIN

    def stage(minutes: float, manager: bool = True, backup: bool = True) -> RoutingStage:
        now = NOW + timedelta(minutes=minutes)
        return routing_stage(NOW, now, target, manager_present=manager, backup_present=backup)

    assert stage(0) is RoutingStage.MANAGER
    assert stage(9.9) is RoutingStage.MANAGER
    assert stage(10) is RoutingStage.BACKUP
    assert stage(19.9) is RoutingStage.BACKUP
    assert stage(20) is RoutingStage.VIP_QUEUE
    assert stage(45) is RoutingStage.VIP_QUEUE
    assert stage(0, manager=False) is RoutingStage.BACKUP
    assert stage(0, backup=False) is RoutingStage.MANAGER
    assert stage(12, backup=False) is RoutingStage.VIP_QUEUE
    assert stage(0, manager=False, backup=False) is RoutingStage.VIP_QUEUE


def _a(
    tier: int = 1,
    due_in: float | None = None,
    risks: tuple[RiskSignal, ...] = (),
    follow_up_in: float | None = None,
) -> Attention:
    due = NOW + timedelta(minutes=due_in) if due_in is not None else None
    follow = NOW + timedelta(minutes=follow_up_in) if follow_up_in is not None else None
    return Attention(tier, due, frozenset(risks), follow)


def test_waiting_comes_first_most_overdue_on_top() -> None:
    order = sort_by_attention(
        [
            (_a(tier=9), "quiet-vip9"),
            (_a(due_in=30), "due-in-30"),
            (_a(due_in=-5), "late-5"),
            (_a(due_in=-60, tier=1), "late-60"),
            (_a(risks=(RiskSignal.SECURITY_EVENT,)), "risk"),
        ],
        NOW,
    )
    assert order == ["late-60", "late-5", "due-in-30", "risk", "quiet-vip9"]


def test_risks_then_follow_ups_due_then_tier() -> None:
    both = (RiskSignal.LARGE_WITHDRAWAL, RiskSignal.LIQUIDATION_NEAR)
    order = sort_by_attention(
        [
            (_a(tier=2), "tier-2"),
            (_a(tier=8), "tier-8"),
            (_a(follow_up_in=30), "follow-up-not-yet-due"),
            (_a(follow_up_in=-5), "follow-up-due-5"),
            (_a(follow_up_in=-90), "follow-up-due-90"),
            (_a(risks=(RiskSignal.LIQUIDATION_NEAR,)), "one-risk"),
            (_a(risks=both), "two-risks"),
        ],
        NOW,
    )
    assert order == [
        "two-risks",
        "one-risk",
        "follow-up-due-90",
        "follow-up-due-5",
        "tier-8",
        "tier-2",
        "follow-up-not-yet-due",
    ]


def test_a_waiting_client_outranks_any_risk_and_the_uid_breaks_ties() -> None:
    risky = _a(tier=9, risks=tuple(RiskSignal), follow_up_in=-100)
    waiting = _a(tier=1, due_in=500)
    assert attention_key(waiting, NOW) < attention_key(risky, NOW)
    same = _a(tier=3)
    assert sort_by_attention([(same, "b"), (same, "a"), (same, "c")], NOW) == ["a", "b", "c"]
