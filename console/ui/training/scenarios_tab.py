"""The scenarios of the training workspace, and a trainer's edits to them: the list (title in
the UI's language, channel, category, whether it was changed here), the selected one's TOML in
a plain-text editor, "Save", and "New scenario…" (a copy of the selected one under a new id).

The server checks a saved scenario as the loader does; when it refuses, its message (which
names the file and the field) is shown under the editor and the text stays as typed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import tr
from console.ui.labels import category_label
from console.ui.training.training_labels import in_ui_language
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import ScenarioSummaryOut, ScenarioTextOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["SCENARIO_ID", "ScenariosTab"]

_ID = Qt.ItemDataRole.UserRole
# A scenario's id is its file name without .toml.
SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{1,79}$")


def channel_text(channel: str) -> str:
    return {"ticket": tr("Ticket"), "chat": tr("Live chat")}.get(channel, channel)


class ScenariosTab(QWidget):
    def __init__(self, requests: TrainingRequests, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingScenarios")
        self._requests = requests
        self.scenarios: list[ScenarioSummaryOut] = []
        self.current_id: str | None = None  # what the editor holds (maybe not saved yet)
        self._loaded_once = False
        self._wanted: str | None = None
        self._save_key: tuple[str, str] | None = None
        self.discard_box: QMessageBox | None = None
        self.id_dialog: QInputDialog | None = None
        self.list = QListWidget(objectName="trainingScenarioList")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._current_changed)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(objectName="trainingNewScenario")
        self.new_button.clicked.connect(self.ask_new_id)
        self.heading = PlainLabel(objectName="panelTitle")
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit(objectName="trainingScenarioEditor")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.modificationChanged.connect(lambda _changed: self._update_buttons())
        self.error = PlainLabel(objectName="trainingScenarioError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(objectName="trainingScenarioSave")
        self.save_button.clicked.connect(self.save)

        left = QWidget(objectName="trainingScenarioListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        list_head = QHBoxLayout()
        list_head.addWidget(self.status, 1)
        list_head.addWidget(self.refresh_button)
        left_layout.addLayout(list_head)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        right = QWidget(objectName="trainingScenarioEditorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.editor, 1)
        right_layout.addWidget(self.error)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right_layout.addLayout(save_row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([340, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(tr("Refresh"))
        self.new_button.setText(tr("New scenario…"))
        self.save_button.setText(tr("Save"))
        self._fill()
        self._show_heading()

    # --- the list ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    def refresh(self) -> None:
        def done(found: list[ScenarioSummaryOut]) -> None:
            if shiboken6.isValid(self):
                self.set_scenarios(found)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self.status.setText(tr("Not updated: {reason}", reason=reason))

        self._requests.request(lambda c: c.training_scenarios(), done, failed)

    def set_scenarios(self, scenarios: Sequence[ScenarioSummaryOut]) -> None:
        self.scenarios = list(scenarios)
        self._fill()
        self.status.setText(tr("Scenarios: {n}", n=len(self.scenarios)))
        if self.current_id is None and self.scenarios:
            self.list.setCurrentRow(0)

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for scenario in self.scenarios:
            facts = [channel_text(scenario.channel), category_label(scenario.category)]
            if scenario.edited:
                facts.append(tr("edited here"))
            item = QListWidgetItem(f"{in_ui_language(scenario.title)}\n{' · '.join(facts)}")
            item.setData(_ID, scenario.id)
            item.setToolTip(scenario.id)  # ids are [a-z0-9_-]: nothing to interpret
            self.list.addItem(item)
            if scenario.id == self.current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def summary(self, scenario_id: str | None) -> ScenarioSummaryOut | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def _current_changed(self, current: QListWidgetItem | None, previous: object) -> None:
        if current is None:
            return
        wanted = str(current.data(_ID))
        if wanted == self.current_id:
            return
        if self.editor.document().isModified():
            self._ask_discard(wanted)
        else:
            self.open_scenario(wanted)

    def _ask_discard(self, wanted: str) -> None:
        self._select_in_list(self.current_id)  # stays on the edited one unless discarded
        box = self.discard_box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Unsaved changes"),
            tr("Discard your changes to this scenario?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )

        def finished(result: int) -> None:
            self.discard_box = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Discard:
                self.open_scenario(wanted)
                self._select_in_list(wanted)

        box.finished.connect(finished)
        box.open()

    def _select_in_list(self, scenario_id: str | None) -> None:
        rows = [r for r in range(self.list.count()) if self.list.item(r).data(_ID) == scenario_id]
        self.list.blockSignals(True)
        self.list.setCurrentRow(rows[0] if rows else -1)  # -1: a new one, not in the list yet
        self.list.blockSignals(False)

    # --- one scenario's text -----------------------------------------------------------------

    def open_scenario(self, scenario_id: str) -> None:
        self._wanted = scenario_id
        self.current_id = scenario_id
        self.error.hide()
        self.editor.setPlainText("")
        self.editor.setEnabled(False)
        self._show_heading()

        def done(text: ScenarioTextOut) -> None:
            if shiboken6.isValid(self) and self._wanted == scenario_id:
                self.show_text(text.id, text.toml)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self) and self._wanted == scenario_id:
                self.show_error(tr("Not loaded: {reason}", reason=reason))

        self._requests.request(lambda c: c.training_scenario_text(scenario_id), done, failed)

    def show_text(self, scenario_id: str, toml: str) -> None:
        self.current_id = scenario_id
        self.editor.setEnabled(True)
        self.editor.setPlainText(toml)
        self.editor.document().setModified(False)
        self._show_heading()

    def _show_heading(self) -> None:
        scenario = self.summary(self.current_id)
        if self.current_id is None:
            self.heading.setText(tr("Select a scenario to read or edit it."))
        elif scenario is None:
            self.heading.setText(tr("New scenario {id} (not saved yet)", id=self.current_id))
        else:
            self.heading.setText(f"{in_ui_language(scenario.title)} — {scenario.id}.toml")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_text = self.current_id is not None and self.editor.isEnabled()
        self.save_button.setEnabled(has_text and bool(self.editor.toPlainText().strip()))
        self.new_button.setEnabled(has_text)

    # --- a new one ---------------------------------------------------------------------------

    def ask_new_id(self) -> None:
        if self.current_id is None:
            return
        dialog = self.id_dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("New scenario"))
        dialog.setLabelText(
            tr("File name of the new scenario (lower-case letters, digits, - and _):")
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(f"{self.current_id}-copy")

        def finished(result: int) -> None:
            self.id_dialog = None
            dialog.deleteLater()
            if result == QInputDialog.DialogCode.Accepted:
                self.start_new(dialog.textValue())

        dialog.finished.connect(finished)
        dialog.open()

    def start_new(self, scenario_id: str) -> bool:
        """The editor's text under a new id, to be saved; False (and why) if the id is unusable."""
        scenario_id = scenario_id.strip()
        if not SCENARIO_ID.match(scenario_id):
            self.show_error(tr("“{id}” cannot be a scenario's file name.", id=scenario_id))
            return False
        if self.summary(scenario_id) is not None:
            self.show_error(tr("A scenario named {id} exists already.", id=scenario_id))
            return False
        text = self.editor.toPlainText()
        self._wanted = scenario_id
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.show_text(scenario_id, text)
        self.editor.document().setModified(True)
        self.error.hide()
        return True

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        scenario_id, toml = self.current_id, self.editor.toPlainText()
        if scenario_id is None or not toml.strip():
            return
        identity = f"{scenario_id}\n{toml}"
        if self._save_key is None or self._save_key[0] != identity:
            self._save_key = (identity, uuid.uuid4().hex)
        key = self._save_key[1]
        self.save_button.setEnabled(False)
        self.error.hide()

        def done(saved: ScenarioSummaryOut) -> None:
            if not shiboken6.isValid(self):
                return
            self._save_key = None
            self.scenarios = [s for s in self.scenarios if s.id != saved.id] + [saved]
            if self.current_id == saved.id and self.editor.toPlainText() == toml:
                self.editor.document().setModified(False)
            self._fill()
            self._show_heading()
            self.status.setText(tr("Saved {id}.", id=saved.id))

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self.show_error(tr("Not saved: {reason}", reason=reason))

        self._requests.request(
            lambda c: c.save_training_scenario(scenario_id, toml, idempotency_key=key),
            done,
            failed,
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._update_buttons()
