"""Asked before a reply goes out on a ticket that changed meanwhile. Either way the text stays:
"Review first" keeps it in the composer (and its draft), "Send anyway" sends it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["StaleReplyDialog"]


class StaleReplyDialog(QDialog):
    def __init__(self, changes: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staleReplyDialog")
        self.setWindowTitle(tr("The ticket changed"))
        self.setModal(True)
        self.changes = list(changes)
        title = QLabel(tr("This ticket changed after you opened it:"), objectName="dialogTitle")
        title.setWordWrap(True)
        self.list = PlainLabel("\n".join(f"•  {c}" for c in self.changes), objectName="changeList")
        self.list.setWordWrap(True)
        hint = QLabel(
            tr("Your text stays in the reply box if you review first."), objectName="mutedLabel"
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.review_button = QPushButton(tr("Review first"), objectName="primaryButton")
        self.send_button = QPushButton(tr("Send anyway"))
        buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.review_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
