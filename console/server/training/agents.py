"""The people of the training workspace are the live workspace's, copied in when they enter:
the same ids, names and roles (so a session names trainees by their live ids), and a token of
the training workspace's own (a live token opens nothing there, nor the reverse)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import select

from console.api.schemas_training import TRAINING_PATH, TrainingPassOut
from console.server.clock import utcnow
from console.server.models import Agent, AuthToken
from console.server.runtime import Runtime
from console.server.security import new_token, token_hash

__all__ = ["issue_pass", "mirror_agents"]

_COPIED = ("username", "display_name", "role", "languages", "password_hash", "created_at")


def mirror_agents(live: Runtime, training: Runtime, ids: Iterable[int]) -> list[int]:
    """Copies (or refreshes) these live agents into the training workspace; returns the ids
    found in the live workspace."""
    wanted = sorted(set(ids))
    with live.db.read() as session:
        rows = list(session.scalars(select(Agent).where(Agent.id.in_(wanted))))
    with training.db.write() as session:
        for row in rows:
            copy = session.get(Agent, row.id)
            if copy is None:
                copy = Agent(id=row.id)
                session.add(copy)
            for name in _COPIED:
                setattr(copy, name, getattr(row, name))
    return [row.id for row in rows]


def issue_pass(training: Runtime, agent_id: int, session_id: int | None) -> TrainingPassOut:
    """A training-workspace token for an agent already mirrored."""
    token = new_token()
    now = utcnow()
    expires_at = now + timedelta(seconds=training.settings.token_ttl_s)
    with training.db.write() as session:
        session.add(
            AuthToken(
                token_hash=token_hash(token),
                agent_id=agent_id,
                created_at=now,
                expires_at=expires_at,
            )
        )
    return TrainingPassOut(
        path=TRAINING_PATH, token=token, expires_at=expires_at, session_id=session_id
    )
