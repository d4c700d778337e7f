"""An attempt's transcript, replayable: every step in time order with its offset (mm:ss), who
acted, what they did and what was written, and a control that reveals the steps up to a time.

The slider is in seconds since the attempt began; steps at or before its value are shown.
"Play" moves it to the next step once a second (waits between steps are skipped: a trainer
wants the sequence, not the minutes of silence); "Show all" jumps to the end.

Customer and trainee texts are table items, which are plain text: nothing typed is rendered
as markup. Steps the outgoing guard refused are marked in words and in colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import tr
from console.ui.training.training_labels import (
    action_text,
    actor_text,
    clock_text,
    is_guard_blocked,
)
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import StepOut

__all__ = ["STEP_MS", "TranscriptReplay"]

STEP_MS = 1000  # one step a second while playing
WHAT_WIDTH = 190  # the action column wraps; the text column takes the rest

# Row colours by who acted; refused steps stand out whoever wrote them.
_ROW_COLOURS = {"agent": "#eef4ff", "system": "#f3f4f6"}
_BLOCKED_BACKGROUND = "#fde2e2"
_BLOCKED_TEXT = "#991b1b"


class TranscriptReplay(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingTranscript")
        self.steps: list[StepOut] = []
        self.play_button = QPushButton(objectName="trainingReplayPlay")
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._play_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="trainingReplaySlider")
        self.slider.setRange(0, 0)
        self.slider.setPageStep(10)
        self.slider.valueChanged.connect(self._reveal)
        self.position = PlainLabel(objectName="trainingReplayTime", selectable=False)
        self.all_button = QPushButton(objectName="trainingReplayAll")
        self.all_button.clicked.connect(self.show_all)
        self.table = QTableWidget(0, 4, objectName="trainingTranscriptTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        for column in range(2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, WHAT_WIDTH)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Wrapped texts need their rows measured again whenever a column's width changes.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.empty = PlainLabel(objectName="mutedLabel", selectable=False)
        self.timer = QTimer(self, interval=STEP_MS)
        self.timer.timeout.connect(self.step_forward)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.position)
        controls.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.all_button.setText(tr("Show all"))
        self.table.setHorizontalHeaderLabels([tr("Time"), tr("Who"), tr("What"), tr("Text")])
        self.empty.setText(tr("Nothing happened in this attempt yet."))
        self._play_label()
        self._fill()

    # --- content -----------------------------------------------------------------------------

    @property
    def end_s(self) -> int:
        return self.slider.maximum()

    def set_steps(self, steps: Sequence[StepOut], *, reset: bool = False) -> None:
        """Show these steps. A new attempt (`reset`) starts fully shown; a refresh of the same
        one keeps the replay where it is, and a fully shown transcript stays fully shown."""
        at_end = reset or self.slider.value() >= self.slider.maximum()
        self.steps = sorted(steps, key=lambda step: step.at_s)  # stable: same-time order kept
        end = math.ceil(self.steps[-1].at_s) if self.steps else 0
        self.slider.blockSignals(True)
        self.slider.setRange(0, end)
        if at_end:
            self.slider.setValue(end)
        self.slider.blockSignals(False)
        if reset:
            self.pause()
        self._fill()

    def _fill(self) -> None:
        self.empty.setVisible(not self.steps)
        self.table.setVisible(bool(self.steps))
        self.table.setRowCount(len(self.steps))
        bold = QFont()
        bold.setBold(True)
        for row, step in enumerate(self.steps):
            blocked = is_guard_blocked(step.action)
            what = action_text(step.action)
            cells = [
                clock_text(step.at_s),
                actor_text(step.actor),
                f"✖ {what}" if blocked else what,
                step.text,
            ]
            background = _BLOCKED_BACKGROUND if blocked else _ROW_COLOURS.get(step.actor)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, blocked)
                if background is not None:
                    item.setBackground(QBrush(QColor(background)))
                if blocked:
                    item.setForeground(QBrush(QColor(_BLOCKED_TEXT)))
                    if column == 2:
                        item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._reveal()

    # --- replay ------------------------------------------------------------------------------

    def visible_steps(self) -> list[StepOut]:
        return [s for row, s in enumerate(self.steps) if not self.table.isRowHidden(row)]

    def _reveal(self) -> None:
        until = self.slider.value()
        last_shown = -1
        for row, step in enumerate(self.steps):
            shown = step.at_s <= until
            self.table.setRowHidden(row, not shown)
            if shown:
                last_shown = row
        self.position.setText(f"{clock_text(until)} / {clock_text(self.end_s)}")
        if self.timer.isActive() and last_shown >= 0:
            self.table.scrollToItem(self.table.item(last_shown, 0))

    def step_forward(self) -> bool:
        """Reveal the next step (and those at the same moment); False at the end."""
        until = self.slider.value()
        following = next((s for s in self.steps if s.at_s > until), None)
        if following is None:
            self.pause()
            return False
        self.slider.setValue(math.ceil(following.at_s))
        return True

    def play(self) -> None:
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def show_all(self) -> None:
        self.pause()
        self.slider.setValue(self.end_s)

    def _play_toggled(self, playing: bool) -> None:
        if playing:
            if self.slider.value() >= self.end_s:
                self.slider.setValue(0)  # from the start again, as a player does
            self.timer.start()
        else:
            self.timer.stop()
        self._play_label()

    def _play_label(self) -> None:
        self.play_button.setText(tr("Pause") if self.play_button.isChecked() else tr("Play"))

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()  # a replay nobody sees does not run on
        super().hideEvent(event)
