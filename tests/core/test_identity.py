"""The verification rules: which checks each sensitive action needs, and for how long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.core.identity import (
    REQUIREMENTS,
    ActionKind,
    Check,
    Shortfall,
    expires_at,
    latest_passes,
    missing_checks,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
C = Check


def passed(*checks: Check, minutes_ago: float = 1) -> dict[Check, datetime]:
    return dict.fromkeys(checks, NOW - timedelta(minutes=minutes_ago))


def test_every_action_kind_has_a_requirement_and_none_is_empty() -> None:
    assert set(REQUIREMENTS) == set(ActionKind)
    for kind, need in REQUIREMENTS.items():
        assert need.valid_minutes > 0, kind
        assert len(need.required) + need.at_least >= 2, kind  # one check is never enough
        assert need.at_least <= len(need.any_of), kind


def test_nothing_verified_misses_everything() -> None:
    freeze = missing_checks(ActionKind.FREEZE, {}, NOW)
    assert freeze
    assert freeze.checks == ()
    assert freeze.more == 2
    assert set(freeze.more_of) == {
        C.REGISTERED_CONTACT,
        C.KYC_DETAILS,
        C.RECENT_TRANSACTION,
        C.LIVENESS,
    }
    reset = missing_checks("reset_2fa", {}, NOW)
    assert set(reset.checks) == REQUIREMENTS[ActionKind.RESET_2FA].required
    assert reset.more == 0


def test_freeze_is_lighter_any_two_checks() -> None:
    assert missing_checks(ActionKind.FREEZE, passed(C.REGISTERED_CONTACT), NOW).more == 1
    one_more = missing_checks(ActionKind.FREEZE, passed(C.REGISTERED_CONTACT), NOW)
    assert C.REGISTERED_CONTACT not in one_more.more_of
    assert not missing_checks(ActionKind.FREEZE, passed(C.KYC_DETAILS, C.LIVENESS), NOW)
    # The device check alone does not count for a freeze (a hijacked account fails it anyway).
    assert missing_checks(ActionKind.FREEZE, passed(C.DEVICE_HISTORY, C.KYC_DETAILS), NOW).more == 1


def test_stricter_actions_need_more_than_a_freeze() -> None:
    two = passed(C.REGISTERED_CONTACT, C.KYC_DETAILS)
    assert not missing_checks(ActionKind.FREEZE, two, NOW)
    for kind in (
        ActionKind.UNFREEZE,
        ActionKind.RESET_2FA,
        ActionKind.CHANGE_EMAIL,
        ActionKind.WHITELIST_ADDRESS,
    ):
        assert missing_checks(kind, two, NOW), kind
        assert not missing_checks(kind, passed(*Check), NOW), kind


def test_missing_lists_exactly_the_unpassed_required_checks_in_order() -> None:
    shortfall = missing_checks(
        ActionKind.WHITELIST_ADDRESS, passed(C.KYC_DETAILS, C.RECENT_TRANSACTION), NOW
    )
    assert shortfall.checks == (C.REGISTERED_CONTACT, C.LIVENESS, C.DEVICE_HISTORY)
    assert shortfall.as_dict() == {
        "checks": ["registered_contact", "liveness", "device_history"],
        "more_of": [],
        "more": 0,
    }


def test_a_verification_expires_per_action() -> None:
    everything = passed(*Check, minutes_ago=20)
    # 20 minutes ago is still good for a freeze (60) and a withdrawal check (120) ...
    assert not missing_checks(ActionKind.FREEZE, everything, NOW)
    assert not missing_checks(ActionKind.INVESTIGATE_WITHDRAWAL, everything, NOW)
    # ... but too old for a 2FA reset (15).
    assert set(missing_checks(ActionKind.RESET_2FA, everything, NOW).checks) == set(
        REQUIREMENTS[ActionKind.RESET_2FA].required
    )


@pytest.mark.parametrize("kind", list(ActionKind))
def test_valid_up_to_the_minute_and_not_after(kind: ActionKind) -> None:
    minutes = REQUIREMENTS[kind].valid_minutes
    at_edge = passed(*Check, minutes_ago=minutes)
    assert not missing_checks(kind, at_edge, NOW)
    just_after = passed(*Check, minutes_ago=minutes + 1 / 60)
    assert missing_checks(kind, just_after, NOW)
    assert expires_at(kind, NOW) == NOW + timedelta(minutes=minutes)


def test_latest_passes_folds_records_and_keeps_the_newest_time() -> None:
    early = NOW - timedelta(minutes=50)
    late = NOW - timedelta(minutes=5)
    folded = latest_passes(
        [
            (["kyc_details", "liveness"], late),
            (["kyc_details", "registered_contact", "no_such_check"], early),
        ]
    )
    assert folded == {C.KYC_DETAILS: late, C.LIVENESS: late, C.REGISTERED_CONTACT: early}


def test_an_old_and_a_fresh_record_combine_per_check() -> None:
    old = NOW - timedelta(minutes=30)
    fresh = NOW - timedelta(minutes=2)
    folded = latest_passes(
        [
            (["kyc_details", "recent_transaction", "liveness", "device_history"], old),
            (["kyc_details", "liveness"], fresh),
        ]
    )
    shortfall = missing_checks(ActionKind.RESET_2FA, folded, NOW)
    assert shortfall.checks == (C.RECENT_TRANSACTION, C.DEVICE_HISTORY)


def test_an_empty_shortfall_is_falsy() -> None:
    assert not Shortfall()
    assert Shortfall(more=1)
    assert Shortfall(checks=(C.LIVENESS,))
