"""Tables of mock-ticket training. They are filled only in the training workspace's database
(the live one has them, empty): sessions, seats (one trainee's attempt at one scenario, in
order), trainers' comments, scenarios edited in the app, and knowledge-base quizzes.

A seat points at the mock ticket or chat it runs on and keeps its last scored report as JSON
(the schemas_training.SeatReportOut fields without seat/comments), refreshed while it runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class TrainingSession(Base):
    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    trainer_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="running")  # running | ended
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class TrainingSeat(Base):
    __tablename__ = "training_seats"
    __table_args__ = (
        Index("ix_training_seats_session", "session_id"),
        Index("ix_training_seats_trainee", "trainee_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    trainee_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    scenario_id: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="waiting")  # waiting|running|finished
    customer_uid: Mapped[str | None] = mapped_column(String(64), default=None)
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    conversation_id: Mapped[int | None] = mapped_column(Integer, default=None)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    score: Mapped[float | None] = mapped_column(Float, default=None)
    failed: Mapped[bool] = mapped_column(default=False)
    passed: Mapped[bool] = mapped_column(default=False)
    # The scenario as it was when the seat started (TOML): an edit later changes no result.
    scenario_toml: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class TrainingComment(Base):
    __tablename__ = "training_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seat_id: Mapped[int] = mapped_column(
        ForeignKey("training_seats.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainingScenarioText(Base):
    """A scenario as a trainer saved it in the app; it overrides the shipped file of that id."""

    __tablename__ = "training_scenarios"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    toml: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainingQuiz(Base):
    __tablename__ = "training_quizzes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    # [{"id", "prompt", "choices", "correct", "article_id", "article_title"}, ...]
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    right: Mapped[int | None] = mapped_column(Integer, default=None)
