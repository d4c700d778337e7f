"""Translated names and meanings of AML patterns and outcomes, and the sentences the report
dialog and the compliance page show for the core's problems (console.core.aml)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from console.core.aml import (
    MAX_AMOUNTS,
    MAX_DECISION_NOTE_CHARS,
    MAX_NARRATIVE_CHARS,
    MAX_TX_HASHES,
    MIN_DECISION_NOTE_CHARS,
    MIN_NARRATIVE_CHARS,
    AmlOutcome,
    AmlPattern,
    AmountEntry,
    Problem,
)
from console.ui.formatting import amount as format_amount
from console.ui.i18n import tr

__all__ = [
    "amounts_text",
    "outcome_label",
    "outcome_meaning",
    "pattern_label",
    "pattern_meaning",
    "problem_text",
]


def pattern_label(value: str) -> str:
    names: dict[str, str] = {
        AmlPattern.STRUCTURING: tr("Structuring (just under thresholds)"),
        AmlPattern.PASS_THROUGH: tr("Rapid in-and-out (pass-through)"),
        AmlPattern.SANCTIONED_ADDRESS: tr("Sanctioned address"),
        AmlPattern.MIXER: tr("Mixer or tumbler"),
        AmlPattern.ILLICIT_SOURCE: tr("Scam, hack or darknet funds"),
        AmlPattern.THIRD_PARTY: tr("Third party or money mule"),
        AmlPattern.ACCOUNT_TAKEOVER: tr("Account takeover, then withdrawal"),
        AmlPattern.REFUSES_SOURCE_OF_FUNDS: tr("Refuses to explain source of funds"),
        AmlPattern.PROFILE_MISMATCH: tr("Activity does not fit the profile"),
        AmlPattern.OTHER: tr("Other"),
    }
    return names.get(value, value)


def pattern_meaning(value: str) -> str:
    meanings: dict[str, str] = {
        AmlPattern.STRUCTURING: tr(
            "Amounts split to stay just under a reporting or verification threshold."
        ),
        AmlPattern.PASS_THROUGH: tr(
            "Funds deposited and withdrawn again quickly, with little or no trading in between."
        ),
        AmlPattern.SANCTIONED_ADDRESS: tr("Funds from or to an address on a sanctions list."),
        AmlPattern.MIXER: tr(
            "Funds that passed through a mixer, tumbler or similar privacy service."
        ),
        AmlPattern.ILLICIT_SOURCE: tr(
            "Funds linked to a scam, hack, ransomware or darknet market (e.g. a victim's report)."
        ),
        AmlPattern.THIRD_PARTY: tr(
            "The account is used for someone else: a money mule, a rented or sold account, "
            "payments from unrelated third parties."
        ),
        AmlPattern.ACCOUNT_TAKEOVER: tr(
            "Security settings changed (2FA, email, new device) and a withdrawal followed."
        ),
        AmlPattern.REFUSES_SOURCE_OF_FUNDS: tr(
            "The customer refuses or evades explaining where the funds come from."
        ),
        AmlPattern.PROFILE_MISMATCH: tr(
            "Activity far beyond what the customer's profile (KYC level, stated income) explains."
        ),
        AmlPattern.OTHER: tr("Something else suspicious; the narrative explains it."),
    }
    return meanings.get(value, "")


def outcome_label(value: str | None) -> str:
    if value is None:
        return tr("Waiting for a decision")
    names: dict[str, str] = {
        AmlOutcome.NO_FURTHER_ACTION: tr("No further action"),
        AmlOutcome.MONITORING: tr("Enhanced monitoring"),
        AmlOutcome.INFORMATION_REQUESTED: tr("Information requested (EDD)"),
        AmlOutcome.ACCOUNT_RESTRICTED: tr("Account restricted"),
        AmlOutcome.ACCOUNT_CLOSED: tr("Relationship ended"),
        AmlOutcome.SAR_FILED: tr("SAR/STR filed"),
    }
    return names.get(value, value)


def outcome_meaning(value: str) -> str:
    meanings: dict[str, str] = {
        AmlOutcome.NO_FURTHER_ACTION: tr(
            "Reviewed; the activity is explained. Nothing more to do."
        ),
        AmlOutcome.MONITORING: tr(
            "The account is watched more closely; may be decided again later."
        ),
        AmlOutcome.INFORMATION_REQUESTED: tr(
            "Enhanced due diligence: compliance asks for documents as a routine review."
        ),
        AmlOutcome.ACCOUNT_RESTRICTED: tr(
            "Withdrawals or trading restricted while it is resolved."
        ),
        AmlOutcome.ACCOUNT_CLOSED: tr("The business relationship is ended."),
        AmlOutcome.SAR_FILED: tr("A suspicious activity / transaction report (SAR/STR) was filed."),
    }
    return meanings.get(value, "")


def amounts_text(amounts: Sequence[tuple[Decimal, str]]) -> str:
    return ", ".join(f"{format_amount(value)} {asset}" for value, asset in amounts)


def _entry_text(amounts: Sequence[AmountEntry], index: object) -> str:
    if isinstance(index, int) and 0 <= index < len(amounts):
        entry = amounts[index]
        return f"{entry.amount} {entry.asset}".strip()
    return ""


def problem_text(
    problem: Problem, amounts: Sequence[AmountEntry] = (), tx_hashes: Sequence[str] = ()
) -> str:
    """One sentence per problem; items of a list are named by what was typed."""
    loc = problem.loc
    index = loc[1] if len(loc) > 1 else None
    code = problem.code
    if code == "unknown_pattern":
        return tr("Choose what kind of activity this is.")
    if code == "subject_missing":
        return tr("Name the ticket or the customer the report concerns.")
    if code in ("bad_customer_uid", "unknown_customer"):
        return tr("The customer UID is not one the exchange knows.")
    if code == "customer_mismatch":
        return tr("That customer UID is not the customer of this ticket.")
    if code in ("bad_ticket_id", "unknown_ticket"):
        return tr("The ticket does not exist.")
    if code == "amount_missing":
        return tr("Give at least one amount with its asset: tick a transfer or type one.")
    if code == "too_many_amounts":
        return tr("At most {n} amounts per report.", n=MAX_AMOUNTS)
    if code == "bad_amount":
        return tr(
            "Amount “{text}”: the amount must be a positive number.",
            text=_entry_text(amounts, index),
        )
    if code == "bad_asset":
        return tr(
            "Amount “{text}”: name the asset (e.g. USDT, BTC).", text=_entry_text(amounts, index)
        )
    if code == "too_many_tx_hashes":
        return tr("At most {n} transaction hashes per report.", n=MAX_TX_HASHES)
    if code == "bad_tx_hash":
        text = tx_hashes[index] if isinstance(index, int) and index < len(tx_hashes) else ""
        return tr(
            "“{text}” is not a transaction hash (64 hex digits, or a Solana signature).",
            text=text[:24] + ("…" if len(text) > 24 else ""),
        )
    if code == "narrative_too_short":
        return tr(
            "Describe what happened and why it is suspicious (at least {n} characters).",
            n=MIN_NARRATIVE_CHARS,
        )
    if code == "narrative_too_long":
        return tr("Keep the narrative under {n} characters.", n=MAX_NARRATIVE_CHARS)
    if code == "narrative_has_secret":
        return tr("The narrative holds a seed phrase or private key: leave it out.")
    if code == "bad_characters":
        return tr("The text holds hidden control characters: retype it.")
    if code == "unknown_outcome":
        return tr("Choose an outcome.")
    if code == "note_too_short":
        return tr("Say why (at least {n} characters).", n=MIN_DECISION_NOTE_CHARS)
    if code == "note_too_long":
        return tr("Keep the note under {n} characters.", n=MAX_DECISION_NOTE_CHARS)
    return problem.message
