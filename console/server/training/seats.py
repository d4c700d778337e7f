"""A seat's life: started (its customer and ticket or chat made), scored while it runs (the
trainer's live view), finished and scored for good, then the trainee's next seat started; a
session whose seats are all finished ends by itself.

The stored report is the wire SeatReportOut without its seat and comments (models_training).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_training import ItemScoreOut, StepOut
from console.core.training import scoring
from console.core.training.model import Scenario
from console.core.training.record import AttemptRecord
from console.core.training.report import Report
from console.server.models_training import TrainingSeat, TrainingSession
from console.server.training import personas
from console.server.training.attempt import build_record
from console.server.training.scenarios import parsed

__all__ = [
    "end_if_done",
    "finish",
    "next_waiting",
    "refresh_score",
    "report_of",
    "scenario_of",
    "start",
]

log = logging.getLogger("console.server")


def scenario_of(seat: TrainingSeat) -> Scenario:
    """The scenario as it was when the seat was made."""
    return parsed(seat.scenario_toml, seat.scenario_id)


def start(session: Session, seat: TrainingSeat, language: str, now: datetime) -> None:
    personas.start_seat(session, seat, scenario_of(seat), language, now)


def report_of(report: Report, record: AttemptRecord) -> dict[str, Any]:
    """The stored form of a report and its transcript."""
    return {
        "items": [
            ItemScoreOut(
                kind=i.kind, weight=i.weight, points=i.points, lost=list(i.lost)
            ).model_dump(mode="json")
            for i in report.items
        ],
        "total": report.total,
        "passed": report.passed,
        "failed": report.failed,
        "fail_reasons": list(report.fail_reasons),
        "first_response_s": report.first_response_s,
        "resolved": report.resolved,
        "expected_done": list(report.expected_done),
        "expected_missed": list(report.expected_missed),
        "forbidden_done": list(report.forbidden_done),
        "transcript": [
            StepOut(
                at_s=s.at_s, actor=s.actor, action=s.action, text=s.text, turn_id=s.turn_id
            ).model_dump(mode="json")
            for s in record.steps
        ],
    }


def score_now(
    session: Session,
    seat: TrainingSeat,
    language: str,
    now: datetime,
    *,
    finished: bool = False,
    record: AttemptRecord | None = None,
) -> dict[str, Any]:
    if record is None:
        record = build_record(session, seat, language, now, finished=finished)
    return report_of(scoring.score(scenario_of(seat), record), record)


def _store(seat: TrainingSeat, stored: dict[str, Any]) -> bool:
    """Keeps the report on the seat; False when nothing changed (no write needed)."""
    if seat.report == stored:
        return False
    seat.report = stored
    seat.score = float(stored["total"])
    seat.failed = bool(stored["failed"])
    seat.passed = bool(stored["passed"])
    return True


def refresh_score(seat: TrainingSeat, stored: dict[str, Any]) -> bool:
    """The live score of a running seat."""
    return _store(seat, stored)


def finish(session: Session, seat: TrainingSeat, language: str, now: datetime) -> None:
    """Ends the seat where it stands and scores it for good (a seat never started: no score)."""
    if seat.state == "finished":
        return
    seat.finished_at = now
    if seat.state == "running":
        _store(seat, score_now(session, seat, language, now, finished=True))
    seat.state = "finished"
    session.flush()


def next_waiting(session: Session, session_id: int, trainee_id: int) -> TrainingSeat | None:
    return session.scalar(
        select(TrainingSeat)
        .where(
            TrainingSeat.session_id == session_id,
            TrainingSeat.trainee_id == trainee_id,
            TrainingSeat.state == "waiting",
        )
        .order_by(TrainingSeat.position, TrainingSeat.id)
        .limit(1)
    )


def end_if_done(session: Session, training: TrainingSession, now: datetime) -> bool:
    """Ends a running session none of whose seats is left to work; True when it did."""
    if training.state != "running":
        return False
    left = session.scalar(
        select(TrainingSeat.id)
        .where(TrainingSeat.session_id == training.id, TrainingSeat.state != "finished")
        .limit(1)
    )
    if left is not None:
        return False
    training.state = "ended"
    training.ended_at = now
    session.flush()
    log.info("training session %d: every seat finished, session ended", training.id)
    return True
