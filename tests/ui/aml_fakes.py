"""An AmlIntents for widget tests: records each call and keeps its `done`, so a test answers
when it likes (success, or failure with the sentence the session would give)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from console.api.schemas_aml import (
    AmlAmountOut,
    AmlReceiptOut,
    AmlReportOut,
    AmlReportSummary,
)

FILED_AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
TX = "ab" * 32


class FakeAml:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[Any] = []  # the `done` of each call, in order

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def answer(self, result: Any, error: str | None = None) -> None:
        """Answer the oldest call still waiting."""
        done = self.pending.pop(0)
        done(result, error)

    def _record(self, name: str, done: Any, *args: Any) -> None:
        self.calls.append((name, args))
        self.pending.append(done)

    def file_report(self, report, key, done) -> None:
        self._record("file_report", done, report, key)

    def my_receipts(self, done) -> None:
        self._record("my_receipts", done)

    def load_queue(self, status, done) -> None:
        self._record("load_queue", done, status)

    def load_report(self, report_id, done) -> None:
        self._record("load_report", done, report_id)

    def decide(self, report_id, decision, key, done) -> None:
        self._record("decide", done, report_id, decision, key)


def receipt(report_id: int = 5, ticket_id: int | None = 1) -> AmlReceiptOut:
    return AmlReceiptOut(
        id=report_id,
        created_at=FILED_AT,
        ticket_id=ticket_id,
        customer_uid="U10000001",
        pattern="structuring",
    )


def summary(report_id: int, **changes: Any) -> AmlReportSummary:
    values: dict[str, Any] = {
        "id": report_id,
        "created_at": FILED_AT,
        "reporter_id": 7,
        "reporter_name": "Alice Wang",
        "ticket_id": 12,
        "customer_uid": "U10000012",
        "pattern": "pass_through",
        "amounts": [AmlAmountOut(amount=Decimal("9900"), asset="USDT")],
        "tx_hash_count": 1,
        "status": "submitted",
        "outcome": None,
    }
    values.update(changes)
    return AmlReportSummary(**values)


def report(report_id: int, **changes: Any) -> AmlReportOut:
    values: dict[str, Any] = {
        **summary(report_id).model_dump(),
        "tx_hashes": [TX],
        "narrative": "Deposited <b>9,900 USDT</b> and withdrew it <img src=x> ten minutes later.",
    }
    values.update(changes)
    return AmlReportOut(**values)
