"""Escalations of a ticket: ask a department (security, risk & AML, finance, engineering,
compliance) with a note, follow each side thread's status, read the answer, close it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import MAX_MESSAGE_CHARS, EscalationOut
from console.core.domain import Department, EscalationStatus
from console.ui.formatting import relative_time, short_datetime
from console.ui.i18n import tr
from console.ui.labels import department_label, escalation_status_label
from console.ui.widgets.message_text import MessageText
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["EscalationCard", "EscalationPanel"]


class EscalationCard(QFrame):
    close_requested = Signal(int)

    def __init__(self, escalation: EscalationOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationCard")
        self.escalation = escalation
        self.setProperty("status", str(escalation.status))
        self.department = QLabel(objectName="escalationDepartment")
        self.status = QLabel(objectName="escalationStatus")
        self.status.setProperty("status", str(escalation.status))
        self.asked = PlainLabel(objectName="mutedLabel", selectable=False)
        self.asked.setWordWrap(True)
        self.note = MessageText(escalation.note)
        self.note.setObjectName("escalationNote")
        self.answer_caption = PlainLabel(objectName="escalationAnswerCaption", selectable=False)
        self.answer = MessageText(escalation.answer or "")
        self.answer.setObjectName("escalationAnswer")
        self.close_button = QPushButton(objectName="secondaryButton")
        self.close_button.clicked.connect(lambda: self.close_requested.emit(self.escalation.id))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.department)
        top.addStretch(1)
        top.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.asked)
        layout.addWidget(self.note)
        layout.addWidget(self.answer_caption)
        layout.addWidget(self.answer)
        layout.addLayout(bottom)
        # Once in the layout: a parentless widget that is shown opens as a window of its own.
        has_answer = bool(escalation.answer)
        self.answer_caption.setVisible(has_answer)
        self.answer.setVisible(has_answer)
        self.close_button.setVisible(escalation.status != EscalationStatus.CLOSED)
        self.retranslate()

    def retranslate(self) -> None:
        e = self.escalation
        self.department.setText(department_label(e.department))
        self.status.setText(escalation_status_label(e.status))
        self.asked.setText(
            tr("Asked by {name} · {when}", name=e.created_by_name, when=relative_time(e.created_at))
        )
        self.asked.setToolTip(short_datetime(e.created_at))
        self.answer_caption.setText(
            tr("Answer from {name}", name=e.answered_by_name or department_label(e.department))
        )
        self.close_button.setText(tr("Close"))
        self.close_button.setToolTip(tr("Close this side thread once its answer is used."))


class EscalationPanel(QScrollArea):
    escalate_requested = Signal(str, str)  # department, note
    close_requested = Signal(int)  # escalation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._escalations: list[EscalationOut] = []
        canvas = QWidget(objectName="sideCanvas")
        self._layout = QVBoxLayout(canvas)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(6)
        self.title = QLabel(objectName="panelTitle")
        self.department_box = QComboBox(objectName="departmentBox")
        for department in Department:
            self.department_box.addItem("", str(department))
        self.note_edit = QPlainTextEdit(objectName="escalationEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(72)
        self.escalate_button = QPushButton(objectName="primaryButton")
        self.escalate_button.clicked.connect(self._escalate)
        self.note_edit.textChanged.connect(self._update_enabled)
        form = QHBoxLayout()
        form.setSpacing(6)
        form.addWidget(self.department_box, 1)
        form.addWidget(self.escalate_button)
        self.list_title = QLabel(objectName="sectionTitle")
        self.empty = QLabel(objectName="mutedLabel")
        self.empty.setWordWrap(True)
        self._list = QVBoxLayout()
        self._list.setSpacing(6)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.note_edit)
        self._layout.addLayout(form)
        self._layout.addWidget(self.list_title)
        self._layout.addWidget(self.empty)
        self._layout.addLayout(self._list)
        self._layout.addStretch(1)
        self.setWidget(canvas)
        self.cards: list[EscalationCard] = []
        self.retranslate()
        self._update_enabled()

    def set_escalations(self, escalations: Sequence[EscalationOut]) -> None:
        self._escalations = list(escalations)
        for card in self.cards:
            self._list.removeWidget(card)
            card.deleteLater()
        self.cards = []
        # Open and answered first (they need the agent), newest first within each.
        ordered = sorted(
            self._escalations,
            key=lambda e: (e.status == EscalationStatus.CLOSED, -e.created_at.timestamp()),
        )
        for escalation in ordered:
            card = EscalationCard(escalation)
            card.close_requested.connect(self.close_requested)
            self._list.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not self.cards)

    def clear_form(self) -> None:
        self.note_edit.clear()

    def retranslate(self) -> None:
        self.title.setText(tr("Escalate to a department"))
        self.note_edit.setPlaceholderText(tr("What should the department check or decide?"))
        self.escalate_button.setText(tr("Escalate"))
        for i in range(self.department_box.count()):
            self.department_box.setItemText(i, department_label(self.department_box.itemData(i)))
        self.list_title.setText(tr("Side threads"))
        self.empty.setText(tr("Not escalated."))
        for card in self.cards:
            card.retranslate()

    def _update_enabled(self) -> None:
        text = self.note_edit.toPlainText().strip()
        self.escalate_button.setEnabled(0 < len(text) <= MAX_MESSAGE_CHARS)

    def _escalate(self) -> None:
        note = self.note_edit.toPlainText().strip()
        if note:
            self.escalate_requested.emit(self.department_box.currentData(), note)
