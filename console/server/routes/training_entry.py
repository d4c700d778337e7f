"""The live workspace's two training operations: a token for the training workspace, and the
session an agent is invited to. Nothing of training's content is served here."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter

from console.api.schemas_training import TrainingInvitationOut, TrainingPassOut
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.runtime import Runtime
from console.server.training.agents import issue_pass, mirror_agents
from console.server.training.invitations import invitation_for

router = APIRouter(tags=["training"])


def _training(runtime: Runtime) -> Runtime:
    if runtime.training is None:
        raise ApiError(404, "not_found", "This server has no training workspace.")
    return runtime.training


def _enter(runtime: Runtime, agent_id: int) -> TrainingPassOut:
    training = _training(runtime)
    mirror_agents(runtime, training, [agent_id])
    with training.db.read() as session:
        invited = invitation_for(session, agent_id)
    return issue_pass(training, agent_id, invited.session_id if invited else None)


@router.post("/training/enter", response_model=TrainingPassOut)
async def enter(runtime: RuntimeDep, agent: AgentDep) -> TrainingPassOut:
    """A token of the training workspace for the signed-in agent (their own account there)."""
    return await anyio.to_thread.run_sync(_enter, runtime, agent.id)


def _invitation(runtime: Runtime, agent_id: int) -> TrainingInvitationOut | None:
    training = _training(runtime)
    with training.db.read() as session:
        return invitation_for(session, agent_id)


@router.get("/training/invitation", response_model=TrainingInvitationOut | None)
async def invitation(runtime: RuntimeDep, agent: AgentDep) -> TrainingInvitationOut | None:
    """The running session the agent has a seat in, or null."""
    return await anyio.to_thread.run_sync(_invitation, runtime, agent.id)
