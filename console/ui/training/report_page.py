"""A seat's report as a page of its own ("← Back" returns to the session): loads the report,
follows a running attempt every POLL_MS while on screen, and sends the trainer's comments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.ui.i18n import tr
from console.ui.training.seat_report import SeatReportView
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import CommentOut, SeatReportOut
    from console.ui.training.ports import TrainingRequests

__all__ = ["POLL_MS", "SeatReportPage"]

POLL_MS = 2000


class SeatReportPage(QWidget):
    back_requested = Signal()

    def __init__(
        self, requests: TrainingRequests, *, read_only: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainingReportPage")
        self._requests = requests
        self.seat_id: int | None = None
        self._generation = 0
        self.back_button = QPushButton(objectName="trainingReportBack")
        self.back_button.clicked.connect(self.back_requested)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.view = SeatReportView(read_only=read_only)
        self.view.comment_requested.connect(self._send_comment)
        self.poll = QTimer(self, interval=POLL_MS)
        self.poll.timeout.connect(self.refresh)
        top = QHBoxLayout()
        top.setContentsMargins(12, 0, 12, 0)
        top.addWidget(self.back_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(tr("← Back to the session"))
        self.view.retranslate()

    def open_seat(self, seat_id: int) -> None:
        if seat_id != self.seat_id:
            self.view.show_report(None)
        self.seat_id = seat_id
        self.status.setText(tr("Loading…"))
        self.refresh()

    def refresh(self) -> None:
        seat_id = self.seat_id
        if seat_id is None:
            return
        self._generation += 1
        generation = self._generation

        def done(report: SeatReportOut) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.status.setText("")
                self.view.show_report(report)
                self._follow(report)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.status.setText(tr("Not updated: {reason}", reason=reason))

        self._requests.request(lambda c: c.seat_report(seat_id), done, failed)

    def _follow(self, report: SeatReportOut) -> None:
        """A running attempt is followed while on screen; a finished one no longer changes
        except for comments, which are added here when sent."""
        if report.seat.state != "finished" and self.isVisible():
            self.poll.start()
        else:
            self.poll.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.view.report is not None:
            self._follow(self.view.report)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.poll.stop()

    def _send_comment(self, seat_id: int, body: str, key: str) -> None:
        def done(comment: CommentOut) -> None:
            if shiboken6.isValid(self):
                self.view.comment_sent(comment)

        def failed(reason: str) -> None:
            if shiboken6.isValid(self):
                self.view.comment_failed(reason)

        def call(client: Any) -> Any:
            return client.comment_on_seat(seat_id, body, idempotency_key=key)

        self._requests.request(call, done, failed)
