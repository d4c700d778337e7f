"""The strip at the top of the Training page when a session waits for this agent: who started
which session, and "Join training". Hidden when nothing waits; follows the session's
invitation checks (TrainingActions.invitation_changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import TrainingInvitationOut
    from console.ui.training.training_actions import TrainingActions

__all__ = ["InvitationBanner"]


class InvitationBanner(QFrame):
    def __init__(self, actions: TrainingActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingInvitation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._actions = actions
        self.invitation: TrainingInvitationOut | None = None
        self.text = PlainLabel(objectName="trainingInvitationText", selectable=False)
        self.text.setWordWrap(True)  # the session title is a trainer's text: plain
        self.join_button = QPushButton(objectName="trainingJoinButton")
        self.join_button.clicked.connect(actions.join)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.join_button)
        actions.invitation_changed.connect(self.show_invitation)
        self.retranslate()
        self.show_invitation(actions.invitation)  # one may have arrived before the page

    def retranslate(self) -> None:
        self.join_button.setText(tr("Join training"))
        self.show_invitation(self.invitation)

    def show_invitation(self, invitation: TrainingInvitationOut | None) -> None:
        self.invitation = invitation
        self.setVisible(invitation is not None)
        if invitation is not None:
            self.text.setText(
                tr(
                    "{trainer} started “{title}”: your seat is waiting.",
                    trainer=invitation.trainer_name,
                    title=invitation.title,
                )
            )
