"""One trainee's attempt at one scenario, as trainer and trainee read it: the total and the
verdict (a failed attempt says so in red, with why), the points per rubric item and where they
were lost, what was expected and done or missed, anything forbidden that was done, the first
response time, whether it was resolved; the transcript replay; and the trainer's comments.

Everything a person wrote (transcript, comments, reasons) is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.training.report import PASS_MARK
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.training.seat_comments import SeatComments
from console.ui.training.training_labels import (
    clock_text,
    report_verdict,
    rubric_item_label,
    score_text,
    seat_state_label,
    verdict_text,
)
from console.ui.training.transcript_replay import TranscriptReplay
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import CommentOut, SeatReportOut

__all__ = ["SeatReportView"]

RUBRIC_MAX_HEIGHT = 600  # six items at most in practice; the pane scrolls beyond that
ITEM_WIDTH = 150  # item names wrap; the reasons take the rest


def _restyle(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def expectations_text(report: SeatReportOut) -> str:
    lines = [tr("✓ Done: {what}", what=what) for what in report.expected_done]
    lines += [tr("✗ Missed: {what}", what=what) for what in report.expected_missed]
    lines += [tr("⚠ Forbidden, done: {what}", what=what) for what in report.forbidden_done]
    return "\n".join(lines) or tr("This scenario lists no expected or forbidden actions.")


class SeatReportView(QWidget):
    comment_requested = Signal(int, str, str)  # seat id, body, idempotency key

    def __init__(self, *, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingReport")
        self.report: SeatReportOut | None = None
        self.title = PlainLabel(objectName="viewTitle")
        self.title.setWordWrap(True)
        self.subtitle = PlainLabel(objectName="mutedLabel", selectable=False)
        self.subtitle.setWordWrap(True)
        self.badge = PlainLabel(objectName="trainingVerdict", selectable=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total = PlainLabel(objectName="trainingTotal", selectable=False)
        self.fail_reasons = PlainLabel(objectName="trainingFailReasons")
        self.fail_reasons.setWordWrap(True)
        self.facts = PlainLabel(objectName="trainingFacts")
        self.facts.setWordWrap(True)
        self.rubric_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.rubric = QTableWidget(0, 4, objectName="trainingRubric")
        self.rubric.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rubric.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rubric.verticalHeader().hide()
        self.rubric.setWordWrap(True)
        header = self.rubric.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, ITEM_WIDTH)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self._fit_rubric())
        self.expect_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.expectations = PlainLabel(objectName="trainingExpectations")
        self.expectations.setWordWrap(True)
        self.replay_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.replay = TranscriptReplay()
        self.comments = SeatComments(read_only=read_only)
        self.comments.send_requested.connect(self.comment_requested)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.total)
        head.addWidget(self.badge)

        score = QWidget(objectName="trainingScorePane")
        left = QVBoxLayout(score)
        left.setContentsMargins(0, 0, 8, 0)
        left.addWidget(self.rubric_title)
        left.addWidget(self.rubric)
        left.addWidget(self.expect_title)
        left.addWidget(self.expectations)
        left.addWidget(self.comments, 1)
        # Long reasons and many comments scroll here rather than squeeze into each other.
        score_scroll = QScrollArea(objectName="trainingScoreScroll")
        score_scroll.setWidgetResizable(True)
        score_scroll.setFrameShape(QFrame.Shape.NoFrame)
        score_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        score_scroll.setWidget(score)
        score_column = QWidget(objectName="trainingScoreColumn")
        score_layout = QVBoxLayout(score_column)
        score_layout.setContentsMargins(0, 0, 0, 0)
        score_layout.addWidget(score_scroll, 1)
        score_layout.addWidget(self.comments.compose)  # always in view, whatever scrolls above
        replay = QWidget(objectName="trainingReplayPane")
        right = QVBoxLayout(replay)
        right.setContentsMargins(6, 0, 0, 0)
        right.addWidget(self.replay_title)
        right.addWidget(self.replay, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(score_column)
        self.split.addWidget(replay)
        self.split.setStretchFactor(0, 4)
        self.split.setStretchFactor(1, 5)
        self.split.setSizes([480, 600])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(head)
        layout.addWidget(self.fail_reasons)
        layout.addWidget(self.facts)
        layout.addWidget(self.split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.rubric_title.setText(tr("Score by item"))
        self.rubric.setHorizontalHeaderLabels(
            [tr("Item"), tr("Weight"), tr("Points"), tr("Where points were lost")]
        )
        self.expect_title.setText(tr("Expected and forbidden actions"))
        self.replay_title.setText(tr("Transcript replay"))
        self.replay.retranslate()
        self.comments.retranslate()
        self.show_report(self.report)

    def show_report(self, report: SeatReportOut | None) -> None:
        """Show this report; the same seat again (a refresh) keeps the replay's position."""
        new_seat = report is None or self.report is None or report.seat.id != self.report.seat.id
        self.report = report
        self.split.setVisible(report is not None)
        self.facts.setVisible(report is not None)
        self.total.setVisible(report is not None)
        if report is None:
            self.title.setText(tr("Open an attempt to see its report."))
            self.subtitle.setText("")
            self.badge.hide()
            self.fail_reasons.hide()
            return
        seat = report.seat
        self.title.setText(f"{seat.trainee_name} · {seat.scenario_title}")
        self.subtitle.setText(self._subtitle(report))
        self.total.setText(tr("{points} / 100", points=score_text(report.total)))
        value = report_verdict(report)
        self.badge.setVisible(bool(value))
        self.badge.setText(verdict_text(value))
        self.badge.setProperty("verdict", value)
        _restyle(self.badge)
        self.fail_reasons.setVisible(report.failed)
        if report.failed:
            reasons = "\n".join(f"• {reason}" for reason in report.fail_reasons)
            self.fail_reasons.setText(
                tr("FAILED whatever the points:") + ("\n" + reasons if reasons else "")
            )
        self.facts.setText(self._facts(report))
        self._fill_rubric(report)
        self.expectations.setText(expectations_text(report))
        self.replay.set_steps(report.transcript, reset=new_seat)
        self.comments.show_comments(seat.id, report.comments)

    def _subtitle(self, report: SeatReportOut) -> str:
        seat = report.seat
        parts = [
            tr("Scenario {n}", n=seat.position + 1),
            seat_state_label(seat.state),
        ]
        if seat.started_at is not None:
            parts.append(tr("started {when}", when=short_datetime(seat.started_at)))
        if seat.finished_at is not None:
            parts.append(tr("finished {when}", when=short_datetime(seat.finished_at)))
        return " · ".join(parts)

    def _facts(self, report: SeatReportOut) -> str:
        first = (
            clock_text(report.first_response_s)
            if report.first_response_s is not None
            else tr("no reply")
        )
        return " · ".join(
            [
                tr("First response: {time}", time=first),
                tr("Resolved: {answer}", answer=tr("yes") if report.resolved else tr("no")),
                tr("Pass mark: {points}", points=score_text(PASS_MARK)),
            ]
        )

    def _fill_rubric(self, report: SeatReportOut) -> None:
        self.rubric.setRowCount(len(report.items))
        for row, item in enumerate(report.items):
            cells = [
                rubric_item_label(item.kind),
                str(item.weight),
                score_text(item.points),
                "\n".join(item.lost),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (1, 2):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.rubric.setItem(row, column, cell)
        self._fit_rubric()

    def _fit_rubric(self) -> None:
        """The rubric is a handful of rows: shown whole, its height following wrapped text."""
        self.rubric.resizeRowsToContents()
        rows = sum(self.rubric.rowHeight(r) for r in range(self.rubric.rowCount()))
        frame = 2 * self.rubric.frameWidth()
        header = self.rubric.horizontalHeader().sizeHint().height()
        self.rubric.setFixedHeight(min(header + rows + frame + 2, RUBRIC_MAX_HEIGHT))

    # --- comments ----------------------------------------------------------------------------

    def comment_sent(self, comment: CommentOut) -> None:
        self.comments.sent(comment)

    def comment_failed(self, reason: str) -> None:
        self.comments.failed(reason)
