"""The Security panel for a live chat, in a dialog opened from the chat's header: verify the
customer in the conversation, then freeze (or act) from the chat itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from console.ui.i18n import tr
from console.ui.identity.identity_panel import IdentityPanel
from console.ui.identity.ports import IdentityTarget

if TYPE_CHECKING:
    from console.api.schemas import CustomerDetail
    from console.ui.identity.ports import IdentityIntents

__all__ = ["ChatIdentityDialog"]


class ChatIdentityDialog(QDialog):
    def __init__(
        self,
        intents: IdentityIntents | None,
        conversation_id: int,
        customer_uid: str,
        customer_name: str,
        customer: CustomerDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatIdentityDialog")
        self.setWindowTitle(tr("Security: {name}", name=customer_name or customer_uid))
        self.panel = IdentityPanel(intents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.set_target(IdentityTarget("chat", conversation_id, customer_uid), customer)
        self.resize(460, 720)
