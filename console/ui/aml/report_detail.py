"""One AML report on the compliance page: who filed it about whom, the amounts, the tx hashes
and the narrative (plain text, as written), and the decision: outcome and note.

A report under monitoring or waiting for information may be decided again; a final outcome is
shown, not offered. A report its own reader filed is not theirs to decide (the server refuses
it too).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_aml import AmlDecisionCreate
from console.core.aml import AmlOutcome, can_decide
from console.core.aml_checks import decision_problems
from console.ui.aml.aml_labels import (
    amounts_text,
    outcome_label,
    outcome_meaning,
    pattern_label,
    pattern_meaning,
    problem_text,
)
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_aml import AmlReportOut

__all__ = ["ReportDetail"]


def _facts(report: AmlReportOut) -> str:
    subject = [tr("Customer {uid}", uid=report.customer_uid or "—")]
    if report.ticket_id is not None:
        subject.insert(0, tr("Ticket #{id}", id=report.ticket_id))
    lines = [
        tr(
            "Filed {when} by {name}",
            when=short_datetime(report.created_at),
            name=report.reporter_name,
        ),
        " · ".join(subject),
        tr(
            "Amounts: {amounts}",
            amounts=amounts_text([(a.amount, a.asset) for a in report.amounts]),
        ),
    ]
    return "\n".join(lines)


class ReportDetail(QWidget):
    decide_requested = Signal(int, object, str)  # report id, AmlDecisionCreate, key
    open_ticket = Signal(int)

    def __init__(self, me_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amlReportDetail")
        self._me_id = me_id
        self.report: AmlReportOut | None = None
        self._key: tuple[str, str] | None = None
        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.title.setWordWrap(True)
        self.meaning = PlainLabel(objectName="mutedLabel", selectable=False)
        self.meaning.setWordWrap(True)
        self.facts = PlainLabel(objectName="fieldValue")
        self.facts.setWordWrap(True)
        self.ticket_button = QPushButton(objectName="linkButton")
        self.ticket_button.clicked.connect(self._open_ticket)
        self.tx_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.tx_hashes = PlainLabel(objectName="txHash")
        self.tx_hashes.setWordWrap(True)
        self.narrative_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.narrative = QPlainTextEdit(objectName="amlNarrativeView")
        self.narrative.setReadOnly(True)  # a plain-text editor: no markup is ever interpreted
        self.decision_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.decision = PlainLabel(objectName="fieldValue")
        self.decision.setWordWrap(True)
        self.outcome_box = QComboBox(objectName="amlOutcome")
        self.outcome_box.addItem("", "")
        for outcome in AmlOutcome:
            self.outcome_box.addItem("", str(outcome))
        self.outcome_box.currentIndexChanged.connect(self._show_outcome_meaning)
        self.outcome_meaning = PlainLabel(objectName="mutedLabel", selectable=False)
        self.outcome_meaning.setWordWrap(True)
        self.note = QPlainTextEdit(objectName="amlDecisionNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        self.decide_button = QPushButton(objectName="primaryButton")
        self.decide_button.clicked.connect(self.submit)
        self.error = PlainLabel(objectName="errorLabel", selectable=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QWidget(objectName="amlDecisionForm")
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.outcome_box)
        form.addWidget(self.outcome_meaning)
        form.addWidget(self.note)
        form.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.decide_button)
        form.addLayout(row)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.ticket_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 12)
        layout.addLayout(head)
        for part in (self.meaning, self.facts, self.tx_title, self.tx_hashes):
            layout.addWidget(part)
        layout.addWidget(self.narrative_title)
        layout.addWidget(self.narrative, 1)
        layout.addWidget(self.decision_title)
        layout.addWidget(self.decision)
        layout.addWidget(self.form)
        self.retranslate()
        self.show_report(None)

    def retranslate(self) -> None:
        self.tx_title.setText(tr("Transaction hashes"))
        self.narrative_title.setText(tr("Narrative"))
        self.decision_title.setText(tr("Decision"))
        self.outcome_box.setItemText(0, tr("Choose an outcome…"))
        for i in range(1, self.outcome_box.count()):
            self.outcome_box.setItemText(i, outcome_label(self.outcome_box.itemData(i)))
        self.note.setPlaceholderText(tr("Why (kept with the report; the reporter never sees it)"))
        self.decide_button.setText(tr("Record decision"))
        self.show_report(self.report, keep_form=True)

    def show_report(self, report: AmlReportOut | None, *, keep_form: bool = False) -> None:
        changed = report is None or self.report is None or report.id != self.report.id
        self.report = report
        if not keep_form and changed:
            self.outcome_box.setCurrentIndex(0)
            self.note.setPlainText("")
            self.error.hide()
            self._key = None
        has = report is not None
        for part in (self.facts, self.tx_title, self.tx_hashes, self.narrative_title):
            part.setVisible(has)
        for part in (self.narrative, self.decision_title, self.decision):
            part.setVisible(has)
        if report is None:
            self.title.setText(tr("Select a report to read it."))
            self.meaning.setText("")
            self.ticket_button.hide()
            self.form.hide()
            return
        self.title.setText(
            tr("Report #{id} · {pattern}", id=report.id, pattern=pattern_label(report.pattern))
        )
        self.meaning.setText(pattern_meaning(report.pattern))
        self.facts.setText(_facts(report))
        self.ticket_button.setVisible(report.ticket_id is not None)
        if report.ticket_id is not None:
            self.ticket_button.setText(tr("Open ticket #{id}", id=report.ticket_id))
        self.tx_hashes.setText("\n".join(report.tx_hashes) or tr("None given."))
        if self.narrative.toPlainText() != report.narrative:
            self.narrative.setPlainText(report.narrative)
        self.decision.setText(self._decision_text(report))
        self.form.setVisible(can_decide(report.outcome) and report.reporter_id != self._me_id)

    def _decision_text(self, report: AmlReportOut) -> str:
        if report.outcome is None:
            if report.reporter_id == self._me_id:
                return tr("You filed this report: a colleague in compliance decides it.")
            return tr("Waiting for a decision")
        text = tr(
            "{outcome} — {name}, {when}",
            outcome=outcome_label(report.outcome),
            name=report.decided_by_name or "—",
            when=short_datetime(report.decided_at) if report.decided_at else "—",
        )
        if report.decision_note:
            text += "\n" + report.decision_note
        if can_decide(report.outcome):
            text += "\n" + tr("This case is still open: it may be decided again.")
        return text

    def _show_outcome_meaning(self) -> None:
        value = str(self.outcome_box.currentData() or "")
        self.outcome_meaning.setText(outcome_meaning(value) if value else "")

    def _open_ticket(self) -> None:
        if self.report is not None and self.report.ticket_id is not None:
            self.open_ticket.emit(self.report.ticket_id)

    def submit(self) -> None:
        if self.report is None:
            return
        outcome = str(self.outcome_box.currentData() or "")
        note = self.note.toPlainText()
        problems = decision_problems(outcome, note)
        if problems:
            self.show_error("\n".join(problem_text(p) for p in problems))
            return
        decision = AmlDecisionCreate(outcome=outcome, note=note.strip())
        body = f"{self.report.id}:{decision.model_dump_json()}"
        if self._key is None or self._key[0] != body:
            self._key = (body, uuid.uuid4().hex)
        self.error.hide()
        self.set_busy(True)
        self.decide_requested.emit(self.report.id, decision, self._key[1])

    def set_busy(self, busy: bool) -> None:
        for widget in (self.outcome_box, self.note, self.decide_button):
            widget.setEnabled(not busy)

    def decided(self, report: AmlReportOut) -> None:
        self.set_busy(False)
        self._key = None
        self.outcome_box.setCurrentIndex(0)
        self.note.setPlainText("")
        self.show_report(report, keep_form=True)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
