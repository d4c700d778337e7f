"""Comparisons across sessions: one trainee's attempts over time (every seat, with a best and
latest score per scenario), and the session selected on the Sessions tab as a grid of trainees
by scenarios, so a class can be read side by side."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.training.report import PASS_MARK
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.training.seats_table import VERDICT_COLOURS
from console.ui.training.training_labels import score_text, trainees, verdict
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_training import (
        TraineeHistoryOut,
        TraineeHistoryRow,
        TrainingSessionOut,
    )
    from console.ui.training.ports import TrainingRequests

__all__ = ["CompareTab", "scenario_summary"]

_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _table(columns: int, name: str, stretch: int | None = None) -> QTableWidget:
    """A read-only table; `stretch` takes the spare width (else the last column does)."""
    table = QTableWidget(0, columns, objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, *, fail: bool = False, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if fail:
        foreground, background = VERDICT_COLOURS["fail"]
        item.setForeground(QBrush(QColor(foreground)))
        item.setBackground(QBrush(QColor(background)))
    return item


def scenario_summary(
    rows: Sequence[TraineeHistoryRow],
) -> list[tuple[str, int, float | None, TraineeHistoryRow]]:
    """Per scenario (first seen first): its title, the attempts with a score, the best score
    among attempts not failed, and the latest attempt."""
    by_scenario: dict[str, list[TraineeHistoryRow]] = {}
    for row in rows:
        by_scenario.setdefault(row.scenario_id, []).append(row)
    summary = []
    for attempts in by_scenario.values():
        scored = [r for r in attempts if r.score is not None]
        good = [r.score for r in scored if not r.failed and r.score is not None]
        latest = max(attempts, key=lambda r: (r.finished_at or _EARLIEST, r.seat_id))
        summary.append((attempts[0].scenario_title, len(scored), max(good, default=None), latest))
    return summary


class CompareTab(QWidget):
    def __init__(
        self,
        requests: TrainingRequests,
        agents: Callable[[], Sequence[AgentOut]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingCompare")
        self._requests = requests
        self._agents = agents
        self._wanted: int | None = None
        self.history: TraineeHistoryOut | None = None
        self.session: TrainingSessionOut | None = None
        self.caption = PlainLabel(objectName="fieldCaption", selectable=False)
        self.trainee_box = QComboBox(objectName="trainingCompareTrainee")
        self.trainee_box.setMinimumWidth(220)
        self.trainee_box.activated.connect(lambda _index: self.load_history())
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.history_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.history_table = _table(5, "trainingHistoryTable", stretch=1)
        self.summary_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.summary_table = _table(4, "trainingHistorySummary", stretch=0)
        self.grid_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.grid_title.setWordWrap(True)
        self.grid = _table(0, "trainingScoreGrid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        head = QHBoxLayout()
        head.addWidget(self.caption)
        head.addWidget(self.trainee_box)
        head.addWidget(self.status, 1)
        person = QWidget(objectName="trainingComparePerson")
        person_layout = QVBoxLayout(person)
        person_layout.setContentsMargins(0, 0, 6, 0)
        person_layout.addLayout(head)
        person_layout.addWidget(self.history_title)
        person_layout.addWidget(self.history_table, 3)
        person_layout.addWidget(self.summary_title)
        person_layout.addWidget(self.summary_table, 2)
        room = QWidget(objectName="trainingCompareSession")
        room_layout = QVBoxLayout(room)
        room_layout.setContentsMargins(6, 0, 0, 0)
        room_layout.addWidget(self.grid_title)
        room_layout.addWidget(self.grid, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(person)
        split.addWidget(room)
        split.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(tr("Trainee"))
        self.history_title.setText(tr("Every attempt"))
        self.history_table.setHorizontalHeaderLabels(
            [tr("Session"), tr("Scenario"), tr("Score"), tr("Result"), tr("Finished")]
        )
        self.summary_title.setText(tr("By scenario"))
        self.summary_table.setHorizontalHeaderLabels(
            [tr("Scenario"), tr("Attempts"), tr("Best"), tr("Latest")]
        )
        self.fill_trainees()
        self._fill_history()
        self.set_session(self.session)

    # --- one trainee -------------------------------------------------------------------------

    def fill_trainees(self) -> None:
        """The team's trainees (the list arrives after sign-in: filled again when shown)."""
        current = self.trainee_box.currentData()
        self.trainee_box.blockSignals(True)
        self.trainee_box.clear()
        self.trainee_box.addItem(tr("Choose a trainee…"), None)
        for agent in trainees(self._agents()):
            self.trainee_box.addItem(agent.display_name, agent.id)
        index = self.trainee_box.findData(current) if current is not None else 0
        self.trainee_box.setCurrentIndex(max(index, 0))
        self.trainee_box.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.trainee_box.count() <= 1:
            self.fill_trainees()

    def choose_trainee(self, agent_id: int) -> None:
        self.fill_trainees()
        self.trainee_box.setCurrentIndex(max(self.trainee_box.findData(agent_id), 0))
        self.load_history()

    def load_history(self) -> None:
        agent_id = self.trainee_box.currentData()
        self._wanted = int(agent_id) if agent_id is not None else None
        if self._wanted is None:
            self.show_history(None)
            return
        wanted = self._wanted
        self.status.setText(tr("Loading…"))

        def done(history: TraineeHistoryOut) -> None:
            if shiboken6.isValid(self) and self._wanted == wanted:
                self.show_history(history)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self) and self._wanted == wanted:
                self.status.setText(tr("Not loaded: {reason}", reason=reason))

        self._requests.request(lambda c: c.trainee_history(wanted), done, failed)

    def show_history(self, history: TraineeHistoryOut | None) -> None:
        self.history = history
        self._fill_history()

    def _fill_history(self) -> None:
        rows = list(self.history.rows) if self.history is not None else []
        rows.sort(key=lambda r: (r.finished_at or _EARLIEST, r.seat_id), reverse=True)
        if self.history is None:
            self.status.setText("")
        else:
            self.status.setText(tr("Attempts: {n}", n=len(rows)))
        self.history_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            result = tr("FAIL") if row.failed else self._result(row)
            cells = [
                _cell(row.session_title),
                _cell(row.scenario_title),
                _cell(score_text(row.score), number=True),
                _cell(result, fail=row.failed),
                _cell(short_datetime(row.finished_at) if row.finished_at else tr("not finished")),
            ]
            for column, cell in enumerate(cells):
                self.history_table.setItem(index, column, cell)
        summary = scenario_summary(rows[::-1])
        self.summary_table.setRowCount(len(summary))
        for index, (title, attempts, best, latest) in enumerate(summary):
            latest_text = score_text(latest.score) + (f" · {tr('FAIL')}" if latest.failed else "")
            cells = [
                _cell(title),
                _cell(str(attempts), number=True),
                _cell(score_text(best), number=True),
                _cell(latest_text, fail=latest.failed, number=True),
            ]
            for column, cell in enumerate(cells):
                self.summary_table.setItem(index, column, cell)

    @staticmethod
    def _result(row: TraineeHistoryRow) -> str:
        if row.score is None or row.finished_at is None:
            return "—"  # not over yet: the score so far says nothing of the result
        return tr("PASS") if row.score >= PASS_MARK else tr("FAIL (below pass mark)")

    # --- the selected session ----------------------------------------------------------------

    def set_session(self, session: TrainingSessionOut | None) -> None:
        """Trainees down, scenarios across (in the order they were set), scores in the cells."""
        self.session = session
        if session is None:
            self.grid_title.setText(
                tr("Select a session on the Sessions tab to compare its class.")
            )
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            return
        self.grid_title.setText(tr("Session “{title}”: scores side by side", title=session.title))
        scenarios: dict[str, str] = {}
        people: dict[int, str] = {}
        for seat in sorted(session.seats, key=lambda s: s.position):
            scenarios.setdefault(seat.scenario_id, seat.scenario_title)
            people.setdefault(seat.trainee_id, seat.trainee_name)
        columns = list(scenarios)
        rows = sorted(people, key=lambda i: people[i].lower())
        self.grid.setColumnCount(len(columns))
        self.grid.setRowCount(len(rows))
        self.grid.setHorizontalHeaderLabels([scenarios[c] for c in columns])
        self.grid.setVerticalHeaderLabels([people[r] for r in rows])
        self.grid.verticalHeader().setVisible(bool(rows))
        self.grid.clearContents()
        for seat in session.seats:
            value = verdict(seat)
            text = score_text(seat.score)
            if value == "fail":
                text += f" · {tr('FAIL')}"
            elif seat.state == "running":
                text += " …"
            cell = _cell(text, fail=value == "fail", number=True)
            self.grid.setItem(rows.index(seat.trainee_id), columns.index(seat.scenario_id), cell)
