"""What the AML views ask of the layer below (the session's AmlActions, or a test's fake).

Every call is online and answers once, on the GUI thread, through `done`: the result and None,
or None and a sentence saying why it did not work (nothing was changed then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from console.api.schemas_aml import (
        AmlDecisionCreate,
        AmlReceiptOut,
        AmlReportCreate,
        AmlReportOut,
        AmlReportSummary,
    )
    from console.core.aml import AmlReportStatus

__all__ = ["AmlIntents", "Answer"]

T = TypeVar("T")
Answer = Callable[[T | None, str | None], None]


class AmlIntents(Protocol):
    def file_report(
        self, report: AmlReportCreate, key: str, done: Answer[AmlReceiptOut]
    ) -> None: ...

    def my_receipts(self, done: Answer[list[AmlReceiptOut]]) -> None: ...

    def load_queue(
        self, status: AmlReportStatus | None, done: Answer[list[AmlReportSummary]]
    ) -> None: ...

    def load_report(self, report_id: int, done: Answer[AmlReportOut]) -> None: ...

    def decide(
        self, report_id: int, decision: AmlDecisionCreate, key: str, done: Answer[AmlReportOut]
    ) -> None: ...
