"""The trainer's Training page (trainers and supervisors): live sessions and their seats,
comparisons across sessions, the scenarios and their editor, and the knowledge-base quiz."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from console.ui.i18n import tr
from console.ui.training.compare_tab import CompareTab
from console.ui.training.quiz_widget import QuizWidget
from console.ui.training.scenarios_tab import ScenariosTab
from console.ui.training.sessions_tab import SessionsTab

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["TrainerView"]


class TrainerView(QTabWidget):
    def __init__(
        self,
        requests: TrainingRequests,
        agents: Callable[[], Sequence[AgentOut]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTrainerView")
        self.setDocumentMode(True)
        self.sessions = SessionsTab(requests, trainer=True, agents=agents)
        self.compare = CompareTab(requests, agents)
        self.scenarios = ScenariosTab(requests)
        self.quiz = QuizWidget(requests)
        self.sessions.session_changed.connect(self.compare.set_session)
        for tab in (self.sessions, self.compare, self.scenarios, self.quiz):
            self.addTab(tab, "")
        self.retranslate()

    def retranslate(self) -> None:
        for index, text in enumerate((tr("Sessions"), tr("Compare"), tr("Scenarios"), tr("Quiz"))):
            self.setTabText(index, text)
        for tab in (self.sessions, self.compare, self.scenarios, self.quiz):
            tab.retranslate()
