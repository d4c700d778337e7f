"""Routes of the training workspace (served there alone, under /training/api/v1): scenarios,
sessions and their seats, reports and comments, a trainee's history, knowledge-base quizzes.

The role matrix (access.py) says who may call each; the services check the finer rules (a
trainee's own seats). Writes go through run_mutation, so an Idempotency-Key makes them safe to
repeat.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from sqlalchemy.orm import Session

from console.api.schemas import ErrorBody
from console.api.schemas_training import (
    CommentCreate,
    CommentOut,
    QuizAnswersIn,
    QuizCreate,
    QuizOut,
    QuizResultOut,
    ScenarioSummaryOut,
    ScenarioTextIn,
    ScenarioTextOut,
    SeatReportOut,
    TraineeHistoryOut,
    TrainingSessionCreate,
    TrainingSessionOut,
)
from console.server.clock import utcnow
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services.ticket_query import MAX_ID
from console.server.training import busy, quiz, reports, scenarios, sessions

__all__ = ["TRAINING_ROUTERS"]

router = APIRouter(tags=["training"])

ScenarioId = Annotated[str, Path(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    422: {"model": ErrorBody},
}

# --- scenarios --------------------------------------------------------------------------------


@router.get("/training/scenarios", response_model=list[ScenarioSummaryOut])
def list_scenarios(runtime: RuntimeDep, _agent: AgentDep) -> list[ScenarioSummaryOut]:
    with runtime.db.read() as session:
        return scenarios.list_summaries(session)


@router.get("/training/scenarios/{scenario_id}", response_model=ScenarioTextOut, responses=_ERRORS)
def get_scenario(scenario_id: ScenarioId, runtime: RuntimeDep, _agent: AgentDep) -> ScenarioTextOut:
    with runtime.db.read() as session:
        return scenarios.get_text(session, scenario_id)


@router.put("/training/scenarios/{scenario_id}", response_model=ScenarioTextOut, responses=_ERRORS)
def put_scenario(
    scenario_id: ScenarioId,
    body: ScenarioTextIn,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    """Saves a trainer's version (checked as the files are; 422 invalid_scenario names the
    field). A new id makes a new scenario."""
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, scenarios.save_text(session, agent.id, scenario_id, body.toml)),
    )


# --- sessions ---------------------------------------------------------------------------------


@router.get("/training/sessions", response_model=list[TrainingSessionOut])
def list_sessions(runtime: RuntimeDep, agent: AgentDep) -> list[TrainingSessionOut]:
    """Newest first; a trainee sees the sessions they sit in, with their own seats only."""
    with runtime.db.read() as session:
        return sessions.list_sessions(session, agent)


@router.post(
    "/training/sessions", status_code=201, response_model=TrainingSessionOut, responses=_ERRORS
)
def start_session(
    body: TrainingSessionCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """Every trainee (an agent of the live workspace) works through the scenarios in order,
    one at a time; each one's first seat starts at once."""
    prepared = sessions.prepare_session(runtime, body)

    def action(session: Session) -> tuple[int, TrainingSessionOut]:
        return 201, sessions.create_session(session, agent, body, prepared, utcnow())

    try:
        return run_mutation(runtime, agent, idem, action)
    finally:
        busy.forget(runtime)


@router.get("/training/sessions/{session_id}", response_model=TrainingSessionOut, responses=_ERRORS)
def get_session(session_id: RowId, runtime: RuntimeDep, agent: AgentDep) -> TrainingSessionOut:
    with runtime.db.read() as session:
        return sessions.get_session(session, agent, session_id)


@router.post(
    "/training/sessions/{session_id}/end", response_model=TrainingSessionOut, responses=_ERRORS
)
def end_session(
    session_id: RowId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """Finishes every seat where it stands, scoring the ones that ran."""
    try:
        return run_mutation(
            runtime,
            agent,
            idem,
            lambda session: (200, sessions.end_session(session, session_id, utcnow())),
        )
    finally:
        busy.forget(runtime)


# --- reports, comments, history ---------------------------------------------------------------


@router.get("/training/seats/{seat_id}/report", response_model=SeatReportOut, responses=_ERRORS)
def seat_report(seat_id: RowId, runtime: RuntimeDep, agent: AgentDep) -> SeatReportOut:
    with runtime.db.read() as session:
        return reports.seat_report(session, agent, seat_id)


@router.post(
    "/training/seats/{seat_id}/comments",
    status_code=201,
    response_model=CommentOut,
    responses=_ERRORS,
)
def add_comment(
    seat_id: RowId,
    body: CommentCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, reports.add_comment(session, agent, seat_id, body.body)),
    )


@router.get(
    "/training/trainees/{agent_id}/history", response_model=TraineeHistoryOut, responses=_ERRORS
)
def trainee_history(agent_id: RowId, runtime: RuntimeDep, agent: AgentDep) -> TraineeHistoryOut:
    """A trainee's seats across sessions, oldest first (a trainee: their own only)."""
    with runtime.db.read() as session:
        return reports.trainee_history(session, agent, agent_id)


# --- quizzes ----------------------------------------------------------------------------------


@router.post("/training/quizzes", status_code=201, response_model=QuizOut, responses=_ERRORS)
def create_quiz(
    body: QuizCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """Questions from the knowledge base in the asked language, without their answers."""
    return run_mutation(
        runtime, agent, idem, lambda session: (201, quiz.create_quiz(session, agent, body))
    )


@router.post("/training/quizzes/{quiz_id}/answers", response_model=QuizResultOut, responses=_ERRORS)
def answer_quiz(
    quiz_id: RowId,
    body: QuizAnswersIn,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, quiz.answer_quiz(session, agent, quiz_id, body)),
    )


TRAINING_ROUTERS: list[APIRouter] = [router]
