"""A trainee's Training page (agents and VIP managers): their own results, session by session
(the same report the trainer reads, with the trainer's comments, without the comment box), and
the knowledge-base quiz."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from console.ui.i18n import tr
from console.ui.training.quiz_widget import QuizWidget
from console.ui.training.sessions_tab import SessionsTab

if TYPE_CHECKING:
    from console.ui.training.ports import TrainingRequests

__all__ = ["TraineeView"]


class TraineeView(QTabWidget):
    def __init__(self, requests: TrainingRequests, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTraineeView")
        self.setDocumentMode(True)
        self.results = SessionsTab(requests, trainer=False)
        self.quiz = QuizWidget(requests)
        self.addTab(self.results, "")
        self.addTab(self.quiz, "")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, tr("My results"))
        self.setTabText(1, tr("Quiz"))
        self.results.retranslate()
        self.quiz.retranslate()
