"""Training sessions: a trainer puts trainees (agents of the live workspace) through scenarios.

Starting one checks the trainees in the live workspace and copies them in, refreshes the
knowledge base from the live one, snapshots each scenario into its seats (trainee x scenario, in
the order given) and starts every trainee's first seat. Ending one finishes and scores every seat
where it stands. Trainers and supervisors see every session; a trainee sees the sessions they
sit in, with their own seats only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_training import SeatOut, TrainingSessionCreate, TrainingSessionOut
from console.core.domain import Role
from console.core.training.loader import ScenarioError
from console.server.access import TRAINING
from console.server.errors import ApiError
from console.server.models import Agent
from console.server.models_training import TrainingSeat, TrainingSession
from console.server.runtime import Runtime
from console.server.training import seats
from console.server.training.agents import mirror_agents
from console.server.training.invitations import agents_in_training
from console.server.training.scenarios import ScenarioSource, scenario_title, workspace_scenarios
from console.server.training.seed import copy_knowledge_base

__all__ = [
    "PreparedSession",
    "create_session",
    "end_session",
    "get_session",
    "is_trainer",
    "list_sessions",
    "prepare_session",
    "seat_out",
]

log = logging.getLogger("console.server")

# Who can be a trainee: the roles that work tickets and chats with customers.
TRAINEE_ROLES = frozenset({str(Role.AGENT), str(Role.VIP_MANAGER), str(Role.SUPERVISOR)})


def is_trainer(agent: AgentOut) -> bool:
    return Role(agent.role) in TRAINING


def _invalid(loc: Sequence[str | int], message: str) -> ApiError:
    return ApiError(
        422, "invalid_request", message, [{"loc": list(loc), "msg": message, "type": "value_error"}]
    )


def names_of(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Agent.id, Agent.display_name).where(Agent.id.in_(wanted)))
    return {agent_id: name for agent_id, name in rows}


def seat_title(seat: TrainingSeat, language: str) -> str:
    try:
        return scenario_title(seats.scenario_of(seat), language)
    except ScenarioError:
        return seat.scenario_id


def seat_out(seat: TrainingSeat, names: dict[int, str], language: str) -> SeatOut:
    return SeatOut(
        id=seat.id,
        session_id=seat.session_id,
        trainee_id=seat.trainee_id,
        trainee_name=names.get(seat.trainee_id, f"#{seat.trainee_id}"),
        scenario_id=seat.scenario_id,
        scenario_title=seat_title(seat, language),
        position=seat.position,
        state=seat.state,
        started_at=seat.started_at,
        finished_at=seat.finished_at,
        ticket_id=seat.ticket_id,
        conversation_id=seat.conversation_id,
        score=seat.score,
        failed=seat.failed,
        passed=seat.passed,
    )


def _session_out(
    training: TrainingSession, rows: Sequence[TrainingSeat], names: dict[int, str]
) -> TrainingSessionOut:
    return TrainingSessionOut(
        id=training.id,
        title=training.title,
        trainer_id=training.trainer_id,
        trainer_name=names.get(training.trainer_id, f"#{training.trainer_id}"),
        language=training.language,
        state=training.state,
        created_at=training.created_at,
        ended_at=training.ended_at,
        seats=[seat_out(seat, names, training.language) for seat in rows],
    )


def _outs(
    session: Session, found: Sequence[TrainingSession], only_trainee: int | None
) -> list[TrainingSessionOut]:
    if not found:
        return []
    query = select(TrainingSeat).where(TrainingSeat.session_id.in_([t.id for t in found]))
    if only_trainee is not None:
        query = query.where(TrainingSeat.trainee_id == only_trainee)
    by_session: dict[int, list[TrainingSeat]] = {t.id: [] for t in found}
    for seat in session.scalars(
        query.order_by(TrainingSeat.trainee_id, TrainingSeat.position, TrainingSeat.id)
    ):
        by_session[seat.session_id].append(seat)
    people = {t.trainer_id for t in found} | {
        seat.trainee_id for rows in by_session.values() for seat in rows
    }
    names = names_of(session, people)
    return [_session_out(t, by_session[t.id], names) for t in found]


def list_sessions(session: Session, agent: AgentOut) -> list[TrainingSessionOut]:
    """Newest first: every session for trainers, one's own (and own seats) for a trainee."""
    query = select(TrainingSession).order_by(TrainingSession.id.desc())
    only: int | None = None
    if not is_trainer(agent):
        only = agent.id
        mine = select(TrainingSeat.session_id).where(TrainingSeat.trainee_id == agent.id)
        query = query.where(TrainingSession.id.in_(mine))
    return _outs(session, list(session.scalars(query)), only)


def load_session(session: Session, session_id: int) -> TrainingSession:
    found = session.get(TrainingSession, session_id)
    if found is None:
        raise ApiError(404, "not_found", "Training session not found.")
    return found


def get_session(session: Session, agent: AgentOut, session_id: int) -> TrainingSessionOut:
    found = load_session(session, session_id)
    if is_trainer(agent):
        return _outs(session, [found], None)[0]
    out = _outs(session, [found], agent.id)[0]
    if not out.seats:
        raise ApiError(403, "forbidden", "You have no seat in this training session.")
    return out


class PreparedSession:
    """A session request checked against both workspaces, its trainees copied in."""

    def __init__(self, trainee_ids: list[int], sources: dict[str, ScenarioSource]) -> None:
        self.trainee_ids = trainee_ids
        self.sources = sources


def _check_trainees(live: Runtime, ids: list[int]) -> list[int]:
    unique = list(dict.fromkeys(ids))
    with live.db.read() as session:
        rows = session.execute(select(Agent.id, Agent.role).where(Agent.id.in_(unique)))
        roles = {agent_id: role for agent_id, role in rows}
    for index, agent_id in enumerate(ids):
        if agent_id not in roles:
            raise _invalid(["body", "trainee_ids", index], f"No agent with id {agent_id}.")
        if roles[agent_id] not in TRAINEE_ROLES:
            raise _invalid(
                ["body", "trainee_ids", index],
                f"Agent {agent_id} is a {roles[agent_id]}: only desk agents take training.",
            )
    return unique


def _check_scenarios(training: Runtime, body: TrainingSessionCreate) -> dict[str, ScenarioSource]:
    with training.db.read() as session:
        available = workspace_scenarios(session)
    for index, scenario_id in enumerate(body.scenario_ids):
        source = available.get(scenario_id)
        if source is None:
            raise _invalid(["body", "scenario_ids", index], f"No scenario {scenario_id!r}.")
        if body.language not in source.scenario.languages:
            raise _invalid(
                ["body", "language"],
                f"Scenario {scenario_id!r} is not written in {body.language!r}.",
            )
    return {sid: available[sid] for sid in body.scenario_ids}


def prepare_session(training: Runtime, body: TrainingSessionCreate) -> PreparedSession:
    """Checks the request (422), copies the trainees and the knowledge base in."""
    live = training.live
    if live is None:
        raise ApiError(404, "not_found", "This workspace has no live workspace to train for.")
    trainee_ids = _check_trainees(live, body.trainee_ids)
    sources = _check_scenarios(training, body)
    mirror_agents(live, training, trainee_ids)
    try:
        copy_knowledge_base(live, training)
    except Exception:
        # The articles copied before stay: a session still runs on them.
        log.exception("training: the knowledge base could not be refreshed from the live one")
    return PreparedSession(trainee_ids, sources)


def create_session(
    session: Session,
    trainer: AgentOut,
    body: TrainingSessionCreate,
    prepared: PreparedSession,
    now: datetime,
) -> TrainingSessionOut:
    busy = agents_in_training(session) & set(prepared.trainee_ids)
    if busy:
        names = ", ".join(sorted(names_of(session, busy).values()))
        raise ApiError(
            409, "conflict", f"Already in a running training session: {names}. End it first."
        )
    training = TrainingSession(
        title=body.title.strip() or body.title,
        trainer_id=trainer.id,
        language=body.language,
        state="running",
        created_at=now,
    )
    session.add(training)
    session.flush()
    for trainee_id in prepared.trainee_ids:
        for position, scenario_id in enumerate(body.scenario_ids):
            session.add(
                TrainingSeat(
                    session_id=training.id,
                    trainee_id=trainee_id,
                    scenario_id=scenario_id,
                    position=position,
                    state="waiting",
                    scenario_toml=prepared.sources[scenario_id].toml,
                )
            )
    session.flush()
    for trainee_id in prepared.trainee_ids:
        first = seats.next_waiting(session, training.id, trainee_id)
        if first is not None:
            seats.start(session, first, training.language, now)
    log.info(
        "training session %d started: %d trainees, %d scenarios",
        training.id,
        len(prepared.trainee_ids),
        len(body.scenario_ids),
    )
    return _outs(session, [training], None)[0]


def end_session(session: Session, session_id: int, now: datetime) -> TrainingSessionOut:
    """Finishes every seat as it stands (idempotent: an ended session is returned as it is)."""
    training = load_session(session, session_id)
    if training.state == "running":
        for seat in session.scalars(
            select(TrainingSeat).where(
                TrainingSeat.session_id == training.id, TrainingSeat.state != "finished"
            )
        ):
            seats.finish(session, seat, training.language, now)
        training.state = "ended"
        training.ended_at = now
        session.flush()
    return _outs(session, [training], None)[0]
