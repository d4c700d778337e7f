"""Support API v1 wire schemas of mock-ticket training: scenarios, sessions, seats (one trainee's
attempt at one scenario), reports with transcripts, trainer comments and knowledge-base quizzes.

Training runs in its own workspace: the same API served under `TRAINING_PATH` with its own
database and its own tokens. The live API has two operations only: `POST /training/enter`
(a token for the training workspace) and `GET /training/invitation` (is a session waiting for
me). Everything else below is served by the training workspace alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "TRAINING_ID_FLOOR",
    "TRAINING_PATH",
    "TRAINING_UID_PREFIX",
    "CommentCreate",
    "CommentOut",
    "ItemScoreOut",
    "QuizAnswersIn",
    "QuizCreate",
    "QuizOut",
    "QuizQuestionOut",
    "QuizResultOut",
    "QuizResultRow",
    "ScenarioSummaryOut",
    "ScenarioTextIn",
    "ScenarioTextOut",
    "SeatOut",
    "SeatReportOut",
    "StepOut",
    "TraineeHistoryOut",
    "TraineeHistoryRow",
    "TrainingInvitationOut",
    "TrainingPassOut",
    "TrainingSessionCreate",
    "TrainingSessionOut",
]

# The training workspace's API lives under this path of the same server: <root>/training/api/v1.
TRAINING_PATH: Final = "/training"
# Tickets and chats of the training workspace are numbered from here; live ones stay below, so
# an id says which workspace it belongs to and each side refuses the other's.
TRAINING_ID_FLOOR: Final = 1_000_000_000
# Simulated customers' UIDs start with this; live UIDs never do.
TRAINING_UID_PREFIX: Final = "TRN-"

SeatState = Literal["waiting", "running", "finished"]
SessionState = Literal["running", "ended"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


# --- the live side: entering the training workspace -------------------------------------------


class TrainingPassOut(_Response):
    """A token for the training workspace at `path` (relative to the server's root URL)."""

    path: str
    token: str
    expires_at: datetime
    # The session the agent has a seat in (trainees), else None (trainers, a quiz).
    session_id: int | None = None


class TrainingInvitationOut(_Response):
    session_id: int
    title: str
    trainer_name: str
    created_at: datetime


# --- scenarios --------------------------------------------------------------------------------


class ScenarioSummaryOut(_Response):
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    channel: str  # "ticket" | "chat"
    category: str
    languages: list[str]
    time_limit_s: float
    tags: list[str] = []
    # Changed in the app by a trainer (the workspace's copy differs from the shipped file).
    edited: bool = False


class ScenarioTextOut(_Response):
    id: str
    toml: str
    edited: bool = False


class ScenarioTextIn(_Request):
    toml: str = Field(min_length=1, max_length=200_000)


# --- sessions and seats -----------------------------------------------------------------------


class TrainingSessionCreate(_Request):
    title: str = Field(min_length=1, max_length=200)
    trainee_ids: list[int] = Field(min_length=1, max_length=50)
    # Each trainee works through these in order, one at a time.
    scenario_ids: list[str] = Field(min_length=1, max_length=30)
    language: str = Field(default="en", pattern="^(zh|en)$")


class SeatOut(_Response):
    id: int
    session_id: int
    trainee_id: int
    trainee_name: str
    scenario_id: str
    scenario_title: str  # in the session's language
    position: int  # 0-based order within the trainee's scenarios
    state: SeatState
    started_at: datetime | None = None
    finished_at: datetime | None = None
    ticket_id: int | None = None
    conversation_id: int | None = None
    # Points so far (running) or final (finished); None before the seat starts.
    score: float | None = None
    failed: bool = False
    passed: bool = False


class TrainingSessionOut(_Response):
    id: int
    title: str
    trainer_id: int
    trainer_name: str
    language: str
    state: SessionState
    created_at: datetime
    ended_at: datetime | None = None
    seats: list[SeatOut] = []


class ItemScoreOut(_Response):
    kind: str
    weight: int
    points: float
    lost: list[str] = []


class StepOut(_Response):
    at_s: float
    actor: str  # "customer" | "agent" | "system"
    action: str
    text: str = ""
    turn_id: str = ""


class CommentOut(_Response):
    id: int
    seat_id: int
    author_id: int
    author_name: str
    body: str
    created_at: datetime


class CommentCreate(_Request):
    body: str = Field(min_length=1, max_length=5000)


class SeatReportOut(_Response):
    seat: SeatOut
    items: list[ItemScoreOut] = []
    total: float = 0.0
    passed: bool = False
    failed: bool = False
    fail_reasons: list[str] = []
    first_response_s: float | None = None
    resolved: bool = False
    expected_done: list[str] = []
    expected_missed: list[str] = []
    forbidden_done: list[str] = []
    transcript: list[StepOut] = []
    comments: list[CommentOut] = []


class TraineeHistoryRow(_Response):
    session_id: int
    session_title: str
    seat_id: int
    scenario_id: str
    scenario_title: str
    score: float | None
    failed: bool
    finished_at: datetime | None


class TraineeHistoryOut(_Response):
    trainee_id: int
    trainee_name: str
    rows: list[TraineeHistoryRow] = []


# --- quizzes from the knowledge base ----------------------------------------------------------


class QuizCreate(_Request):
    questions: int = Field(default=5, ge=1, le=20)
    language: str = Field(default="en", pattern="^(zh|en|ja|ko)$")
    category: str | None = None


class QuizQuestionOut(_Response):
    id: int
    prompt: str
    choices: list[str]
    article_id: int
    article_title: str


class QuizOut(_Response):
    id: int
    language: str
    questions: list[QuizQuestionOut]


class QuizAnswersIn(_Request):
    # question id -> index of the chosen choice
    answers: dict[int, int]


class QuizResultRow(_Response):
    question_id: int
    chosen: int | None
    correct: int
    right: bool
    article_id: int
    article_title: str


class QuizResultOut(_Response):
    quiz_id: int
    right: int
    total: int
    rows: list[QuizResultRow] = []
