""" "New session…": a title, the class's language, who sits in it (live agents who may train)
and the scenarios each of them works through, in the order listed (drag to reorder).

"Start" asks the training workspace to start the session; the dialog closes when it has, and
says why when it has not (the choices stay). A second click after a lost answer reuses the
idempotency key, so the session is not started twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_training import TrainingSessionCreate
from console.ui.i18n import language, tr
from console.ui.labels import category_label, role_label
from console.ui.training.training_labels import (
    in_ui_language,
    session_language_label,
    trainees,
)
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_training import ScenarioSummaryOut, TrainingSessionOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["NewSessionDialog"]

_ID = Qt.ItemDataRole.UserRole
_LANGUAGES = ("zh", "en")  # the languages a class is taught in


def _checkable(text: str, value: object) -> QListWidgetItem:
    item = QListWidgetItem(text)  # list items are plain text
    item.setData(_ID, value)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled
        | Qt.ItemFlag.ItemIsSelectable
        | Qt.ItemFlag.ItemIsUserCheckable
        | Qt.ItemFlag.ItemIsDragEnabled
    )
    item.setCheckState(Qt.CheckState.Unchecked)
    return item


def _checked(view: QListWidget) -> list[object]:
    return [
        view.item(row).data(_ID)
        for row in range(view.count())
        if view.item(row).checkState() == Qt.CheckState.Checked
        and view.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
    ]


class NewSessionDialog(QDialog):
    started = Signal(object)  # TrainingSessionOut

    def __init__(
        self,
        requests: TrainingRequests,
        agents: Callable[[], Sequence[AgentOut]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingNewSessionDialog")
        self.setWindowTitle(tr("New training session"))
        self.setMinimumSize(620, 560)
        self._requests = requests
        self._key: tuple[str, str] | None = None
        self.scenarios: list[ScenarioSummaryOut] = []
        self.title_edit = QLineEdit(objectName="trainingSessionTitle")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(tr("e.g. New hires, week 2: account security"))
        self.language_box = QComboBox(objectName="trainingSessionLanguage")
        for code in _LANGUAGES:
            self.language_box.addItem(session_language_label(code), code)
        self.language_box.setCurrentIndex(0 if language().startswith("zh") else 1)
        self.language_box.currentIndexChanged.connect(self._language_changed)
        self.trainee_list = QListWidget(objectName="trainingTraineePicker")
        for agent in trainees(agents()):
            text = f"{agent.display_name} ({role_label(agent.role)})"
            self.trainee_list.addItem(_checkable(text, agent.id))
        self.trainee_empty = PlainLabel(
            tr("The team list has not loaded yet: close and try again in a moment."),
            objectName="mutedLabel",
            selectable=False,
        )
        self.trainee_empty.setWordWrap(True)
        self.trainee_empty.setVisible(self.trainee_list.count() == 0)
        self.scenario_list = QListWidget(objectName="trainingScenarioPicker")
        # The order here is the order each trainee works through the chosen scenarios.
        self.scenario_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.scenario_status = PlainLabel(tr("Loading scenarios…"), objectName="mutedLabel")
        self.error = PlainLabel(objectName="errorLabel", selectable=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setObjectName("trainingStartSession")
        self.start_button.setText(tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Title"), self.title_edit)
        form.addRow(tr("Language"), self.language_box)
        people = QVBoxLayout()
        people.addWidget(PlainLabel(tr("Trainees"), objectName="sectionTitle", selectable=False))
        people.addWidget(self.trainee_empty)
        people.addWidget(self.trainee_list, 1)
        cases = QVBoxLayout()
        cases.addWidget(
            PlainLabel(tr("Scenarios, in order"), objectName="sectionTitle", selectable=False)
        )
        cases.addWidget(self.scenario_status)
        cases.addWidget(self.scenario_list, 1)
        lists = QHBoxLayout()
        lists.addLayout(people, 2)
        lists.addLayout(cases, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._load_scenarios()

    # --- scenarios ---------------------------------------------------------------------------

    def _load_scenarios(self) -> None:
        def done(found: list[ScenarioSummaryOut]) -> None:
            if shiboken6.isValid(self):
                self.set_scenarios(found)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self.scenario_status.setText(tr("Scenarios not loaded: {reason}", reason=reason))

        self._requests.request(lambda c: c.training_scenarios(), done, failed)

    def set_scenarios(self, scenarios: Sequence[ScenarioSummaryOut]) -> None:
        self.scenarios = list(scenarios)
        self.scenario_list.clear()
        for scenario in self.scenarios:
            text = f"{in_ui_language(scenario.title)}  ·  {category_label(scenario.category)}"
            self.scenario_list.addItem(_checkable(text, scenario.id))
        self.scenario_status.setVisible(not self.scenarios)
        self.scenario_status.setText(tr("No scenarios in the training workspace."))
        self._language_changed()

    def _language_changed(self) -> None:
        """Scenarios without texts in the class's language cannot be chosen for it."""
        code = str(self.language_box.currentData())
        offered = {s.id: code in s.languages for s in self.scenarios}
        for row in range(self.scenario_list.count()):
            item = self.scenario_list.item(row)
            flags = item.flags()
            if offered.get(str(item.data(_ID)), True):
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("")
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip(tr("This scenario has no texts in the session's language."))

    # --- choosing ----------------------------------------------------------------------------

    def check_trainee(self, agent_id: int, checked: bool = True) -> None:
        self._check(self.trainee_list, agent_id, checked)

    def check_scenario(self, scenario_id: str, checked: bool = True) -> None:
        self._check(self.scenario_list, scenario_id, checked)

    @staticmethod
    def _check(view: QListWidget, value: object, checked: bool) -> None:
        for row in range(view.count()):
            if view.item(row).data(_ID) == value:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                view.item(row).setCheckState(state)

    def choice(self) -> TrainingSessionCreate | None:
        """The session asked for, or None with the reason shown."""
        title = self.title_edit.text().strip()
        trainee_ids = [int(str(v)) for v in _checked(self.trainee_list)]
        scenario_ids = [str(v) for v in _checked(self.scenario_list)]
        problems = []
        if not title:
            problems.append(tr("Give the session a title."))
        if not trainee_ids:
            problems.append(tr("Choose at least one trainee."))
        if not scenario_ids:
            problems.append(tr("Choose at least one scenario."))
        if problems:
            self.show_error("\n".join(problems))
            return None
        return TrainingSessionCreate(
            title=title,
            trainee_ids=trainee_ids,
            scenario_ids=scenario_ids,
            language=str(self.language_box.currentData()),
        )

    def start(self) -> None:
        data = self.choice()
        if data is None:
            return
        body = data.model_dump_json()
        if self._key is None or self._key[0] != body:
            self._key = (body, uuid.uuid4().hex)
        key = self._key[1]
        self.error.hide()
        self.start_button.setEnabled(False)

        def done(session: TrainingSessionOut) -> None:
            if shiboken6.isValid(self):
                self.started.emit(session)
                self.accept()

        self._requests.request(
            lambda c: c.start_training_session(data, idempotency_key=key), done, self._failed
        )

    def _failed(self, reason: str) -> None:
        if shiboken6.isValid(self):
            self.show_error(tr("The session did not start: {reason}", reason=reason))

    def show_error(self, text: str) -> None:
        self.start_button.setEnabled(True)
        self.error.setText(text)
        self.error.show()
