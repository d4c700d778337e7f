"""An online test from the knowledge base, for trainers and trainees alike: pick how many
questions and the language, answer each with one choice, "Submit", and read the result:
right/total, and per question right or wrong with the right answer and the article it is from.

Questions and choices come from articles (people's text): labels are plain text, and a choice
is a radio button with the words in a label beside it (wrapped; a radio's own text would be
cut off and would read "&" as a shortcut).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_training import QuizCreate
from console.ui.i18n import language, tr
from console.ui.training.training_labels import session_language_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import QuizOut, QuizQuestionOut, QuizResultOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["QuizWidget"]

_LANGUAGES = ("zh", "en", "ja", "ko")


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class _ChoiceText(PlainLabel):
    """The words of a choice: clicking them picks the choice, as with a radio's own text."""

    def __init__(self, text: str, radio: QRadioButton) -> None:
        super().__init__(text, objectName="trainingQuizChoice", selectable=False)
        self.setWordWrap(True)
        self._radio = radio

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._radio.isEnabled():
            self._radio.click()
        super().mousePressEvent(event)


class _Question(QFrame):
    def __init__(self, number: int, question: QuizQuestionOut) -> None:
        super().__init__(objectName="trainingQuizQuestion")
        self.question = question
        self.prompt = PlainLabel(f"{number}. {question.prompt}", objectName="trainingQuizPrompt")
        self.prompt.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.texts: list[_ChoiceText] = []
        self.mark = PlainLabel(objectName="trainingQuizMark", selectable=False)
        self.mark.setWordWrap(True)
        self.mark.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.prompt)
        for index, choice in enumerate(question.choices):
            radio = QRadioButton(objectName="trainingQuizRadio")
            self.group.addButton(radio, index)
            text = _ChoiceText(choice, radio)
            self.texts.append(text)
            row = QHBoxLayout()
            row.setContentsMargins(8, 0, 0, 0)
            row.addWidget(radio, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            layout.addLayout(row)
        layout.addWidget(self.mark)

    def chosen(self) -> int | None:
        index = self.group.checkedId()
        return index if index >= 0 else None

    def show_result(self, chosen: int | None, correct: int, right: bool) -> None:
        for button in self.group.buttons():
            button.setEnabled(False)
        for index, text in enumerate(self.texts):
            mark = "correct" if index == correct else "wrong" if index == chosen else ""
            text.setProperty("mark", mark)
            _restyle(text)
        answer = self.question.choices[correct] if 0 <= correct < len(self.question.choices) else ""
        source = tr("From the article: {title}", title=self.question.article_title)
        if right:
            self.mark.setText(tr("✓ Right") + "\n" + source)
        elif chosen is None:
            self.mark.setText(
                tr("✗ Not answered. The answer: {answer}", answer=answer) + "\n" + source
            )
        else:
            self.mark.setText(tr("✗ Wrong. The answer: {answer}", answer=answer) + "\n" + source)
        self.mark.setProperty("right", right)
        _restyle(self.mark)
        self.mark.show()


class QuizWidget(QWidget):
    def __init__(self, requests: TrainingRequests, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingQuiz")
        self._requests = requests
        self.quiz: QuizOut | None = None
        self.result: QuizResultOut | None = None
        self.questions: list[_Question] = []
        self.count_caption = PlainLabel(objectName="fieldCaption", selectable=False)
        self.count = QSpinBox(objectName="trainingQuizCount")
        self.count.setRange(1, 20)
        self.count.setValue(5)
        self.language_caption = PlainLabel(objectName="fieldCaption", selectable=False)
        self.language_box = QComboBox(objectName="trainingQuizLanguage")
        for code in _LANGUAGES:
            self.language_box.addItem("", code)
        self.language_box.setCurrentIndex(0 if language().startswith("zh") else 1)
        self.new_button = QPushButton(objectName="trainingQuizNew")
        self.new_button.clicked.connect(self.generate)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.status.setWordWrap(True)
        self.canvas = QWidget(objectName="trainingQuizCanvas")
        self.canvas_layout = QVBoxLayout(self.canvas)
        self.canvas_layout.setContentsMargins(0, 0, 8, 0)
        self.canvas_layout.setSpacing(8)
        self.canvas_layout.addStretch(1)
        self.scroll_area = QScrollArea(objectName="trainingQuizScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.canvas)
        self.score = PlainLabel(objectName="trainingQuizScore", selectable=False)
        self.submit_button = QPushButton(objectName="trainingQuizSubmit")
        self.submit_button.clicked.connect(self.submit)

        head = QHBoxLayout()
        head.addWidget(self.count_caption)
        head.addWidget(self.count)
        head.addSpacing(12)
        head.addWidget(self.language_caption)
        head.addWidget(self.language_box)
        head.addSpacing(12)
        head.addWidget(self.new_button)
        head.addStretch(1)
        foot = QHBoxLayout()
        foot.addWidget(self.score, 1)
        foot.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(foot)
        self.retranslate()

    def retranslate(self) -> None:
        self.count_caption.setText(tr("Questions"))
        self.language_caption.setText(tr("Language"))
        for index, code in enumerate(_LANGUAGES):
            self.language_box.setItemText(index, session_language_label(code))
        self.new_button.setText(tr("New quiz"))
        self.submit_button.setText(tr("Submit"))
        self._update()

    # --- a quiz ------------------------------------------------------------------------------

    def generate(self) -> None:
        data = QuizCreate(
            questions=self.count.value(), language=str(self.language_box.currentData())
        )
        self.new_button.setEnabled(False)
        self.status.setText(tr("Drawing questions from the knowledge base…"))

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self.new_button.setEnabled(True)
                self.status.setText(tr("No quiz: {reason}", reason=reason))

        self._requests.request(lambda c: c.new_quiz(data), self._arrived, failed)

    def _arrived(self, quiz: QuizOut) -> None:
        if shiboken6.isValid(self):
            self.show_quiz(quiz)

    def show_quiz(self, quiz: QuizOut) -> None:
        self.quiz, self.result = quiz, None
        self.new_button.setEnabled(True)
        for question in self.questions:
            question.setParent(None)
            question.deleteLater()
        self.questions = []
        for number, item in enumerate(quiz.questions, start=1):
            question = _Question(number, item)
            question.group.idClicked.connect(lambda _id: self._update())
            self.canvas_layout.insertWidget(self.canvas_layout.count() - 1, question)
            self.questions.append(question)
        self.scroll_area.verticalScrollBar().setValue(0)
        self._update()

    def choose(self, question: int, choice: int) -> None:
        """Pick a choice by position (as a click on it would)."""
        self.questions[question].group.button(choice).click()

    def answers(self) -> dict[int, int]:
        chosen = ((q.question.id, q.chosen()) for q in self.questions)
        return {question_id: index for question_id, index in chosen if index is not None}

    def _update(self) -> None:
        answered, total = len(self.answers()), len(self.questions)
        if self.result is not None:
            self.score.setText(
                tr("{right} of {total} right", right=self.result.right, total=self.result.total)
            )
        elif self.quiz is None:
            self.score.setText("")
            self.status.setText(tr("Choose how many questions and the language, then “New quiz”."))
        else:
            self.score.setText(tr("{n} of {total} answered", n=answered, total=total))
            self.status.setText("")
        self.submit_button.setEnabled(
            self.quiz is not None and self.result is None and total > 0 and answered == total
        )

    def submit(self) -> None:
        if self.quiz is None or self.result is not None:
            return
        quiz_id, answers = self.quiz.id, self.answers()
        self.submit_button.setEnabled(False)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self._update()
                self.status.setText(tr("Answers not sent: {reason}", reason=reason))

        self._requests.request(lambda c: c.answer_quiz(quiz_id, answers), self._marked, failed)

    def _marked(self, result: QuizResultOut) -> None:
        if shiboken6.isValid(self):
            self.show_result(result)

    def show_result(self, result: QuizResultOut) -> None:
        if self.quiz is None or result.quiz_id != self.quiz.id:
            return
        self.result = result
        rows = {row.question_id: row for row in result.rows}
        for question in self.questions:
            row = rows.get(question.question.id)
            if row is not None:
                question.show_result(row.chosen, row.correct, row.right)
        self._update()
