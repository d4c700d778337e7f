"""Agents' chat status: online / away / offline, capacity, and the heartbeat (every status PUT).

Going away gives back the offers an agent has not accepted; going offline, or a heartbeat older
than the agent timeout, gives back their active chats too: each goes back to the queue with a
system message to the customer, and every message stays where it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_chat import AgentChatStatusOut, ChatStatusUpdate
from console.core.domain import Category, EventType
from console.server.clock import utcnow
from console.server.models import Agent
from console.server.models_chat import ChatAgentState
from console.server.services import chat_queue, chat_texts, events
from console.server.services.chat_context import ChatContext
from console.server.services.chat_records import append, touch

ALL_SKILLS = "all"


def effective_status(state: ChatAgentState | None, now: datetime, ctx: ChatContext) -> str:
    """The status as set, except that an agent without a fresh heartbeat is offline."""
    if state is None or state.heartbeat_at < now - timedelta(seconds=ctx.agent_timeout_s):
        return "offline"
    return state.status


def status_out(
    agent: Agent, state: ChatAgentState | None, load: int, ctx: ChatContext, now: datetime
) -> AgentChatStatusOut:
    skills = state.skills if state is not None and state.skills is not None else None
    return AgentChatStatusOut(
        agent_id=agent.id,
        status=effective_status(state, now, ctx),
        capacity=state.capacity if state is not None else ctx.default_capacity,
        active=load,
        languages=list(agent.languages or ()),
        skills=list(skills) if skills is not None else [c.value for c in Category],
    )


def list_statuses(session: Session, ctx: ChatContext) -> list[AgentChatStatusOut]:
    now = utcnow()
    load = chat_queue.loads(session)
    states = {s.agent_id: s for s in session.scalars(select(ChatAgentState))}
    return [
        status_out(agent, states.get(agent.id), load.get(agent.id, 0), ctx, now)
        for agent in session.scalars(select(Agent).order_by(Agent.id))
    ]


def _emit_status(
    session: Session, agent: Agent, state: ChatAgentState, ctx: ChatContext, now: datetime
) -> AgentChatStatusOut:
    load = chat_queue.loads(session).get(agent.id, 0)
    out = status_out(agent, state, load, ctx, now)
    events.emit(session, EventType.CHAT_STATUS_CHANGED, None, out)
    return out


def release_chats(session: Session, agent_id: int, now: datetime, *, active_too: bool) -> int:
    """Puts the agent's offers (and with active_too their active chats) back in the queue."""
    released = 0
    for conv in chat_queue.chats_of_agent(session, agent_id):
        if conv.state == "offered":
            chat_queue.take_back_offer(conv, now, declined=False)
        elif active_too:
            conv.missed_ids = sorted({*(conv.missed_ids or ()), agent_id})
            chat_queue.enqueue(conv, now)
            append(
                session,
                conv,
                "system",
                chat_texts.text_for("agent_left", conv.language),
                author_name=chat_texts.SYSTEM_NAME,
                now=now,
            )
        else:
            continue
        touch(session, conv, now)
        released += 1
    return released


def put_status(
    session: Session, ctx: ChatContext, actor: AgentOut, data: ChatStatusUpdate
) -> AgentChatStatusOut:
    """Sets the status (and capacity); every call is also a heartbeat. Routes afterwards."""
    now = utcnow()
    agent = session.get(Agent, actor.id)
    assert agent is not None
    state = session.scalar(
        select(ChatAgentState).where(ChatAgentState.agent_id == actor.id).with_for_update()
    )
    was = (effective_status(state, now, ctx), state.capacity if state is not None else None)
    if state is None:
        state = ChatAgentState(
            agent_id=actor.id,
            status=data.status,
            capacity=data.capacity or ctx.default_capacity,
            skills=None,
            heartbeat_at=now,
            last_offer_at=None,
            updated_at=now,
        )
        session.add(state)
    else:
        state.status = data.status
        if data.capacity is not None:
            state.capacity = data.capacity
        state.heartbeat_at = now
        state.updated_at = now
    session.flush()
    if data.status != "online":
        release_chats(session, actor.id, now, active_too=data.status == "offline")
    changed = was != (state.status, state.capacity)
    out = _emit_status(session, agent, state, ctx, now) if changed else None
    chat_queue.route(session, ctx, now)
    if out is None:
        load = chat_queue.loads(session).get(agent.id, 0)
        out = status_out(agent, state, load, ctx, now)
    return out


def expire_stale(session: Session, ctx: ChatContext, now: datetime | None = None) -> int:
    """Agents whose heartbeat is older than the timeout go offline and give their chats back;
    returns how many chats went back to the queue."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=ctx.agent_timeout_s)
    stale = list(
        session.scalars(
            select(ChatAgentState)
            .where(ChatAgentState.status != "offline", ChatAgentState.heartbeat_at < cutoff)
            .with_for_update()
        )
    )
    released = 0
    for state in stale:
        state.status = "offline"
        state.updated_at = now
        released += release_chats(session, state.agent_id, now, active_too=True)
        agent = session.get(Agent, state.agent_id)
        if agent is not None:
            _emit_status(session, agent, state, ctx, now)
    return released


def present(session: Session, ctx: ChatContext, agent_id: int, now: datetime) -> bool:
    """Online with a fresh heartbeat."""
    return effective_status(session.get(ChatAgentState, agent_id), now, ctx) == "online"
