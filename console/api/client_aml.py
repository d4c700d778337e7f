"""SupportClient methods of suspicious-activity (AML) reports. A mixin over SupportClient's
plumbing (see client.py).

Online only: a report is never queued in the outbox to go out later without the agent knowing.
The caller passes the Idempotency-Key and keeps it while the report is unchanged, so sending
again after a lost answer files it once.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import parse, parse_list
from console.api.schemas_aml import (
    AmlDecisionCreate,
    AmlReceiptOut,
    AmlReportCreate,
    AmlReportOut,
    AmlReportSummary,
)
from console.core.aml import AmlReportStatus

_RECEIPTS = TypeAdapter(list[AmlReceiptOut])
_SUMMARIES = TypeAdapter(list[AmlReportSummary])


class AmlMethods(RequestMixin):
    async def file_aml_report(self, report: AmlReportCreate, idempotency_key: str) -> AmlReceiptOut:
        response = await self._request(
            "POST", "/aml/reports", body=report, idempotency_key=idempotency_key
        )
        return parse(response, AmlReceiptOut)

    async def my_aml_reports(self, limit: int = 50) -> list[AmlReceiptOut]:
        response = await self._request("GET", "/aml/reports/mine", params={"limit": limit})
        return parse_list(response, _RECEIPTS)

    async def aml_reports(
        self,
        status: AmlReportStatus | None = None,
        *,
        before_id: int | None = None,
        limit: int = 100,
    ) -> list[AmlReportSummary]:
        params: dict[str, Any] = {"limit": limit}
        if status is not None:
            params["status"] = str(status)
        if before_id is not None:
            params["before_id"] = before_id
        return parse_list(await self._request("GET", "/aml/reports", params=params), _SUMMARIES)

    async def aml_report(self, report_id: int) -> AmlReportOut:
        return parse(await self._request("GET", f"/aml/reports/{report_id}"), AmlReportOut)

    async def decide_aml_report(
        self, report_id: int, decision: AmlDecisionCreate, idempotency_key: str
    ) -> AmlReportOut:
        response = await self._request(
            "POST",
            f"/aml/reports/{report_id}/decision",
            body=decision,
            idempotency_key=idempotency_key,
        )
        return parse(response, AmlReportOut)
