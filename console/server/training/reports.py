"""What a seat came to: its report (points per rubric item, where points were lost, the
transcript of what the customer and the trainee did), the trainer's comments on it, and a
trainee's results across sessions (to compare one session with the next).

Trainees read their own seats and history only (403 otherwise); trainers and supervisors all.
A running seat is scored afresh for each request; a finished one answers its stored report.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_training import (
    CommentOut,
    SeatReportOut,
    TraineeHistoryOut,
    TraineeHistoryRow,
)
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Agent
from console.server.models_training import TrainingComment, TrainingSeat, TrainingSession
from console.server.training import seats
from console.server.training.sessions import is_trainer, names_of, seat_out, seat_title

__all__ = ["add_comment", "seat_report", "trainee_history"]


def _not_yours() -> ApiError:
    return ApiError(403, "forbidden", "This is another trainee's training.")


def _load_seat(session: Session, agent: AgentOut, seat_id: int) -> TrainingSeat:
    seat = session.get(TrainingSeat, seat_id)
    if seat is None:
        raise ApiError(404, "not_found", "Training seat not found.")
    if not is_trainer(agent) and seat.trainee_id != agent.id:
        raise _not_yours()
    return seat


def _comments(session: Session, seat_id: int) -> list[CommentOut]:
    rows = list(
        session.scalars(
            select(TrainingComment)
            .where(TrainingComment.seat_id == seat_id)
            .order_by(TrainingComment.created_at, TrainingComment.id)
        )
    )
    names = names_of(session, (r.author_id for r in rows))
    return [_comment_out(r, names) for r in rows]


def _comment_out(row: TrainingComment, names: dict[int, str]) -> CommentOut:
    return CommentOut(
        id=row.id,
        seat_id=row.seat_id,
        author_id=row.author_id,
        author_name=names.get(row.author_id, f"#{row.author_id}"),
        body=row.body,
        created_at=row.created_at,
    )


def seat_report(session: Session, agent: AgentOut, seat_id: int) -> SeatReportOut:
    seat = _load_seat(session, agent, seat_id)
    training = session.get(TrainingSession, seat.session_id)
    assert training is not None
    language = training.language
    if seat.state == "running":
        stored = seats.score_now(session, seat, language, utcnow())
    else:
        stored = seat.report or {}
    out = seat_out(seat, names_of(session, [seat.trainee_id]), language)
    if seat.state == "running":  # the seat's live score, as fresh as the report
        out.score = float(stored["total"])
        out.failed = bool(stored["failed"])
        out.passed = bool(stored["passed"])
    return SeatReportOut.model_validate(
        {**stored, "seat": out, "comments": _comments(session, seat.id)}
    )


def add_comment(session: Session, author: AgentOut, seat_id: int, body: str) -> CommentOut:
    seat = _load_seat(session, author, seat_id)
    text = body.strip()
    if not text:
        raise ApiError(
            422,
            "invalid_request",
            "A comment needs text.",
            [{"loc": ["body", "body"], "msg": "empty", "type": "value_error"}],
        )
    row = TrainingComment(seat_id=seat.id, author_id=author.id, body=text, created_at=utcnow())
    session.add(row)
    session.flush()
    return _comment_out(row, {author.id: author.display_name})


def trainee_history(session: Session, agent: AgentOut, trainee_id: int) -> TraineeHistoryOut:
    """Every seat of one trainee, oldest session first."""
    if not is_trainer(agent) and trainee_id != agent.id:
        raise _not_yours()
    trainee = session.get(Agent, trainee_id)
    if trainee is None:
        raise ApiError(404, "not_found", "No such trainee in the training workspace.")
    rows = session.execute(
        select(TrainingSeat, TrainingSession)
        .join(TrainingSession, TrainingSession.id == TrainingSeat.session_id)
        .where(TrainingSeat.trainee_id == trainee_id)
        .order_by(TrainingSession.id, TrainingSeat.position, TrainingSeat.id)
    ).all()
    return TraineeHistoryOut(
        trainee_id=trainee.id,
        trainee_name=trainee.display_name,
        rows=[
            TraineeHistoryRow(
                session_id=training.id,
                session_title=training.title,
                seat_id=seat.id,
                scenario_id=seat.scenario_id,
                scenario_title=seat_title(seat, training.language),
                score=seat.score,
                failed=seat.failed,
                finished_at=seat.finished_at,
            )
            for seat, training in rows
        ],
    )
