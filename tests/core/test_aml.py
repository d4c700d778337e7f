"""The rules of an AML report and of compliance's decision (console.core.aml, aml_checks), no Qt."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.core.aml import (
    MAX_AMOUNTS,
    MAX_TX_HASHES,
    MIN_DECISION_NOTE_CHARS,
    MIN_NARRATIVE_CHARS,
    OUTCOME_MEANINGS,
    PATTERN_MEANINGS,
    AmlOutcome,
    AmlPattern,
    AmountEntry,
    CleanAmount,
    ReportDraft,
    can_decide,
)
from console.core.aml_checks import (
    check_report,
    decision_problems,
    is_tx_hash,
    parse_amount,
    parse_amount_line,
    split_tx_hashes,
)

EVM_TX = "0x" + "3f" * 32
BTC_TX = "9b" * 32
SOL_TX = "5" * 40 + "K" * 48  # 88 Base58 characters
NARRATIVE = (
    "Customer deposited 9,900 USDT five times in one day, each just under the 10,000 "
    "review threshold, then withdrew everything to one new address."
)
NARRATIVE_ZH = (
    "客户在一天内分五次充值9900 USDT，每次都刚好低于一万的审核门槛，"
    "随后全部提到同一个新地址，拒绝说明资金来源。"
)


def draft(**changes: object) -> ReportDraft:
    values: dict[str, object] = {
        "pattern": "structuring",
        "amounts": [AmountEntry("9,900", "usdt"), AmountEntry(Decimal("0.5"), "BTC")],
        "tx_hashes": [EVM_TX, BTC_TX],
        "narrative": NARRATIVE,
        "ticket_id": 12,
        "customer_uid": "U10000042",
    }
    values.update(changes)
    return ReportDraft(**values)  # type: ignore[arg-type]


def codes(d: ReportDraft) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.loc, p.code) for p in check_report(d).problems]


def test_every_pattern_and_outcome_has_a_meaning() -> None:
    assert set(PATTERN_MEANINGS) == set(AmlPattern)
    assert set(OUTCOME_MEANINGS) == set(AmlOutcome)
    assert all(len(text) > 20 for text in [*PATTERN_MEANINGS.values(), *OUTCOME_MEANINGS.values()])


def test_a_complete_report_is_cleaned() -> None:
    checked = check_report(draft(tx_hashes=[EVM_TX, f" {BTC_TX} ", BTC_TX, SOL_TX]))
    assert checked.problems == []
    report = checked.report
    assert report is not None
    assert report.pattern is AmlPattern.STRUCTURING
    assert report.amounts == (
        CleanAmount(Decimal("9900"), "USDT"),
        CleanAmount(Decimal("0.5"), "BTC"),
    )
    assert report.tx_hashes == (EVM_TX, BTC_TX, SOL_TX)  # stripped, the repeat dropped
    assert report.narrative == NARRATIVE
    assert (report.ticket_id, report.customer_uid) == (12, "U10000042")


def test_a_chinese_narrative_counts_characters() -> None:
    assert check_report(draft(narrative=NARRATIVE_ZH)).problems == []
    assert codes(draft(narrative=NARRATIVE_ZH[: MIN_NARRATIVE_CHARS - 1])) == [
        (("narrative",), "narrative_too_short")
    ]


def test_problems_name_their_field() -> None:
    bad = draft(
        pattern="laundering",
        amounts=[AmountEntry("-5", "USDT"), AmountEntry("10", "U$DT"), AmountEntry("1,23", "")],
        tx_hashes=[EVM_TX, "0x" + "a" * 40, "TXa1"],
        narrative="  suspicious  ",
        ticket_id=None,
        customer_uid=" ",
    )
    assert codes(bad) == [
        (("pattern",), "unknown_pattern"),
        (("customer_uid",), "subject_missing"),
        (("amounts", 0, "amount"), "bad_amount"),
        (("amounts", 1, "asset"), "bad_asset"),
        (("amounts", 2, "amount"), "bad_amount"),
        (("amounts", 2, "asset"), "bad_asset"),
        (("tx_hashes", 1), "bad_tx_hash"),
        (("tx_hashes", 2), "bad_tx_hash"),
        (("narrative",), "narrative_too_short"),
    ]
    assert check_report(bad).report is None
    assert all(p.message.endswith(".") for p in check_report(bad).problems)


def test_amounts_are_required_and_bounded() -> None:
    assert codes(draft(amounts=[])) == [(("amounts",), "amount_missing")]
    many = [AmountEntry("1", "USDT")] * (MAX_AMOUNTS + 1)
    assert codes(draft(amounts=many)) == [(("amounts",), "too_many_amounts")]
    hashes = [EVM_TX] * (MAX_TX_HASHES + 1)
    assert codes(draft(tx_hashes=hashes)) == [(("tx_hashes",), "too_many_tx_hashes")]


def test_tx_hashes_are_optional() -> None:
    assert check_report(draft(tx_hashes=[])).problems == []


def test_ticket_or_customer_is_enough() -> None:
    assert check_report(draft(customer_uid=None)).problems == []
    assert check_report(draft(ticket_id=None)).problems == []
    assert codes(draft(ticket_id=0)) == [(("ticket_id",), "bad_ticket_id")]
    assert codes(draft(customer_uid="U1 OR 1=1")) == [(("customer_uid",), "bad_customer_uid")]


def test_narrative_refuses_hidden_characters_and_secrets() -> None:
    assert codes(draft(narrative=NARRATIVE + "\u202e")) == [(("narrative",), "bad_characters")]
    assert check_report(draft(narrative=NARRATIVE + "\nSecond line.\tTabbed.")).problems == []
    phrase = "abandon " * 11 + "about"
    leaked = f"{NARRATIVE} The customer even pasted their seed phrase: {phrase}"
    assert codes(draft(narrative=leaked)) == [(("narrative",), "narrative_has_secret")]
    too_long = "x" * 5001
    assert codes(draft(narrative=too_long)) == [(("narrative",), "narrative_too_long")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9,900", Decimal("9900")),
        ("1,234,567.25", Decimal("1234567.25")),
        ("１２００", Decimal("1200")),
        ("0.00000001", Decimal("0.00000001")),
        (" 12 000 ", Decimal("12000")),
        ("0", None),
        ("-1", None),
        ("1e3", None),
        ("NaN", None),
        ("1,23", None),
        ("", None),
        ("1." + "1" * 19, None),
    ],
)
def test_parse_amount(text: str, expected: Decimal | None) -> None:
    assert parse_amount(text) == expected


def test_parse_amount_refuses_odd_decimals() -> None:
    assert parse_amount(Decimal("Infinity")) is None
    assert parse_amount(Decimal("1e16")) is None
    assert parse_amount(Decimal("0.5")) == Decimal("0.5")


@pytest.mark.parametrize(
    ("line", "amount", "asset"),
    [
        ("9,900 USDT", "9,900", "USDT"),
        ("9900usdt", "9900", "USDT"),
        ("BTC 0.5", "0.5", "BTC"),
        ("  1 000 ETH ", "1 000", "ETH"),
        ("about ten thousand", "about ten thousand", ""),
    ],
)
def test_parse_amount_line(line: str, amount: str, asset: str) -> None:
    assert parse_amount_line(line) == AmountEntry(amount, asset)


def test_tx_hash_shapes() -> None:
    assert is_tx_hash(EVM_TX) and is_tx_hash(BTC_TX) and is_tx_hash(BTC_TX.upper())
    assert is_tx_hash(SOL_TX)
    assert not is_tx_hash("0x" + "a" * 40)  # an EVM address
    assert not is_tx_hash("bc1q" + "q" * 38)  # a Bitcoin address
    assert not is_tx_hash("a" * 63) and not is_tx_hash("g" * 64)
    assert not is_tx_hash("0" * 88)  # 0 is not Base58
    assert split_tx_hashes(f"{EVM_TX}\n{BTC_TX}, {SOL_TX}；x") == [EVM_TX, BTC_TX, SOL_TX, "x"]


@given(st.text(alphabet="0123456789abcdefABCDEF", min_size=64, max_size=64), st.booleans())
def test_any_64_hex_is_a_tx_hash(digits: str, prefixed: bool) -> None:
    assert is_tx_hash(("0x" if prefixed else "") + digits)


@given(st.text(max_size=80))
def test_check_report_never_raises(narrative: str) -> None:
    checked = check_report(draft(narrative=narrative))
    assert (checked.report is None) == bool(checked.problems)


def test_decision_rules() -> None:
    assert decision_problems("sar_filed", "Filed with the FIU, ref 2026-118.") == []
    assert [p.code for p in decision_problems("ban", "x" * (MIN_DECISION_NOTE_CHARS - 1))] == [
        "unknown_outcome",
        "note_too_short",
    ]
    assert [p.loc for p in decision_problems("monitoring", "Watch 30 days\u200f")] == [("note",)]


def test_final_outcomes_stand_and_open_ones_may_be_decided_again() -> None:
    assert can_decide(None)
    assert can_decide("monitoring") and can_decide("information_requested")
    for final in ("no_further_action", "account_restricted", "account_closed", "sar_filed"):
        assert not can_decide(final)
