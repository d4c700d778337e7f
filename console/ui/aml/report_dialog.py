"""Report suspicious activity: the agent names the pattern, the amounts and tx hashes (ticked from
the customer's recent transfers or typed), and what happened; the report goes to compliance.

The same rules as the server (console.core.aml_checks) are checked before anything is sent.
Sending is online only: on failure everything typed stays and the dialog says the report was not
sent. On success it shows a receipt, and nothing more ever comes back to the agent (need-to-know).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_aml import AmlAmountIn, AmlReceiptOut, AmlReportCreate
from console.core.aml import (
    MIN_NARRATIVE_CHARS,
    AmlPattern,
    AmountEntry,
    Problem,
    ReportDraft,
)
from console.core.aml_checks import check_report, parse_amount_line, split_tx_hashes
from console.ui.aml.aml_labels import pattern_label, pattern_meaning, problem_text
from console.ui.formatting import amount, relative_time, short_datetime
from console.ui.i18n import tr
from console.ui.labels import transfer_direction_label
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas import TransferOut
    from console.ui.aml.ports import AmlIntents

__all__ = ["WARNING_STYLE", "ReportContext", "ReportDialog"]

# The tipping-off warning stands out from the form, like the console's notice bar.
WARNING_STYLE = (
    "color: #7a4d00; background: #fff8e6; border: 1px solid #f0d48a; border-radius: 4px;"
    " padding: 8px 10px; font-weight: 600;"
)


@dataclass(frozen=True)
class ReportContext:
    """What the ticket knows: prefilled, the agent may change the customer and tick transfers."""

    ticket_id: int | None
    customer_uid: str | None
    transfers: Sequence[TransferOut] = field(default_factory=tuple)


def _short(value: str) -> str:
    return value if len(value) <= 20 else f"{value[:10]}…{value[-8:]}"


def _multiline(name: str, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class ReportDialog(QDialog):
    sent = Signal(object)  # AmlReceiptOut

    def __init__(
        self, intents: AmlIntents, context: ReportContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("amlReportDialog")
        self.setWindowTitle(tr("Report suspicious activity"))
        self._intents = intents
        self._context = context
        self._sending = False
        self._key: tuple[str, str] | None = None  # (request body, its Idempotency-Key)
        self.receipt: AmlReceiptOut | None = None

        self.warning = QLabel(
            tr(
                "Do not tell the customer. Warning a customer about a report (tipping off) is "
                "against the law. Keep helping them as usual, and do not mention this report "
                "in replies, chat, or internal notes."
            ),
            objectName="amlWarning",
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        subject = (
            tr("Ticket #{id}", id=context.ticket_id)
            if context.ticket_id is not None
            else tr("No ticket: the report concerns the customer only.")
        )
        self.subject = PlainLabel(subject, objectName="fieldValue", selectable=False)
        self.customer_edit = QLineEdit(context.customer_uid or "", objectName="amlCustomerUid")
        self.pattern_box = QComboBox(objectName="amlPattern")
        self.pattern_box.addItem(tr("Choose a pattern…"), "")
        for pattern in AmlPattern:
            self.pattern_box.addItem(pattern_label(pattern), str(pattern))
        self.pattern_meaning = PlainLabel(objectName="mutedLabel", selectable=False)
        self.pattern_meaning.setWordWrap(True)
        self.pattern_box.currentIndexChanged.connect(self._show_meaning)
        self.transfer_list = QListWidget(objectName="amlTransfers")
        self.transfer_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.transfer_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for transfer in context.transfers:
            self._add_transfer(transfer)
        self.transfer_list.setFixedHeight(min(150, 30 + 26 * max(1, len(context.transfers))))
        self.amounts_edit = _multiline("amlAmounts", 64)
        self.amounts_edit.setPlaceholderText(tr("Other amounts, one per line: 9,900 USDT"))
        self.tx_edit = _multiline("amlTxHashes", 64)
        self.tx_edit.setPlaceholderText(tr("Other transaction hashes, one per line"))
        self.narrative = _multiline("amlNarrative", 120)
        self.narrative.setPlaceholderText(
            tr(
                "What happened, when, and why it looks suspicious (at least {n} characters).",
                n=MIN_NARRATIVE_CHARS,
            )
        )
        self.counter = QLabel(objectName="mutedLabel")
        self.narrative.textChanged.connect(self._count)
        self.errors = PlainLabel(objectName="errorLabel", selectable=False)
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.send_button = QPushButton(tr("Send to compliance"), objectName="primaryButton")
        self.send_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"), objectName="secondaryButton")
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Concerns"), self.subject)
        form.addRow(tr("Customer UID"), self.customer_edit)
        form.addRow(tr("Pattern"), self.pattern_box)
        form.addRow("", self.pattern_meaning)
        if context.transfers:
            form.addRow(tr("Transfers involved"), self.transfer_list)
        else:
            self.transfer_list.hide()
        form.addRow(tr("Amounts"), self.amounts_edit)
        form.addRow(tr("Tx hashes"), self.tx_edit)
        form.addRow(tr("Narrative"), self.narrative)
        form.addRow("", self.counter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        page = QWidget(objectName="amlFormPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)

        self.receipt_text = PlainLabel(objectName="amlReceipt")
        self.receipt_text.setWordWrap(True)
        self.close_button = QPushButton(tr("Close"), objectName="primaryButton")
        self.close_button.clicked.connect(self.accept)
        done_page = QWidget(objectName="amlReceiptPage")
        done_layout = QVBoxLayout(done_page)
        done_layout.addWidget(self.receipt_text)
        done_layout.addStretch(1)
        done_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        self.pages.addWidget(done_page)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self._show_meaning()
        self._count()
        self.resize(620, 720)

    # --- the draft ---------------------------------------------------------------------------

    def _add_transfer(self, transfer: TransferOut) -> None:
        text = tr(
            "{direction} {amount} {asset} · {network} · {when}",
            direction=transfer_direction_label(transfer.direction),
            amount=amount(transfer.amount),
            asset=transfer.asset,
            network=transfer.network,
            when=relative_time(transfer.created_at),
        )
        if transfer.tx_hash:
            text += f" · {_short(transfer.tx_hash)}"
        item = QListWidgetItem(text)  # list items never interpret markup
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, transfer)
        when = short_datetime(transfer.created_at)
        item.setToolTip(plain_tooltip(f"{when}\n{transfer.tx_hash}" if transfer.tx_hash else when))
        self.transfer_list.addItem(item)

    def checked_transfers(self) -> list[TransferOut]:
        items = (self.transfer_list.item(i) for i in range(self.transfer_list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_transfer_checked(self, index: int, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.transfer_list.item(index).setCheckState(state)

    def draft(self) -> ReportDraft:
        transfers = self.checked_transfers()
        amounts = [AmountEntry(t.amount, t.asset) for t in transfers]
        amounts += [
            parse_amount_line(line)
            for line in self.amounts_edit.toPlainText().splitlines()
            if line.strip()
        ]
        hashes = [t.tx_hash for t in transfers if t.tx_hash]
        hashes += split_tx_hashes(self.tx_edit.toPlainText())
        uid = self.customer_edit.text().strip()
        return ReportDraft(
            pattern=str(self.pattern_box.currentData() or ""),
            amounts=amounts,
            tx_hashes=hashes,
            narrative=self.narrative.toPlainText(),
            ticket_id=self._context.ticket_id,
            customer_uid=uid or None,
        )

    def _show_meaning(self) -> None:
        value = str(self.pattern_box.currentData() or "")
        self.pattern_meaning.setText(pattern_meaning(value) if value else "")

    def _count(self) -> None:
        length = len(self.narrative.toPlainText().strip())
        self.counter.setText(
            tr("{n} characters", n=length)
            if length >= MIN_NARRATIVE_CHARS
            else tr("{n} of at least {min} characters", n=length, min=MIN_NARRATIVE_CHARS)
        )

    # --- sending -----------------------------------------------------------------------------

    def send(self) -> None:
        if self._sending:
            return
        draft = self.draft()
        checked = check_report(draft)
        if checked.problems:
            self._show_problems(checked.problems, draft)
            return
        report = AmlReportCreate(
            pattern=draft.pattern,
            amounts=[AmlAmountIn(amount=str(a.amount), asset=a.asset) for a in draft.amounts],
            tx_hashes=list(draft.tx_hashes),
            narrative=draft.narrative,
            ticket_id=draft.ticket_id,
            customer_uid=draft.customer_uid,
        )
        body = report.model_dump_json()
        if self._key is None or self._key[0] != body:  # the same report keeps its key
            self._key = (body, uuid.uuid4().hex)
        self._set_sending(True)
        self.errors.hide()
        self._intents.file_report(report, self._key[1], self._answered)

    def _answered(self, receipt: AmlReceiptOut | None, error: str | None) -> None:
        self._set_sending(False)
        if receipt is None:
            self.errors.setText(
                tr(
                    "Not sent: {reason} Everything you typed is still here.",
                    reason=error or tr("the server did not answer."),
                )
            )
            self.errors.show()
            return
        self.receipt = receipt
        self.receipt_text.setText(
            tr(
                "Report #{id} was sent to compliance ({when}).\n\n"
                "Compliance reviews it and decides what happens next; the outcome is not "
                "shared with you.\n\nDo not tell the customer, and do not mention the report "
                "in replies, chat or notes.",
                id=receipt.id,
                when=short_datetime(receipt.created_at),
            )
        )
        self.pages.setCurrentIndex(1)
        self.sent.emit(receipt)

    def _set_sending(self, sending: bool) -> None:
        self._sending = sending
        self.send_button.setText(tr("Sending…") if sending else tr("Send to compliance"))
        for widget in (
            self.customer_edit,
            self.pattern_box,
            self.transfer_list,
            self.amounts_edit,
            self.tx_edit,
            self.narrative,
            self.send_button,
            self.cancel_button,
        ):
            widget.setEnabled(not sending)

    def _show_problems(self, problems: list[Problem], draft: ReportDraft) -> None:
        texts = [problem_text(p, draft.amounts, draft.tx_hashes) for p in problems]
        self.errors.setText("\n".join(f"• {text}" for text in dict.fromkeys(texts)))
        self.errors.show()
        fields: dict[str, QWidget] = {
            "pattern": self.pattern_box,
            "customer_uid": self.customer_edit,
            "ticket_id": self.customer_edit,
            "amounts": self.amounts_edit,
            "tx_hashes": self.tx_edit,
            "narrative": self.narrative,
        }
        first = fields.get(str(problems[0].loc[0]))
        if first is not None and first.isEnabled():
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def problems_shown(self) -> str:
        return self.errors.text() if not self.errors.isHidden() else ""

    # While a report is on its way, the dialog stays: closing it would hide whether it arrived.
    def reject(self) -> None:
        if not self._sending:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._sending:
            event.ignore()
            return
        super().closeEvent(event)
