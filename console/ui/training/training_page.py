"""The Training page on the rail: a title, the invitation strip (when a session waits for
this agent), and the view for the role: the trainer's (trainers, supervisors) or the
trainee's (agents, VIP managers)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from console.ui.i18n import tr
from console.ui.training.invitation_banner import InvitationBanner
from console.ui.training.trainee_view import TraineeView
from console.ui.training.trainer_view import TrainerView
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.ui.training.training_actions import TrainingActions

__all__ = ["TrainingPage"]


class TrainingPage(QWidget):
    def __init__(
        self,
        actions: TrainingActions,
        *,
        trainer: bool,
        agents: Callable[[], Sequence[AgentOut]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPage")
        self.trainer = trainer
        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.subtitle = PlainLabel(objectName="mutedLabel", selectable=False)
        self.subtitle.setWordWrap(True)
        self.banner = InvitationBanner(actions)
        self.view: TrainerView | TraineeView = (
            TrainerView(actions, agents) if trainer else TraineeView(actions)
        )
        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.subtitle, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Training"))
        self.subtitle.setText(
            tr("Mock tickets in the training workspace: nothing here reaches a live customer.")
        )
        self.banner.retranslate()
        self.view.retranslate()
