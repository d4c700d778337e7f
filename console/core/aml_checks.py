"""The checks of an AML report (what it must hold, cleaned for storing) and of compliance's
decision about it; the vocabulary and the shapes are in aml.py."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from console.core.aml import (
    MAX_AMOUNT,
    MAX_AMOUNT_PLACES,
    MAX_AMOUNTS,
    MAX_CUSTOMER_UID_CHARS,
    MAX_DECISION_NOTE_CHARS,
    MAX_NARRATIVE_CHARS,
    MAX_TX_HASHES,
    MIN_DECISION_NOTE_CHARS,
    MIN_NARRATIVE_CHARS,
    AmlOutcome,
    AmlPattern,
    AmountEntry,
    CheckedReport,
    CleanAmount,
    CleanReport,
    Problem,
    ReportDraft,
)
from console.core.secrets import detect_secrets
from console.core.secrets.base58 import ALPHABET as BASE58_ALPHABET
from console.core.text_safety import text_problem

__all__ = [
    "check_report",
    "decision_problems",
    "is_tx_hash",
    "parse_amount",
    "parse_amount_line",
    "split_tx_hashes",
]

_HEX_HASH = re.compile(r"(?:0x)?[0-9a-fA-F]{64}")
# Solana names a transaction by its Base58 signature (64 bytes: 86 to 88 characters).
_BASE58_SIGNATURE = re.compile(f"[{BASE58_ALPHABET}]{{86,88}}")
_ASSET = re.compile(r"[A-Z0-9]{2,12}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_GROUPING = re.compile(r"(?<=\d)[,\s_'](?=\d{3}(?:\D|$))")
_UID = re.compile(r"[A-Za-z0-9_-]+")
_AMOUNT_LINE = re.compile(
    r"^\s*(?:(?P<a1>[\d][\d.,\s_']*)\s*(?P<s1>[A-Za-z][A-Za-z0-9]*)"
    r"|(?P<s2>[A-Za-z][A-Za-z0-9]*)\s*(?P<a2>[\d][\d.,\s_']*))\s*$"
)
_TX_SPLIT = re.compile(r"[\s,;，；]+")


# --- pieces -------------------------------------------------------------------------------------


def is_tx_hash(value: str) -> bool:
    """A transaction id in a shape some chain uses: 64 hex digits (0x or not), or a Base58
    signature (Solana). Addresses and anything else are not."""
    value = value.strip()
    return bool(_HEX_HASH.fullmatch(value) or _BASE58_SIGNATURE.fullmatch(value))


def split_tx_hashes(text: str) -> list[str]:
    """Hashes pasted one per line, or separated by spaces, commas or semicolons."""
    return [part for part in _TX_SPLIT.split(text) if part]


def parse_amount(value: str | Decimal) -> Decimal | None:
    """A positive amount, as typed ("9,900", "0.5", "１２００") or given; None if it is not one."""
    if isinstance(value, Decimal):
        number = value
    else:
        text = unicodedata.normalize("NFKC", value).strip()
        text = _GROUPING.sub("", text)
        if not _NUMBER.fullmatch(text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite() or number <= 0 or number >= MAX_AMOUNT:
        return None
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_AMOUNT_PLACES:
        return None
    return number


def parse_amount_line(line: str) -> AmountEntry:
    """ "9,900 USDT" or "USDT 9900" -> AmountEntry("9,900", "USDT"). A line that does not read
    as amount + asset is kept whole as the amount, so validation names it."""
    text = unicodedata.normalize("NFKC", line)
    match = _AMOUNT_LINE.match(text)
    if match is None:
        return AmountEntry(line.strip(), "")
    amount = match.group("a1") or match.group("a2") or ""
    asset = match.group("s1") or match.group("s2") or ""
    return AmountEntry(amount.strip(), asset.upper())


def _clean_text(value: str) -> str:
    return value.strip()


def _text_length(value: str) -> int:
    # What a reader counts: "é" written as e + accent is one character.
    return len(unicodedata.normalize("NFC", value.strip()))


# --- the report --------------------------------------------------------------------------------


def _pattern_problems(pattern: str) -> list[Problem]:
    if pattern in AmlPattern.__members__.values():
        return []
    return [Problem(("pattern",), "unknown_pattern", "Choose what kind of activity this is.")]


def _subject_problems(ticket_id: int | None, customer_uid: str | None) -> list[Problem]:
    problems = []
    uid = customer_uid.strip() if customer_uid is not None else ""
    if ticket_id is None and not uid:
        problems.append(
            Problem(
                ("customer_uid",),
                "subject_missing",
                "Name the ticket or the customer the report concerns.",
            )
        )
    if ticket_id is not None and ticket_id <= 0:
        problems.append(Problem(("ticket_id",), "bad_ticket_id", "Not a ticket number."))
    if uid and (len(uid) > MAX_CUSTOMER_UID_CHARS or not _UID.fullmatch(uid)):
        problems.append(Problem(("customer_uid",), "bad_customer_uid", "Not a customer UID."))
    return problems


def _amount_problems(amounts: Sequence[AmountEntry]) -> list[Problem]:
    if not amounts:
        return [Problem(("amounts",), "amount_missing", "Give at least one amount with its asset.")]
    if len(amounts) > MAX_AMOUNTS:
        return [
            Problem(("amounts",), "too_many_amounts", f"At most {MAX_AMOUNTS} amounts per report.")
        ]
    problems = []
    for i, entry in enumerate(amounts):
        if parse_amount(entry.amount) is None:
            problems.append(
                Problem(
                    ("amounts", i, "amount"),
                    "bad_amount",
                    "The amount must be a positive number.",
                )
            )
        asset = unicodedata.normalize("NFKC", entry.asset).strip().upper()
        if not _ASSET.fullmatch(asset):
            problems.append(
                Problem(
                    ("amounts", i, "asset"),
                    "bad_asset",
                    "Name the asset (e.g. USDT, BTC): 2 to 12 letters or digits.",
                )
            )
    return problems


def _tx_problems(tx_hashes: Sequence[str]) -> list[Problem]:
    if len(tx_hashes) > MAX_TX_HASHES:
        return [
            Problem(
                ("tx_hashes",),
                "too_many_tx_hashes",
                f"At most {MAX_TX_HASHES} transaction hashes per report.",
            )
        ]
    return [
        Problem(
            ("tx_hashes", i),
            "bad_tx_hash",
            "Not a transaction hash: 64 hex digits (0x or not) or a Solana signature.",
        )
        for i, value in enumerate(tx_hashes)
        if not is_tx_hash(value)
    ]


def _narrative_problems(narrative: str) -> list[Problem]:
    loc: tuple[str | int, ...] = ("narrative",)
    length = _text_length(narrative)
    if length < MIN_NARRATIVE_CHARS:
        return [
            Problem(
                loc,
                "narrative_too_short",
                f"Describe what happened and why it is suspicious "
                f"(at least {MIN_NARRATIVE_CHARS} characters).",
            )
        ]
    if length > MAX_NARRATIVE_CHARS:
        return [
            Problem(
                loc,
                "narrative_too_long",
                f"Keep the narrative under {MAX_NARRATIVE_CHARS} characters.",
            )
        ]
    if text_problem(narrative, multiline=True):
        return [Problem(loc, "bad_characters", "The text holds control characters.")]
    if detect_secrets(narrative):
        # A report is read by more people than the ticket: a seed phrase or key never goes in.
        return [
            Problem(
                loc,
                "narrative_has_secret",
                "The narrative holds a seed phrase or private key: leave it out.",
            )
        ]
    return []


def check_report(draft: ReportDraft) -> CheckedReport:
    """Every problem of the draft, in field order; or the cleaned report when there is none."""
    problems = [
        *_pattern_problems(draft.pattern),
        *_subject_problems(draft.ticket_id, draft.customer_uid),
        *_amount_problems(draft.amounts),
        *_tx_problems(draft.tx_hashes),
        *_narrative_problems(draft.narrative),
    ]
    if problems:
        return CheckedReport(problems=problems)
    amounts = []
    for entry in draft.amounts:
        value = parse_amount(entry.amount)
        assert value is not None
        asset = unicodedata.normalize("NFKC", entry.asset).strip().upper()
        amounts.append(CleanAmount(value, asset))
    hashes: list[str] = []
    for tx_hash in draft.tx_hashes:
        if tx_hash.strip() not in hashes:  # the same hash twice says nothing more
            hashes.append(tx_hash.strip())
    uid = draft.customer_uid.strip() if draft.customer_uid else None
    return CheckedReport(
        report=CleanReport(
            pattern=AmlPattern(draft.pattern),
            amounts=tuple(amounts),
            tx_hashes=tuple(hashes),
            narrative=_clean_text(draft.narrative),
            ticket_id=draft.ticket_id,
            customer_uid=uid or None,
        )
    )


# --- the decision ------------------------------------------------------------------------------


def decision_problems(outcome: str, note: str) -> list[Problem]:
    problems = []
    if outcome not in AmlOutcome.__members__.values():
        problems.append(Problem(("outcome",), "unknown_outcome", "Choose an outcome."))
    length = _text_length(note)
    if length < MIN_DECISION_NOTE_CHARS:
        problems.append(
            Problem(
                ("note",),
                "note_too_short",
                f"Say why (at least {MIN_DECISION_NOTE_CHARS} characters).",
            )
        )
    elif length > MAX_DECISION_NOTE_CHARS:
        problems.append(
            Problem(
                ("note",),
                "note_too_long",
                f"Keep the note under {MAX_DECISION_NOTE_CHARS} characters.",
            )
        )
    elif text_problem(note, multiline=True):
        problems.append(Problem(("note",), "bad_characters", "The text holds control characters."))
    return problems
