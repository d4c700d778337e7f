"""The ticket view's way into an AML report: the side column (customer, escalations, ...) with a
"Report suspicious activity…" button under it, which opens the report dialog prefilled with the
open ticket, its customer and the customer's recent transfers.

Nothing shows on the ticket afterwards: colleagues opening it must not learn of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from console.ui.aml.report_dialog import ReportContext, ReportDialog
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.store import Store
    from console.ui.aml.ports import AmlIntents

__all__ = ["MAX_TRANSFER_CHOICES", "ReportEntry"]

MAX_TRANSFER_CHOICES = 10


class ReportEntry(QWidget):
    def __init__(
        self,
        side: QWidget,
        store: Store,
        current_ticket: Callable[[], int | None],
        intents: AmlIntents | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketSideColumn")
        self._store = store
        self._current_ticket = current_ticket
        self._intents = intents
        self.dialog: ReportDialog | None = None
        self.button = QPushButton(objectName="amlReportButton")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.open_dialog)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side, 1)
        layout.addWidget(self.button)
        # After it has a parent: shown before, a widget flashes up as a window of its own.
        self.button.setVisible(intents is not None)  # a view without a session: no reports
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(tr("⚑ Report suspicious activity…"))
        self.button.setToolTip(
            tr("Report this customer's activity to compliance (AML). The customer is not told.")
        )

    def open_dialog(self) -> ReportDialog | None:
        ticket_id = self._current_ticket()
        if self._intents is None or ticket_id is None:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        ticket = self._store.ticket(ticket_id)
        uid = ticket.customer_uid if ticket is not None else None
        customer = self._store.customer(uid) if uid else None
        transfers = list(customer.transfers[:MAX_TRANSFER_CHOICES]) if customer else []
        dialog = ReportDialog(self._intents, ReportContext(ticket_id, uid, transfers), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()  # window-modal, and no nested event loop: the console keeps syncing
        return dialog

    def _forget(self, dialog: ReportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
