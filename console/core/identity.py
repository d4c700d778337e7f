"""Identity verification before sensitive account actions: which checks exist, which each action
needs, and how long a passed check stays good for it.

Every check is done against the exchange's own records or through the official app. None of
them consists of asking the customer for a password, a 2FA / SMS / email code, a private key or
a seed phrase: support never asks for those (the outgoing guard blocks such requests).

A verification is append-only: each record lists the checks an agent saw pass at that moment.
`latest_passes` folds the records of one ticket or chat into "check -> when it last passed", and
`missing_checks` says what an action still lacks at a given time. The server's refusal is the
real gate; the console uses the same functions to show what is missing before anyone tries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

__all__ = [
    "CHECK_ORDER",
    "REQUIREMENTS",
    "ActionKind",
    "Check",
    "Requirement",
    "Shortfall",
    "expires_at",
    "latest_passes",
    "missing_checks",
]


class Check(StrEnum):
    # Contact arrives from the registered email address or a signed-in session of the app.
    REGISTERED_CONTACT = "registered_contact"
    # Name, date of birth and the last digits of the ID document match the verified KYC record.
    KYC_DETAILS = "kyc_details"
    # A recent deposit or withdrawal the customer described (asset, amount, about when)
    # matches the records.
    RECENT_TRANSACTION = "recent_transaction"
    # A face / liveness check the customer completed in the official app, started by support.
    LIVENESS = "liveness"
    # Devices and login locations in the records fit the customer's account of them.
    DEVICE_HISTORY = "device_history"


CHECK_ORDER: tuple[Check, ...] = tuple(Check)


class ActionKind(StrEnum):
    FREEZE = "freeze"
    UNFREEZE = "unfreeze"
    RESET_2FA = "reset_2fa"
    CHANGE_EMAIL = "change_email"
    INVESTIGATE_WITHDRAWAL = "investigate_withdrawal"
    WHITELIST_ADDRESS = "whitelist_address"


@dataclass(frozen=True, slots=True)
class Requirement:
    """Every check of `required`, plus at least `at_least` of `any_of`, each passed within the
    last `valid_minutes`."""

    required: frozenset[Check]
    valid_minutes: int
    any_of: frozenset[Check] = frozenset()
    at_least: int = 0


_C = Check
REQUIREMENTS: dict[ActionKind, Requirement] = {
    # Speed protects the funds, and a freeze only stops money moving (undoing it is strict):
    # any two checks will do. A hijacked account may fail the device check, so it is not
    # among them.
    ActionKind.FREEZE: Requirement(
        frozenset(),
        valid_minutes=60,
        any_of=frozenset(
            {_C.REGISTERED_CONTACT, _C.KYC_DETAILS, _C.RECENT_TRANSACTION, _C.LIVENESS}
        ),
        at_least=2,
    ),
    # Handing control back is what an attacker wants most.
    ActionKind.UNFREEZE: Requirement(
        frozenset({_C.REGISTERED_CONTACT, _C.KYC_DETAILS, _C.RECENT_TRANSACTION, _C.LIVENESS}),
        valid_minutes=15,
    ),
    ActionKind.RESET_2FA: Requirement(
        frozenset({_C.KYC_DETAILS, _C.RECENT_TRANSACTION, _C.LIVENESS, _C.DEVICE_HISTORY}),
        valid_minutes=15,
    ),
    # The registered email may be the very thing lost: the in-app session or liveness stands in.
    ActionKind.CHANGE_EMAIL: Requirement(
        frozenset({_C.KYC_DETAILS, _C.RECENT_TRANSACTION, _C.LIVENESS, _C.DEVICE_HISTORY}),
        valid_minutes=15,
    ),
    ActionKind.WHITELIST_ADDRESS: Requirement(
        frozenset({_C.REGISTERED_CONTACT, _C.KYC_DETAILS, _C.LIVENESS, _C.DEVICE_HISTORY}),
        valid_minutes=15,
    ),
    # Looking into a withdrawal moves no money: the contact and the transaction itself.
    ActionKind.INVESTIGATE_WITHDRAWAL: Requirement(
        frozenset({_C.REGISTERED_CONTACT, _C.RECENT_TRANSACTION}),
        valid_minutes=120,
    ),
}


@dataclass(frozen=True, slots=True)
class Shortfall:
    """What an action still lacks: each check of `checks`, plus `more` of `more_of`."""

    checks: tuple[Check, ...] = ()
    more_of: tuple[Check, ...] = ()
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.checks) or self.more > 0

    def as_dict(self) -> dict[str, object]:
        return {
            "checks": [str(c) for c in self.checks],
            "more_of": [str(c) for c in self.more_of],
            "more": self.more,
        }


def latest_passes(records: Iterable[tuple[Iterable[str], datetime]]) -> dict[Check, datetime]:
    """When each check last passed, from (checks, recorded at) records; unknown ids ignored."""
    known = {c.value for c in Check}
    latest: dict[Check, datetime] = {}
    for checks, at in records:
        for value in checks:
            if value not in known:
                continue
            check = Check(value)
            if check not in latest or at > latest[check]:
                latest[check] = at
    return latest


def _valid(passed: Mapping[Check, datetime], minutes: int, now: datetime) -> set[Check]:
    oldest = now - timedelta(minutes=minutes)
    # A record stamped a little ahead of `now` (clocks of two machines) still counts.
    return {check for check, at in passed.items() if at >= oldest}


def missing_checks(
    kind: ActionKind | str, verification: Mapping[Check, datetime], now: datetime
) -> Shortfall:
    """What `kind` still needs, given when each check last passed; empty (falsy) when none."""
    need = REQUIREMENTS[ActionKind(kind)]
    valid = _valid(verification, need.valid_minutes, now)
    checks = tuple(c for c in CHECK_ORDER if c in need.required and c not in valid)
    have = sum(1 for c in need.any_of if c in valid)
    more = max(0, need.at_least - have)
    more_of = tuple(c for c in CHECK_ORDER if c in need.any_of and c not in valid) if more else ()
    return Shortfall(checks, more_of, more)


def expires_at(kind: ActionKind | str, passed_at: datetime) -> datetime:
    """Until when a check passed at `passed_at` counts for `kind`."""
    return passed_at + timedelta(minutes=REQUIREMENTS[ActionKind(kind)].valid_minutes)
