"""The compliance page: suspicious-activity reports, newest first (pattern, amounts, reporter,
ticket), one report read in full, and the decision.

The queue is fetched when the page is shown, every POLL_MS while it stays on screen, after each
decision and on "Refresh". The live event stream carries no AML events: its event types are a
closed set shared by every console, and a report must not reach agents' streams at all; a
compliance officer sees a new report within POLL_MS instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.aml import AmlReportStatus
from console.ui.aml.aml_labels import amounts_text, outcome_label, pattern_label
from console.ui.aml.report_detail import ReportDetail
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_aml import AmlDecisionCreate, AmlReportOut, AmlReportSummary
    from console.ui.aml.ports import AmlIntents

__all__ = ["POLL_MS", "CompliancePage"]

log = logging.getLogger(__name__)

POLL_MS = 20_000
_FILTERS: tuple[AmlReportStatus | None, ...] = (AmlReportStatus.SUBMITTED, None)
_ID_ROLE = Qt.ItemDataRole.UserRole


class CompliancePage(QWidget):
    open_ticket = Signal(int)

    def __init__(self, intents: AmlIntents, me_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compliancePage")
        self._intents = intents
        self.reports: list[AmlReportSummary] = []
        self._generation = 0  # answers to an older request are dropped
        self._wanted: int | None = None
        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.filter_box = QComboBox(objectName="amlQueueFilter")
        for value in _FILTERS:
            self.filter_box.addItem("", str(value) if value else "")
        self.filter_box.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, 7, objectName="amlQueue")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._selected)
        self.detail = ReportDetail(me_id)
        self.detail.decide_requested.connect(self._decide)
        self.detail.open_ticket.connect(self.open_ticket)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.refresh)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([700, 500])
        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.status, 1)
        head.addWidget(self.filter_box)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Compliance: suspicious activity reports"))
        self.filter_box.setItemText(0, tr("Waiting for a decision"))
        self.filter_box.setItemText(1, tr("All reports"))
        self.refresh_button.setText(tr("Refresh"))
        self.table.setHorizontalHeaderLabels(
            [
                tr("#"),
                tr("Filed"),
                tr("Pattern"),
                tr("Amounts"),
                tr("Reporter"),
                tr("Ticket / customer"),
                tr("Status"),
            ]
        )
        self.detail.retranslate()
        self._fill()

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.poll.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.poll.stop()

    def status_filter(self) -> AmlReportStatus | None:
        value = self.filter_box.currentData()
        return AmlReportStatus(value) if value else None

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._intents.load_queue(
            self.status_filter(), lambda reports, error: self._loaded(generation, reports, error)
        )

    def _loaded(
        self, generation: int, reports: list[AmlReportSummary] | None, error: str | None
    ) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if reports is None:
            self.status.setText(tr("Not updated: {reason}", reason=error or ""))
            return
        self.reports = reports
        self._fill()
        self.status.setText(tr("{n} reports", n=len(reports)))

    def _fill(self) -> None:
        selected = self.selected_id()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.reports))
        for row, report in enumerate(self.reports):
            subject = f"#{report.ticket_id} · " if report.ticket_id is not None else ""
            cells = [
                str(report.id),
                short_datetime(report.created_at),
                pattern_label(report.pattern),
                amounts_text([(a.amount, a.asset) for a in report.amounts]),
                report.reporter_name,
                subject + (report.customer_uid or ""),
                outcome_label(report.outcome),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # table items are plain text
                item.setData(_ID_ROLE, report.id)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if selected is not None:
            self.select(selected)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        value = self.table.item(rows[0].row(), 0)
        return int(value.data(_ID_ROLE)) if value is not None else None

    def select(self, report_id: int) -> bool:
        for row, report in enumerate(self.reports):
            if report.id == report_id:
                if self.selected_id() != report_id:
                    self.table.selectRow(row)
                return True
        return False

    def _selected(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        self._wanted = report_id
        self._intents.load_report(
            report_id, lambda report, error: self._report_loaded(report_id, report, error)
        )

    def _report_loaded(
        self, report_id: int, report: AmlReportOut | None, error: str | None
    ) -> None:
        if not shiboken6.isValid(self) or self._wanted != report_id:
            return
        if report is None:
            self.status.setText(tr("Not loaded: {reason}", reason=error or ""))
            return
        self.detail.show_report(report)

    # --- deciding ----------------------------------------------------------------------------

    def _decide(self, report_id: int, decision: AmlDecisionCreate, key: str) -> None:
        self._intents.decide(
            report_id, decision, key, lambda report, error: self._decided(report, error)
        )

    def _decided(self, report: AmlReportOut | None, error: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        if report is None:
            self.detail.show_error(tr("Not recorded: {reason}", reason=error or ""))
            return
        self.detail.decided(report)
        self.refresh()
