"""Suspicious-activity (AML) reports: what an agent can report, what a report holds, and what
compliance can decide about it. The checks of a report and of a decision are in aml_checks.py.

Shared by the server (it refuses an invalid report with the problems as 422 details) and the
console (the report dialog shows the same problems before anything is sent). Pure functions.

    checked = check_report(ReportDraft(pattern, amounts, tx_hashes, narrative, ticket_id, uid))
    checked.problems  # [Problem(loc=("amounts", 0, "asset"), code="bad_asset", ...)], or []
    checked.report    # the cleaned report (Decimal amounts, upper-case assets), None on problems

Need-to-know and tipping-off: the customer must never learn that a report exists, and the
reporting agent never learns its outcome; only the compliance role sees outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "MAX_AMOUNTS",
    "MAX_DECISION_NOTE_CHARS",
    "MAX_NARRATIVE_CHARS",
    "MAX_TX_HASHES",
    "MIN_DECISION_NOTE_CHARS",
    "MIN_NARRATIVE_CHARS",
    "OUTCOME_MEANINGS",
    "PATTERN_MEANINGS",
    "AmlOutcome",
    "AmlPattern",
    "AmlReportStatus",
    "AmountEntry",
    "CheckedReport",
    "CleanAmount",
    "CleanReport",
    "Problem",
    "ReportDraft",
    "can_decide",
]


class AmlPattern(StrEnum):
    """What made the agent suspicious. Values are part of the API: add, never rename."""

    STRUCTURING = "structuring"
    PASS_THROUGH = "pass_through"
    SANCTIONED_ADDRESS = "sanctioned_address"
    MIXER = "mixer"
    ILLICIT_SOURCE = "illicit_source"
    THIRD_PARTY = "third_party"
    ACCOUNT_TAKEOVER = "account_takeover"
    REFUSES_SOURCE_OF_FUNDS = "refuses_source_of_funds"
    PROFILE_MISMATCH = "profile_mismatch"
    OTHER = "other"


# Short meanings in English (the console shows its own translated texts of these).
PATTERN_MEANINGS: dict[AmlPattern, str] = {
    AmlPattern.STRUCTURING: (
        "Amounts split to stay just under a reporting or verification threshold."
    ),
    AmlPattern.PASS_THROUGH: (
        "Funds deposited and withdrawn again quickly, with little or no trading in between."
    ),
    AmlPattern.SANCTIONED_ADDRESS: "Funds from or to an address on a sanctions list.",
    AmlPattern.MIXER: "Funds that passed through a mixer, tumbler or similar privacy service.",
    AmlPattern.ILLICIT_SOURCE: (
        "Funds linked to a scam, hack, ransomware or darknet market (e.g. a victim's report)."
    ),
    AmlPattern.THIRD_PARTY: (
        "The account is used for someone else: a money mule, a rented or sold account, "
        "payments from unrelated third parties."
    ),
    AmlPattern.ACCOUNT_TAKEOVER: (
        "Security settings changed (2FA, email, new device) and a withdrawal followed."
    ),
    AmlPattern.REFUSES_SOURCE_OF_FUNDS: (
        "The customer refuses or evades explaining where the funds come from."
    ),
    AmlPattern.PROFILE_MISMATCH: (
        "Activity far beyond what the customer's profile (KYC level, stated income) explains."
    ),
    AmlPattern.OTHER: "Something else suspicious; the narrative explains it.",
}


class AmlOutcome(StrEnum):
    """What compliance decided. Only the compliance role ever sees it."""

    NO_FURTHER_ACTION = "no_further_action"
    MONITORING = "monitoring"
    INFORMATION_REQUESTED = "information_requested"
    ACCOUNT_RESTRICTED = "account_restricted"
    ACCOUNT_CLOSED = "account_closed"
    SAR_FILED = "sar_filed"


OUTCOME_MEANINGS: dict[AmlOutcome, str] = {
    AmlOutcome.NO_FURTHER_ACTION: "Reviewed; the activity is explained. Nothing more to do.",
    AmlOutcome.MONITORING: "The account is watched more closely; may be decided again later.",
    AmlOutcome.INFORMATION_REQUESTED: (
        "Enhanced due diligence: compliance asks for documents as a routine review."
    ),
    AmlOutcome.ACCOUNT_RESTRICTED: "Withdrawals or trading restricted while it is resolved.",
    AmlOutcome.ACCOUNT_CLOSED: "The business relationship is ended.",
    AmlOutcome.SAR_FILED: "A suspicious activity / transaction report (SAR/STR) was filed.",
}


class AmlReportStatus(StrEnum):
    SUBMITTED = "submitted"  # waiting for compliance
    DECIDED = "decided"


MIN_NARRATIVE_CHARS = 40
MAX_NARRATIVE_CHARS = 5000
MAX_AMOUNTS = 20
MAX_TX_HASHES = 20
MIN_DECISION_NOTE_CHARS = 10
MAX_DECISION_NOTE_CHARS = 2000
MAX_CUSTOMER_UID_CHARS = 40
MAX_AMOUNT = Decimal("1e15")
MAX_AMOUNT_PLACES = 18

# Outcomes that leave the case open: such a report may be decided again.
_REOPENABLE = frozenset({AmlOutcome.MONITORING, AmlOutcome.INFORMATION_REQUESTED})


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a report or decision is refused. `loc` names the field as in the request
    body (e.g. ("amounts", 1, "asset")); `message` is English, `code` is for translations."""

    loc: tuple[str | int, ...]
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class AmountEntry:
    amount: str | Decimal
    asset: str


@dataclass(frozen=True, slots=True)
class ReportDraft:
    pattern: str
    amounts: Sequence[AmountEntry]
    tx_hashes: Sequence[str]
    narrative: str
    ticket_id: int | None = None
    customer_uid: str | None = None


@dataclass(frozen=True, slots=True)
class CleanAmount:
    amount: Decimal
    asset: str


@dataclass(frozen=True, slots=True)
class CleanReport:
    pattern: AmlPattern
    amounts: tuple[CleanAmount, ...]
    tx_hashes: tuple[str, ...]
    narrative: str
    ticket_id: int | None
    customer_uid: str | None


@dataclass(frozen=True, slots=True)
class CheckedReport:
    problems: list[Problem] = field(default_factory=list)
    report: CleanReport | None = None


def can_decide(current: str | None) -> bool:
    """A report not decided yet may be; one under monitoring or waiting for information may be
    decided again (that case is still open). A final outcome stands."""
    return current is None or current in _REOPENABLE
