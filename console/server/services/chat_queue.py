"""The queue in the database: putting chats in it, taking offers back, and routing (the pure rules
are in chat_routing.py). Everything runs in the caller's write transaction and emits its events
there. A chat of a VIP desk client is routed by the ladder: its client's manager, backup and
tier target are read here (ladders())."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from console.api.schemas_chat import ConversationOut
from console.core.domain import Role
from console.core.vip import target_for
from console.server.clock import utcnow
from console.server.models import Agent, Customer
from console.server.models_chat import ChatAgentState, ChatConversation
from console.server.models_vip import VipClient
from console.server.services import chat_routing, vip_records
from console.server.services.chat_context import ChatContext
from console.server.services.chat_records import touch
from console.server.services.chat_routing import AgentSlot, Waiting
from console.server.services.vip_routing import Ladder

RECENT_HANDLED = 20
# Who the VIP queue (the ladder's last step) is offered to first.
VIP_TEAM = frozenset({str(Role.VIP_MANAGER), str(Role.SUPERVISOR)})


def loads(session: Session) -> Counter[int]:
    """Chats offered to or active with each agent."""
    counts: Counter[int] = Counter()
    rows = session.execute(
        select(
            ChatConversation.state,
            ChatConversation.offered_agent_id,
            ChatConversation.assigned_agent_id,
        ).where(ChatConversation.state.in_(("offered", "active")))
    )
    for state, offered, assigned in rows:
        agent_id = offered if state == "offered" else assigned
        if agent_id is not None:
            counts[agent_id] += 1
    return counts


def agent_slots(session: Session, ctx: ChatContext, *, lock: bool = False) -> list[AgentSlot]:
    load = loads(session)
    query = select(ChatAgentState, Agent.languages, Agent.role).join(
        Agent, Agent.id == ChatAgentState.agent_id
    )
    if lock:
        query = query.with_for_update(of=ChatAgentState)
    return [
        AgentSlot(
            agent_id=state.agent_id,
            status=state.status,
            heartbeat_at=state.heartbeat_at,
            capacity=state.capacity,
            load=load.get(state.agent_id, 0),
            languages=frozenset(languages or ()),
            skills=frozenset(state.skills) if state.skills is not None else None,
            last_offer_at=state.last_offer_at,
            vip_team=role in VIP_TEAM,
        )
        for state, languages, role in session.execute(query)
    ]


def waiting(session: Session, *, lock: bool = False) -> list[tuple[ChatConversation, Waiting]]:
    query = select(ChatConversation).where(ChatConversation.state == "queued")
    if lock:
        query = query.with_for_update()
    return [(row, waiting_of(row)) for row in session.scalars(query)]


def waiting_of(row: ChatConversation) -> Waiting:
    return Waiting(
        conversation_id=row.id,
        priority=row.priority,
        vip_tier=row.vip_tier,
        queued_at=row.queued_at or row.created_at,
        language=row.language,
        topic=row.topic,
        account_manager_id=row.account_manager_id,
        declined=frozenset(row.declined_ids or ()),
        missed=frozenset(row.missed_ids or ()),
    )


def enqueue(conv: ChatConversation, now: datetime) -> None:
    """Back in (or into) the queue; a chat keeps the place it first joined it at."""
    conv.state = "queued"
    conv.offered_agent_id = None
    conv.offered_at = None
    conv.assigned_agent_id = None
    conv.agent_typing_until = None
    if conv.queued_at is None:
        conv.queued_at = now


def offer(conv: ChatConversation, agent_id: int, now: datetime) -> None:
    conv.state = "offered"
    conv.offered_agent_id = agent_id
    conv.offered_at = now
    conv.assigned_agent_id = None


def take_back_offer(conv: ChatConversation, now: datetime, *, declined: bool) -> None:
    """The offered agent declined (never offered it again) or let it time out (offered again
    only when nobody else can take it)."""
    agent_id = conv.offered_agent_id
    if agent_id is not None:
        if declined:
            conv.declined_ids = sorted({*(conv.declined_ids or ()), agent_id})
        else:
            conv.missed_ids = sorted({*(conv.missed_ids or ()), agent_id})
    enqueue(conv, now)


def ladders(
    session: Session, uids: Iterable[str | None], targets: Mapping[int, float] | None = None
) -> dict[str, Ladder]:
    """The ladder of each customer in `uids` who is a client of the VIP desk (others: absent);
    `targets`: the tier targets when the caller has read them already."""
    wanted = sorted({u for u in uids if u is not None})
    if not wanted:
        return {}
    rows = session.execute(
        select(VipClient.uid, VipClient.manager_id, VipClient.backup_manager_id, Customer.vip_tier)
        .join(Customer, Customer.uid == VipClient.uid)
        .where(VipClient.uid.in_(wanted))
    ).all()
    if not rows:
        return {}
    if targets is None:
        targets = vip_records.tier_targets(session)
    return {
        uid: Ladder(manager, backup, target_for(tier, targets))
        for uid, manager, backup, tier in rows
    }


def with_ladders(
    session: Session, queued: list[tuple[ChatConversation, Waiting]]
) -> list[tuple[ChatConversation, Waiting]]:
    """The queue with the ladder of every VIP desk client's chat; one lookup, and none at all
    when no VIP is waiting."""
    vips = [row.customer_uid for row, _ in queued if row.vip_tier > 0]
    found = ladders(session, vips) if vips else {}
    if not found:
        return queued
    return [
        (row, replace(w, ladder=found[row.customer_uid]) if row.customer_uid in found else w)
        for row, w in queued
    ]


def route(session: Session, ctx: ChatContext, now: datetime | None = None) -> list[ConversationOut]:
    """Offers waiting chats to eligible agents (none to agents in training); returns the
    conversations offered."""
    if not ctx.routes:
        return []
    now = now or utcnow()
    queued = waiting(session, lock=True)
    if not queued:
        return []
    away = ctx.agents_away()
    slots = [s for s in agent_slots(session, ctx, lock=True) if s.agent_id not in away]
    if not slots:
        return []
    queued = with_ladders(session, queued)
    offers = chat_routing.assign([w for _, w in queued], slots, now, ctx.agent_timeout_s)
    if not offers:
        return []
    rows = {row.id: row for row, _ in queued}
    states = {
        s.agent_id: s
        for s in session.scalars(
            select(ChatAgentState).where(ChatAgentState.agent_id.in_([a for _, a in offers]))
        )
    }
    offered: list[ConversationOut] = []
    for conversation_id, agent_id in offers:
        conv = rows[conversation_id]
        offer(conv, agent_id, now)
        states[agent_id].last_offer_at = now
        offered.append(touch(session, conv, now))
    return offered


def average_handle_s(session: Session, ctx: ChatContext) -> float:
    """Mean time from accept to end of the last handled chats; the setting until there are some."""
    rows = session.execute(
        select(ChatConversation.accepted_at, ChatConversation.ended_at)
        .where(ChatConversation.accepted_at.is_not(None), ChatConversation.ended_at.is_not(None))
        .order_by(ChatConversation.ended_at.desc())
        .limit(RECENT_HANDLED)
    ).all()
    spans = [
        (end - start).total_seconds()
        for start, end in rows
        if start is not None and end is not None and end >= start
    ]
    if len(spans) < 3:
        return ctx.average_handle_s
    return max(10.0, sum(spans) / len(spans))


def queue_info(
    session: Session, ctx: ChatContext, conv: ChatConversation
) -> tuple[int | None, int | None]:
    """(queue position, estimated wait in seconds) of a queued chat; (None, None) otherwise."""
    if conv.state != "queued":
        return None, None
    positions = chat_routing.queue_positions(w for _, w in waiting(session))
    position = positions.get(conv.id)
    if position is None:
        return None, None
    return position, chat_routing.estimated_wait_s(position, average_handle_s(session, ctx))


def chats_of_agent(session: Session, agent_id: int) -> list[ChatConversation]:
    """Conversations offered to or active with the agent, for update."""
    return list(
        session.scalars(
            select(ChatConversation)
            .where(
                or_(
                    and_(
                        ChatConversation.state == "offered",
                        ChatConversation.offered_agent_id == agent_id,
                    ),
                    and_(
                        ChatConversation.state == "active",
                        ChatConversation.assigned_agent_id == agent_id,
                    ),
                )
            )
            .order_by(ChatConversation.id)
            .with_for_update()
        )
    )
