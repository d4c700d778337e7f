"""Training sessions and their seats, live: the trainer's "Sessions" tab and a trainee's
"My results" (the same page; trainees see only their own seats and cannot start, end or
comment).

While on screen the page asks again every POLL_MS for the sessions with their seats (state
and score so far), so the trainer watches every trainee's progress. Opening a seat
(double-click, Enter or "Open report") shows its report over the page; "← Back" returns.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.training.new_session_dialog import NewSessionDialog
from console.ui.training.report_page import SeatReportPage
from console.ui.training.seats_table import SeatsTable, SessionsTable
from console.ui.training.training_labels import session_language_label, session_state_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_training import TrainingSessionOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["POLL_MS", "SessionsTab"]

POLL_MS = 2000


class SessionsTab(QStackedWidget):
    session_changed = Signal(object)  # the selected TrainingSessionOut, or None

    def __init__(
        self,
        requests: TrainingRequests,
        *,
        trainer: bool,
        agents: Callable[[], Sequence[AgentOut]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingSessionsTab")
        self._requests = requests
        self._agents = agents
        self.trainer = trainer
        self._generation = 0
        self._end_key: tuple[int, str] | None = None  # reused when ending is tried again
        self._ending = False
        self.dialog: NewSessionDialog | None = None
        self.end_box: QMessageBox | None = None

        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.new_button = QPushButton(objectName="trainingNewSession")
        self.new_button.clicked.connect(self.new_session)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.sessions = SessionsTable()
        self.sessions.itemSelectionChanged.connect(self._session_selected)
        self.empty = PlainLabel(objectName="emptyHint", selectable=False)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.session_title = PlainLabel(objectName="panelTitle")
        self.session_title.setWordWrap(True)
        self.session_facts = PlainLabel(objectName="mutedLabel")
        self.end_button = QPushButton(objectName="trainingEndSession")
        self.end_button.clicked.connect(self.confirm_end)
        self.open_button = QPushButton(objectName="trainingOpenReport")
        self.open_button.clicked.connect(self.open_selected_seat)
        self.seats = SeatsTable()
        self.seats.activated.connect(lambda _index: self.open_selected_seat())
        self.seats.itemSelectionChanged.connect(self._update_buttons)
        self.report = SeatReportPage(requests, read_only=not trainer)
        self.report.back_requested.connect(self.show_overview)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self._tick)

        left = QWidget(objectName="trainingSessionsPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.sessions, 1)
        left_layout.addWidget(self.empty, 1)
        right = QWidget(objectName="trainingSeatsPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.session_title, 1)
        title_row.addWidget(self.end_button)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.session_facts)
        right_layout.addWidget(self.seats, 1)
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_button)
        right_layout.addLayout(open_row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([420, 680])
        head = QHBoxLayout()
        head.addWidget(self.status, 1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.new_button)
        overview = QWidget(objectName="trainingSessionsOverview")
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.overview = overview
        self.addWidget(overview)
        self.addWidget(self.report)
        self.new_button.setVisible(trainer)
        self.seats.setColumnHidden(0, not trainer)  # a trainee sees only their own seats
        self.end_button.setVisible(False)
        self.empty.hide()  # until the first answer says there is nothing
        self.retranslate()

    def retranslate(self) -> None:
        self.new_button.setText(tr("New session…"))
        self.refresh_button.setText(tr("Refresh"))
        self.end_button.setText(tr("End session"))
        self.open_button.setText(tr("Open report"))
        self.empty.setText(
            tr("No training sessions yet. Start one with “New session…”.")
            if self.trainer
            else tr("You have not sat in a training session yet.")
        )
        self.sessions.retranslate()
        self.seats.retranslate()
        self.report.retranslate()
        self._show_session()

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.poll.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.poll.stop()

    def _tick(self) -> None:
        if self.currentWidget() is self.overview:  # the report follows its own seat
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation

        def listed(found: list[TrainingSessionOut]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.set_sessions(found)

        # One request: the list carries every session's seats (a trainee's: their own).
        self._requests.request(lambda c: c.training_sessions(), listed, self._not_updated)

    def _not_updated(self, reason: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(tr("Not updated: {reason}", reason=reason))

    def set_sessions(self, sessions: Sequence[TrainingSessionOut]) -> None:
        had = self.sessions.selected_id()
        self.sessions.fill(sessions)
        count = len(self.sessions.sessions)
        self.status.setText(tr("Sessions: {n}", n=count))
        self.sessions.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        if self.sessions.selected_id() is None and count:
            self.sessions.selectRow(0)  # the newest: usually the class in the room
        elif had == self.sessions.selected_id():
            self._show_session()

    def update_session(self, session: TrainingSessionOut) -> None:
        known = [s if s.id != session.id else session for s in self.sessions.sessions]
        if all(s.id != session.id for s in known):
            known.append(session)
        self.set_sessions(known)

    def current_session(self) -> TrainingSessionOut | None:
        selected = self.sessions.selected_id()
        return next((s for s in self.sessions.sessions if s.id == selected), None)

    def _session_selected(self) -> None:
        self._show_session()

    def _show_session(self) -> None:
        session = self.current_session()
        if session is None:
            self.session_title.setText(tr("Select a session to see its trainees."))
            self.session_facts.setText("")
            self.seats.fill([])
        else:
            self.session_title.setText(session.title)
            facts = [
                tr("Trainer: {name}", name=session.trainer_name),
                session_language_label(session.language),
                session_state_label(session.state),
                tr("created {when}", when=short_datetime(session.created_at)),
            ]
            if session.ended_at is not None:
                facts.append(tr("ended {when}", when=short_datetime(session.ended_at)))
            self.session_facts.setText(" · ".join(facts))
            self.seats.fill(session.seats)
        self._update_buttons()
        self.session_changed.emit(session)

    def _update_buttons(self) -> None:
        session = self.current_session()
        self.end_button.setVisible(
            self.trainer and session is not None and session.state == "running"
        )
        self.end_button.setEnabled(not self._ending)
        self.open_button.setEnabled(self.seats.selected_id() is not None)

    # --- seats -------------------------------------------------------------------------------

    def open_selected_seat(self) -> None:
        seat_id = self.seats.selected_id()
        if seat_id is not None:
            self.open_seat(seat_id)

    def open_seat(self, seat_id: int) -> None:
        self.report.open_seat(seat_id)
        self.setCurrentWidget(self.report)

    def show_overview(self) -> None:
        self.setCurrentWidget(self.overview)
        self.seats.setFocus()
        self.refresh()  # the table was not followed while the report was open

    # --- starting and ending -----------------------------------------------------------------

    def new_session(self) -> None:
        if not self.trainer:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = self.dialog = NewSessionDialog(self._requests, self._agents, self)
        dialog.started.connect(self._started)

        def closed() -> None:
            self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()

    def _started(self, session: TrainingSessionOut) -> None:
        self.update_session(session)
        self.sessions.select_id(session.id)
        self.status.setText(tr("Session “{title}” started.", title=session.title))

    def confirm_end(self) -> None:
        session = self.current_session()
        if session is None or session.state != "running":
            return
        box = self.end_box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("End session"),
            tr(
                "End “{title}” for everyone? Attempts still running stop and are scored as "
                "they are.",
                title=session.title,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is a trainer's text
        box.button(QMessageBox.StandardButton.Yes).setText(tr("End session"))
        session_id = session.id

        def finished(result: int) -> None:
            self.end_box = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self.end_session(session_id)

        box.finished.connect(finished)
        box.open()

    def end_session(self, session_id: int) -> None:
        if self._end_key is None or self._end_key[0] != session_id:
            self._end_key = (session_id, uuid.uuid4().hex)
        key = self._end_key[1]
        self._ending = True
        self._update_buttons()

        def done(session: TrainingSessionOut) -> None:
            if shiboken6.isValid(self):
                self._ending = False
                self._end_key = None
                self.update_session(session)
                self.status.setText(tr("Session “{title}” ended.", title=session.title))

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self._ending = False
                self._update_buttons()
                self.status.setText(tr("The session was not ended: {reason}", reason=reason))

        self._requests.request(
            lambda c: c.end_training_session(session_id, idempotency_key=key), done, failed
        )
