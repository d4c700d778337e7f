"""Portfolio rows and client pages of the VIP desk.

A portfolio is read in a fixed number of queries however many clients it holds: each fact
(open items and what waits, last contact, next follow-up, risk signals) is one aggregate over
the whole portfolio, never a query per client. The order is the server's: the client who needs
attention first is first (core.vip.sort_by_attention).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_vip import VipClientOut, VipClientSummary, VipItemOut
from console.core.domain import OPEN_STATUSES, EventType, MessageKind, Role, TransferStatus
from console.core.vip import (
    RECENT_SECURITY_HOURS,
    Attention,
    RiskSignal,
    asset_band,
    is_large_withdrawal,
    sort_by_attention,
)
from console.server.clock import utcnow
from console.server.models import Agent, Customer, Message, SecurityEvent, Ticket, Transfer
from console.server.models_chat import ChatConversation, ChatMessage
from console.server.models_vip import VipClient, VipContact, VipFollowUp
from console.server.services import vip_ladder, vip_records
from console.server.services.events import emit
from console.server.services.vip_access import require_client
from console.server.services.vip_timeline import chat_title, client_timeline

__all__ = ["announce", "client_page", "summaries"]

OPEN_CHAT_STATES = ("queued", "offered", "active")
_OPEN_TICKET_STATUSES = tuple(str(s) for s in OPEN_STATUSES)
_REVIEWED_WITHDRAWAL = (str(TransferStatus.PENDING), str(TransferStatus.UNDER_REVIEW))


@dataclass(slots=True)
class OpenItem:
    """An open ticket or chat of a client, and since when the client waits for an answer."""

    kind: str  # "ticket" | "chat"
    id: int
    uid: str
    subject: str
    status: str
    assignee_id: int | None
    updated_at: datetime
    waiting_since: datetime | None


def _in_scope(column: Any, scope: ColumnElement[bool]) -> ColumnElement[bool]:
    return column.in_(select(VipClient.uid).where(scope))


def _open_tickets(session: Session, scope: ColumnElement[bool]) -> list[OpenItem]:
    """Open tickets; one waits while a customer message is newer than the last public reply
    (waiting since the first such message)."""
    is_open = and_(
        Ticket.status.in_(_OPEN_TICKET_STATUSES),
        Ticket.merged_into_id.is_(None),
        _in_scope(Ticket.customer_uid, scope),
    )
    last_reply = (
        select(Message.ticket_id.label("ticket_id"), func.max(Message.created_at).label("at"))
        .join(Ticket, Ticket.id == Message.ticket_id)
        .where(is_open, Message.kind == str(MessageKind.REPLY))
        .group_by(Message.ticket_id)
        .subquery()
    )
    unanswered = and_(
        Message.kind == str(MessageKind.CUSTOMER),
        or_(last_reply.c.at.is_(None), Message.created_at > last_reply.c.at),
    )
    query = (
        select(
            Ticket.id,
            Ticket.customer_uid,
            Ticket.subject,
            Ticket.status,
            Ticket.assignee_id,
            Ticket.updated_at,
            func.min(case((unanswered, Message.created_at))),
        )
        .outerjoin(Message, Message.ticket_id == Ticket.id)
        .outerjoin(last_reply, last_reply.c.ticket_id == Ticket.id)
        .where(is_open)
        .group_by(Ticket.id)
    )
    return [OpenItem("ticket", *row) for row in session.execute(query)]


def _open_chats(session: Session, scope: ColumnElement[bool]) -> list[OpenItem]:
    """Chats in the queue, offered or active; one waits while the customer wrote after the last
    agent message (the bot's answers do not count as an answer)."""
    is_open = and_(
        ChatConversation.state.in_(OPEN_CHAT_STATES),
        _in_scope(ChatConversation.customer_uid, scope),
    )
    last_agent = (
        select(ChatMessage.conversation_id.label("cid"), func.max(ChatMessage.seq).label("seq"))
        .join(ChatConversation, ChatConversation.id == ChatMessage.conversation_id)
        .where(is_open, ChatMessage.sender == "agent")
        .group_by(ChatMessage.conversation_id)
        .subquery()
    )
    unanswered = and_(
        ChatMessage.sender == "customer", ChatMessage.seq > func.coalesce(last_agent.c.seq, 0)
    )
    query = (
        select(
            ChatConversation.id,
            ChatConversation.customer_uid,
            ChatConversation.topic,
            ChatConversation.state,
            func.coalesce(ChatConversation.assigned_agent_id, ChatConversation.offered_agent_id),
            ChatConversation.updated_at,
            func.min(case((unanswered, ChatMessage.created_at))),
        )
        .outerjoin(ChatMessage, ChatMessage.conversation_id == ChatConversation.id)
        .outerjoin(last_agent, last_agent.c.cid == ChatConversation.id)
        .where(is_open)
        .group_by(ChatConversation.id)
    )
    return [
        OpenItem("chat", cid, uid, chat_title(topic), state, assignee, updated, waiting)
        for cid, uid, topic, state, assignee, updated, waiting in session.execute(query)
    ]


def _latest(
    session: Session, queries: Iterable[Select[str | None, datetime]]
) -> dict[str, datetime]:
    """uid -> the latest time any of `queries` (uid, time) gives for it."""
    latest: dict[str, datetime] = {}
    for query in queries:
        for uid, at in session.execute(query):
            if uid is not None and at is not None and (uid not in latest or at > latest[uid]):
                latest[uid] = at
    return latest


def _last_contacts(session: Session, scope: ColumnElement[bool]) -> dict[str, datetime]:
    """The contact log, and the manager's own replies and chat messages to the client."""
    logged = (
        select(VipContact.client_uid, func.max(VipContact.at))
        .join(VipClient, VipClient.uid == VipContact.client_uid)
        .where(scope)
        .group_by(VipContact.client_uid)
    )
    replied = (
        select(Ticket.customer_uid, func.max(Message.created_at))
        .join(Message, Message.ticket_id == Ticket.id)
        .join(
            VipClient,
            and_(
                VipClient.uid == Ticket.customer_uid,
                VipClient.manager_id == Message.author_agent_id,
            ),
        )
        .where(scope, Message.kind == str(MessageKind.REPLY))
        .group_by(Ticket.customer_uid)
    )
    chatted = (
        select(ChatConversation.customer_uid, func.max(ChatMessage.created_at))
        .join(ChatMessage, ChatMessage.conversation_id == ChatConversation.id)
        .join(
            VipClient,
            and_(
                VipClient.uid == ChatConversation.customer_uid,
                VipClient.manager_id == ChatMessage.agent_id,
            ),
        )
        .where(scope, ChatMessage.sender == "agent")
        .group_by(ChatConversation.customer_uid)
    )
    return _latest(session, (logged, replied, chatted))


def _next_follow_ups(session: Session, scope: ColumnElement[bool]) -> dict[str, datetime]:
    query = (
        select(VipFollowUp.client_uid, func.min(VipFollowUp.due_at))
        .join(VipClient, VipClient.uid == VipFollowUp.client_uid)
        .where(scope, VipFollowUp.done_at.is_(None))
        .group_by(VipFollowUp.client_uid)
    )
    return {uid: due for uid, due in session.execute(query) if due is not None}


def _risks(
    session: Session, scope: ColumnElement[bool], now: datetime
) -> dict[str, set[RiskSignal]]:
    risks: dict[str, set[RiskSignal]] = defaultdict(set)
    withdrawals = (
        select(Transfer.customer_uid, Transfer.asset, Transfer.amount)
        .join(VipClient, VipClient.uid == Transfer.customer_uid)
        .where(
            scope,
            Transfer.direction == "withdrawal",
            Transfer.status.in_(_REVIEWED_WITHDRAWAL),
        )
    )
    for uid, asset, amount in session.execute(withdrawals):
        if is_large_withdrawal(asset, amount):
            risks[uid].add(RiskSignal.LARGE_WITHDRAWAL)
    recent = now - timedelta(hours=RECENT_SECURITY_HOURS)
    security = (
        select(SecurityEvent.customer_uid)
        .join(VipClient, VipClient.uid == SecurityEvent.customer_uid)
        .where(scope, SecurityEvent.created_at >= recent)
        .distinct()
    )
    for (uid,) in session.execute(security):
        risks[uid].add(RiskSignal.SECURITY_EVENT)
    return risks


def _portfolio(
    session: Session, scope: ColumnElement[bool], now: datetime
) -> tuple[list[VipClientSummary], list[OpenItem], dict[int, float]]:
    """The scope's rows in attention order, their open items, and the tier targets."""
    clients = session.execute(
        select(VipClient, Customer, Agent.display_name)
        .join(Customer, Customer.uid == VipClient.uid)
        .join(Agent, Agent.id == VipClient.manager_id)
        .where(scope)
    ).all()
    targets = vip_records.tier_targets(session)
    if not clients:
        return [], [], targets
    items = [*_open_tickets(session, scope), *_open_chats(session, scope)]
    by_client: dict[str, list[OpenItem]] = defaultdict(list)
    for item in items:
        by_client[item.uid].append(item)
    contacts = _last_contacts(session, scope)
    follow_ups = _next_follow_ups(session, scope)
    risks = _risks(session, scope, now)
    rows: dict[str, tuple[Attention, VipClientSummary]] = {}
    for client, customer, manager_name in clients:
        target = vip_records.target_delta(targets, customer.vip_tier)
        mine = by_client.get(client.uid, [])
        waits = [i.waiting_since for i in mine if i.waiting_since is not None]
        due_at = min(waits) + target if waits else None
        signals = set(risks.get(client.uid, ()))
        if client.liquidation_near:
            signals.add(RiskSignal.LIQUIDATION_NEAR)
        summary = VipClientSummary(
            uid=client.uid,
            display_name=customer.display_name,
            tier=customer.vip_tier,
            language=customer.language,
            manager_id=client.manager_id,
            manager_name=manager_name,
            backup_manager_id=client.backup_manager_id,
            target_minutes=target.total_seconds() / 60,
            volume_30d_usd=client.volume_30d_usd,
            asset_band=asset_band(client.assets_usd),
            contact_hours=client.contact_hours,
            products=list(client.products or ()),
            open_items=len(mine),
            waiting_items=len(waits),
            due_at=due_at,
            last_contact_at=contacts.get(client.uid),
            next_follow_up_at=follow_ups.get(client.uid),
            risks=sorted(signals),
            updated_at=client.updated_at,
        )
        attention = Attention(
            customer.vip_tier, due_at, frozenset(signals), follow_ups.get(client.uid)
        )
        rows[client.uid] = (attention, summary)
    order = sort_by_attention(((a, uid) for uid, (a, _) in rows.items()), now)
    return [rows[uid][1] for uid in order], items, targets


def summaries(
    session: Session, scope: ColumnElement[bool], now: datetime | None = None
) -> list[VipClientSummary]:
    """Portfolio rows of the VipClient rows matching `scope`, the most urgent first."""
    return _portfolio(session, scope, now or utcnow())[0]


def announce(session: Session, uid: str, also: Iterable[int] = ()) -> int:
    """vip.client.updated with the client's fresh row, to the manager, the backup and `also`
    (each their own audience: nobody else's stream carries it). Returns events written."""
    session.flush()
    rows = summaries(session, VipClient.uid == uid)
    if not rows:
        return 0
    row = rows[0]
    audience = {row.manager_id, *also} | ({row.backup_manager_id} - {None})
    for agent_id in sorted(a for a in audience if a is not None):
        emit(session, EventType.VIP_CLIENT_UPDATED, None, row, audience=agent_id)
    return len(audience)


# --- the client page ---------------------------------------------------------------------------


def _item_out(session: Session, item: OpenItem, target: timedelta, now: datetime) -> VipItemOut:
    # A chat still being routed shows whose step of the ladder it is on.
    conv = session.get(ChatConversation, item.id) if item.kind == "chat" else None
    step = vip_ladder.chat_stage(session, conv, now) if conv is not None else None
    return VipItemOut(
        stage=step[0] if step is not None else None,
        kind=item.kind,
        id=item.id,
        subject=item.subject,
        status=item.status,
        waiting_since=item.waiting_since,
        due_at=item.waiting_since + target if item.waiting_since is not None else None,
        assignee_id=item.assignee_id,
        updated_at=item.updated_at,
    )


def client_page(
    session: Session, agent: AgentOut, uid: str, now: datetime | None = None
) -> VipClientOut:
    """The client page: 404 for a non-VIP, 403 for a manager who is not theirs. Notes are the
    caller's own; a supervisor reads none."""
    now = now or utcnow()
    _client, customer = require_client(session, agent, uid)
    rows, items, targets = _portfolio(session, VipClient.uid == uid, now)
    target = vip_records.target_delta(targets, customer.vip_tier)
    never = datetime.max.replace(tzinfo=now.tzinfo)
    ordered = sorted(items, key=lambda i: (i.waiting_since or never, -i.updated_at.timestamp()))
    notes = vip_records.own_notes(session, agent, uid) if agent.role == Role.VIP_MANAGER else []
    return VipClientOut(
        **rows[0].model_dump(),
        email=customer.email,
        phone=customer.phone,
        kyc_level=customer.kyc_level,
        account_status=customer.account_status,
        region=customer.region,
        items=[_item_out(session, i, target, now) for i in ordered],
        timeline=client_timeline(session, uid, now),
        notes=notes,
        follow_ups=vip_records.client_follow_ups(session, uid),
        contacts=vip_records.client_contacts(session, uid),
    )
