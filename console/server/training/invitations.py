"""Which running training session an agent has a seat in: what their live console asks to
offer "join training", and what keeps live chats away from them meanwhile."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_training import TrainingInvitationOut
from console.server.models import Agent
from console.server.models_training import TrainingSeat, TrainingSession

__all__ = ["agents_in_training", "invitation_for"]


def invitation_for(session: Session, agent_id: int) -> TrainingInvitationOut | None:
    """The newest running session where this agent still has a seat to work."""
    row = session.execute(
        select(TrainingSession, Agent.display_name)
        .join(TrainingSeat, TrainingSeat.session_id == TrainingSession.id)
        .join(Agent, Agent.id == TrainingSession.trainer_id)
        .where(
            TrainingSeat.trainee_id == agent_id,
            TrainingSeat.state != "finished",
            TrainingSession.state == "running",
        )
        .order_by(TrainingSession.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    found, trainer_name = row
    return TrainingInvitationOut(
        session_id=found.id,
        title=found.title,
        trainer_name=trainer_name,
        created_at=found.created_at,
    )


def agents_in_training(session: Session) -> set[int]:
    """Agents with a seat still to work in a running session."""
    return set(
        session.scalars(
            select(TrainingSeat.trainee_id)
            .join(TrainingSession, TrainingSession.id == TrainingSeat.session_id)
            .where(TrainingSeat.state != "finished", TrainingSession.state == "running")
            .distinct()
        )
    )
