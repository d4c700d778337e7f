"""Tables of the Sessions tab: the sessions (title, language, state, created) and one
session's seats (trainee, scenario, state, score so far, PASS/FAIL), both refilled in place so
a poll keeps the selection and the scroll position."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.training.training_labels import (
    score_text,
    seat_state_label,
    session_language_label,
    session_state_label,
    verdict,
    verdict_text,
)

if TYPE_CHECKING:
    from console.api.schemas_training import SeatOut, TrainingSessionOut

__all__ = ["VERDICT_COLOURS", "SeatsTable", "SessionsTable"]

_ID = Qt.ItemDataRole.UserRole
# (text, background) of a verdict cell: a failure must be unmistakable in a glance at the room.
VERDICT_COLOURS = {
    "pass": ("#166534", "#dcfce7"),
    "fail": ("#ffffff", "#b91c1c"),
    "below": ("#92400e", "#fef3c7"),
}
_RUNNING = "#1d4ed8"


class _IdTable(QTableWidget):
    """A read-only table whose rows carry an id (column 0's UserRole)."""

    def __init__(
        self, columns: int, object_name: str, stretch: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(0, columns, parent)
        self.setObjectName(object_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the long texts

    def selected_id(self) -> int | None:
        model = self.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return int(item.data(_ID)) if item is not None else None

    def select_id(self, row_id: int) -> bool:
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item is not None and item.data(_ID) == row_id:
                if self.selected_id() != row_id:
                    self.selectRow(row)
                return True
        return False

    def _set_row(self, row: int, row_id: int, cells: Sequence[str]) -> list[QTableWidgetItem]:
        items = []
        for column, text in enumerate(cells):
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.setItem(row, column, item)
            item.setText(text)  # table items are plain text
            item.setData(_ID, row_id)
            items.append(item)
        return items

    def _refill(self, count: int) -> int | None:
        """Resize for `count` rows without signals; returns the selected id to restore."""
        selected = self.selected_id()
        self.setRowCount(count)
        return selected


class SessionsTable(_IdTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, "trainingSessionsList", 0, parent)
        self.sessions: list[TrainingSessionOut] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr("Session"), tr("Language"), tr("State"), tr("Created")])
        self.fill(self.sessions)

    def fill(self, sessions: Sequence[TrainingSessionOut]) -> None:
        self.sessions = sorted(sessions, key=lambda s: (s.created_at, s.id), reverse=True)
        self.blockSignals(True)
        selected = self._refill(len(self.sessions))
        for row, session in enumerate(self.sessions):
            cells = [
                session.title,
                session_language_label(session.language),
                session_state_label(session.state),
                short_datetime(session.created_at),
            ]
            items = self._set_row(row, session.id, cells)
            colour = QColor(_RUNNING if session.state == "running" else "#6b7280")
            items[2].setForeground(QBrush(colour))
        self.blockSignals(False)
        if selected is not None and not self.select_id(selected):
            self.clearSelection()


class SeatsTable(_IdTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(6, "trainingSeatsTable", 2, parent)
        self.seats: list[SeatOut] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [tr("Trainee"), tr("#"), tr("Scenario"), tr("State"), tr("Score"), tr("Result")]
        )
        self.fill(self.seats)

    def fill(self, seats: Sequence[SeatOut]) -> None:
        self.seats = sorted(seats, key=lambda s: (s.trainee_name.lower(), s.position, s.id))
        bold = QFont()
        bold.setBold(True)
        self.blockSignals(True)
        selected = self._refill(len(self.seats))
        for row, seat in enumerate(self.seats):
            value = verdict(seat)
            cells = [
                seat.trainee_name,
                str(seat.position + 1),
                seat.scenario_title,
                seat_state_label(seat.state),
                score_text(seat.score),
                verdict_text(value),
            ]
            items = self._set_row(row, seat.id, cells)
            items[1].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            items[4].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items[3].setForeground(
                QBrush(QColor(_RUNNING if seat.state == "running" else "#374151"))
            )
            badge = items[5]
            text, background = VERDICT_COLOURS.get(value, ("#374151", ""))
            badge.setForeground(QBrush(QColor(text)))
            badge.setBackground(QBrush(QColor(background)) if background else QBrush())
            badge.setFont(bold)
            badge.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blockSignals(False)
        if selected is not None and not self.select_id(selected):
            self.clearSelection()

    def seat(self, seat_id: int) -> SeatOut | None:
        return next((s for s in self.seats if s.id == seat_id), None)
