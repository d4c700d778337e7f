"""Ask for one account action: a reason (always), the parameters the action needs, and for the
emergency freeze one explicit confirmation of what is about to happen. Nothing is sent from
here: the panel sends what the dialog holds once it is accepted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_identity import MAX_ACTION_REASON_CHARS
from console.core.identity import ActionKind
from console.ui.i18n import tr
from console.ui.identity.identity_text import action_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import TransferOut

__all__ = ["FREEZE_RED", "ActionDialog"]

# The one red button of the console: a freeze is never a casual click, and never hard to find.
FREEZE_RED = (
    "QPushButton { background: #b91c1c; color: #ffffff; border: 1px solid #991b1b;"
    " border-radius: 4px; padding: 6px 12px; font-weight: 600; }"
    " QPushButton:hover { background: #991b1b; }"
    " QPushButton:disabled { background: #e8a5a5; border-color: #e8a5a5; }"
)


class ActionDialog(QDialog):
    def __init__(
        self,
        kind: str,
        customer: str,
        *,
        reason: str = "",
        transfers: Sequence[TransferOut] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identityActionDialog")
        self.kind = ActionKind(kind)
        self.setWindowTitle(action_label(kind))
        self.question = PlainLabel(objectName="dialogText", selectable=False)
        self.question.setWordWrap(True)
        self.question.setText(self._question(customer))
        self.reason = QPlainTextEdit(objectName="actionReason")
        self.reason.setPlaceholderText(tr("Why (the security team and the audit log read this)"))
        self.reason.setPlainText(reason)
        self.reason.setFixedHeight(80)
        self.fields: dict[str, QLineEdit] = {}
        self.transfer_box: QComboBox | None = None
        form = QFormLayout()
        if self.kind is ActionKind.CHANGE_EMAIL:
            self._field(form, "new_email", tr("New email address"))
        elif self.kind is ActionKind.WHITELIST_ADDRESS:
            self._field(form, "address", tr("Address"))
            self._field(form, "network", tr("Network (e.g. TRC20)"))
        elif self.kind is ActionKind.INVESTIGATE_WITHDRAWAL:
            box = self.transfer_box = QComboBox(objectName="actionTransfer")
            box.addItem(tr("Not in the recent list"), None)
            for t in transfers:
                if t.direction == "withdrawal":
                    box.addItem(f"#{t.id} · {t.amount} {t.asset} · {t.network} · {t.status}", t.id)
            form.addRow(tr("Withdrawal"), box)
            self._field(form, "tx_hash", tr("Or its tx hash"))
        self.error = PlainLabel(objectName="composerError", selectable=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.kind is ActionKind.FREEZE:
            self.ok_button.setText(tr("Freeze the account now"))
            self.ok_button.setStyleSheet(FREEZE_RED)
        else:
            self.ok_button.setText(action_label(kind))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(PlainLabel(tr("Reason"), objectName="fieldCaption", selectable=False))
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def _field(self, form: QFormLayout, name: str, label: str) -> None:
        edit = self.fields[name] = QLineEdit(objectName=f"action_{name}")
        form.addRow(label, edit)

    def _question(self, customer: str) -> str:
        if self.kind is ActionKind.FREEZE:
            return tr(
                "Freeze the account of {customer} now? Withdrawals and trading stop at once, the "
                "security team gets an escalation and the customer is told why.",
                customer=customer,
            )
        return tr("{action} for {customer}.", action=action_label(self.kind), customer=customer)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def params(self) -> dict[str, str]:
        values = {k: e.text().strip() for k, e in self.fields.items() if e.text().strip()}
        if self.transfer_box is not None and self.transfer_box.currentData() is not None:
            values["transfer_id"] = str(self.transfer_box.currentData())
        return values

    def _try_accept(self) -> None:
        problem = None
        if not self.reason_text():
            problem = tr("Please give a reason.")
        elif len(self.reason_text()) > MAX_ACTION_REASON_CHARS:
            problem = tr("The reason is longer than {n} characters.", n=MAX_ACTION_REASON_CHARS)
        elif self.kind is ActionKind.CHANGE_EMAIL and "new_email" not in self.params():
            problem = tr("Please enter the new email address.")
        elif self.kind is ActionKind.WHITELIST_ADDRESS and len(self.params()) < 2:
            problem = tr("Please enter the address and its network.")
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()
