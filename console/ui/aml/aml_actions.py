"""The session's side of the AML views (ports.AmlIntents), straight over the API client.

Not through the sync engine's outbox: a report is sent now or not at all, and the agent is told
which (a queued report could leave hours later, or never, without anyone noticing). The caller
keeps the Idempotency-Key while the report is unchanged, so a retry after a lost answer files it
once. Answers come on the GUI thread (the qasync loop runs there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject

from console.api.errors import ApiError, ServerUnreachable
from console.core.aml import Problem
from console.ui.aml.aml_labels import problem_text
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.api.schemas_aml import (
        AmlDecisionCreate,
        AmlReceiptOut,
        AmlReportCreate,
        AmlReportOut,
        AmlReportSummary,
    )
    from console.core.aml import AmlReportStatus
    from console.ui.aml.ports import Answer

__all__ = ["AmlActions", "failure_text"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, None]], None]


def _problems(details: Any) -> list[Problem]:
    problems = []
    for item in details if isinstance(details, list) else []:
        if isinstance(item, dict):
            loc = [part for part in item.get("loc", []) if part != "body"]
            problems.append(Problem(tuple(loc), str(item.get("type")), str(item.get("msg"))))
    return problems


def failure_text(exc: Exception) -> str:
    """Why an AML action did not go through, for the agent."""
    if isinstance(exc, ServerUnreachable):
        return tr("The server cannot be reached. Check the connection and try again.")
    if isinstance(exc, ApiError):
        if exc.status == 401:
            return tr("Your session has ended. Sign in again, then retry.")
        if exc.status == 403 and exc.code == "own_report":
            return tr("A report is decided by someone other than its author.")
        if exc.status == 403:
            return tr("Your role cannot do this.")
        if exc.status == 404:
            return tr("It no longer exists on the server.")
        if exc.status == 409:
            return tr("Not possible any more: {reason}", reason=exc.message)
        problems = _problems(exc.details) if exc.status == 422 else []
        if problems:
            return " ".join(problem_text(p) for p in problems)
        return tr("That did not work: {reason}", reason=exc.message)
    return tr("That did not work. Please try again.")


class AmlActions(QObject):
    def __init__(
        self,
        client: Callable[[], SupportClient | None],
        spawn: Spawn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._spawn = spawn

    def _run(
        self,
        work: Callable[[SupportClient], Coroutine[Any, Any, T]],
        done: Answer[T],
    ) -> None:
        client = self._client()
        if client is None:
            done(None, tr("Not connected yet. Please try again in a moment."))
            return

        async def run() -> None:
            try:
                result = await work(client)
            except (ApiError, ValidationError) as exc:
                log.info("AML action failed: %r", exc)
                done(None, failure_text(exc))
            else:
                done(result, None)

        self._spawn(run())

    def file_report(self, report: AmlReportCreate, key: str, done: Answer[AmlReceiptOut]) -> None:
        self._run(lambda c: c.file_aml_report(report, key), done)

    def my_receipts(self, done: Answer[list[AmlReceiptOut]]) -> None:
        self._run(lambda c: c.my_aml_reports(), done)

    def load_queue(
        self, status: AmlReportStatus | None, done: Answer[list[AmlReportSummary]]
    ) -> None:
        self._run(lambda c: c.aml_reports(status), done)

    def load_report(self, report_id: int, done: Answer[AmlReportOut]) -> None:
        self._run(lambda c: c.aml_report(report_id), done)

    def decide(
        self, report_id: int, decision: AmlDecisionCreate, key: str, done: Answer[AmlReportOut]
    ) -> None:
        self._run(lambda c: c.decide_aml_report(report_id, decision, key), done)
