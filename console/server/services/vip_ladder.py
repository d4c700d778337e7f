"""The routing ladder of VIP items in the database: manager, then backup, then the VIP queue.

A VIP desk client's ticket that waits on an answer (their word is the last public one) belongs
first to their manager, then to the backup, then to the VIP queue (unassigned), each step a share
of the tier's target (vip_routing.py). A ticket is placed when the client writes (the hook in
messages.py) and moved on by the sweep as each share runs out. A chat offered to the manager or
backup within their share is taken back when the share ends, so the next step starts on time
(the chat's own ladder is chat_routing's). And the managers hear when their client writes.

Presence, for tickets as for chats, is the chat status: online with a fresh heartbeat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import ScalarSelect, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from console.api.schemas import TicketUpdate
from console.core.domain import MessageKind, TicketStatus
from console.core.vip import MAX_TIER, MIN_TIER, RoutingStage, VipAlertKind, target_for
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models import Message, Ticket
from console.server.models_chat import ChatAgentState, ChatConversation, ChatMessage
from console.server.models_vip import VipClient
from console.server.services import (
    chat_queue,
    chat_routing,
    tickets,
    vip_alerts,
    vip_records,
    vip_routing,
)
from console.server.services.chat_context import ChatContext
from console.server.services.chat_records import touch

__all__ = [
    "ALERT_QUIET_S",
    "chat_queued",
    "chat_stage",
    "client_wrote_chat",
    "client_wrote_ticket",
    "sweep_ladder",
    "ticket_moves",
]

# A client writing several chat lines in a row alerts once: again only after an agent's answer,
# or after this long without a word from them.
ALERT_QUIET_S = 60.0
# Statuses in which a ticket waits for the support side (pending waits for the customer,
# on hold for another department).
_WAITING = (str(TicketStatus.NEW), str(TicketStatus.OPEN))
_DEFAULT_CTX = ChatContext()  # the chat settings' defaults, for callers without a runtime


@dataclass(frozen=True, slots=True)
class TicketMove:
    ticket_id: int
    was: int | None  # the assignee when decided: a ticket changed since is left alone
    to: int | None


def _present(
    session: Session, ids: Iterable[int | None], now: datetime, timeout_s: float
) -> set[int]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return set()
    cutoff = now - timedelta(seconds=timeout_s)
    return set(
        session.scalars(
            select(ChatAgentState.agent_id).where(
                ChatAgentState.agent_id.in_(wanted),
                ChatAgentState.status == "online",
                ChatAgentState.heartbeat_at >= cutoff,
            )
        )
    )


def _waiting_since() -> ScalarSelect[datetime]:
    """Per ticket: the client's oldest message since the last public reply (NULL when the last
    public word is support's). Two index seeks a ticket (ix_messages_ticket_created)."""
    reply, said = aliased(Message), aliased(Message)
    last_reply = (
        select(func.max(reply.created_at))
        .where(reply.ticket_id == Ticket.id, reply.kind == str(MessageKind.REPLY))
        .correlate(Ticket)
        .scalar_subquery()
    )
    return (
        select(func.min(said.created_at))
        .where(
            said.ticket_id == Ticket.id,
            said.kind == str(MessageKind.CUSTOMER),
            or_(last_reply.is_(None), said.created_at > last_reply),
        )
        .correlate(Ticket)
        .scalar_subquery()
    )


def ticket_moves(
    session: Session,
    now: datetime,
    timeout_s: float,
    ticket_ids: Sequence[int] | None = None,
) -> list[TicketMove]:
    """Every VIP ticket (of `ticket_ids`, or all) waiting on an answer whose ladder step is not
    where it sits. The query leaves out what cannot move, so an idle pass reads little: tickets
    someone else holds, answered ones, and unassigned ones past every tier's backup share (in
    the VIP queue for good)."""
    targets = vip_records.tier_targets(session)
    longest = max(target_for(tier, targets) for tier in range(MIN_TIER, MAX_TIER + 1))
    settled = now - longest * 2 / 3
    since = _waiting_since()
    columns = (Ticket.id, Ticket.assignee_id, Ticket.customer_uid, since)
    live = (Ticket.status.in_(_WAITING), Ticket.merged_into_id.is_(None))
    # Two queries, each on an index of tickets (assignee, updated_at): an OR of both would
    # read every open VIP ticket.
    queued = (
        select(*columns)
        .join(VipClient, VipClient.uid == Ticket.customer_uid)
        # A message bumps updated_at: a ticket not updated since `settled` waits since before.
        .where(Ticket.assignee_id.is_(None), Ticket.updated_at > settled, *live, since > settled)
    )
    desk = select(VipClient.manager_id).union(select(VipClient.backup_manager_id))
    held = (
        select(*columns)
        .join(
            VipClient,
            and_(
                VipClient.uid == Ticket.customer_uid,
                # Held by anyone else: someone took it up, the ladder leaves it alone.
                or_(
                    Ticket.assignee_id == VipClient.manager_id,
                    Ticket.assignee_id == VipClient.backup_manager_id,
                ),
            ),
        )
        .where(Ticket.assignee_id.in_(desk), *live, since.is_not(None))
    )
    if ticket_ids is not None:
        queued = queued.where(Ticket.id.in_(ticket_ids))
        held = held.where(Ticket.id.in_(ticket_ids))
    candidates = [*session.execute(queued).all(), *session.execute(held).all()]
    if not candidates:
        return []
    ladders = chat_queue.ladders(session, (c.customer_uid for c in candidates), targets)
    people = [i for lad in ladders.values() for i in (lad.manager_id, lad.backup_manager_id)]
    present = _present(session, people, now, timeout_s)
    moves = []
    for ticket_id, assignee, uid, waiting_since in candidates:
        assert waiting_since is not None
        ladder = ladders.get(uid)
        if ladder is None:
            continue
        move, to = vip_routing.ticket_assignee(
            ladder,
            waiting_since,
            now,
            assignee,
            manager_present=ladder.manager_id in present,
            backup_present=ladder.backup_manager_id in present,
        )
        if move:
            moves.append(TicketMove(ticket_id, assignee, to))
    return moves


def _apply(session: Session, moves: Sequence[TicketMove]) -> int:
    """Reassigns like any other change of assignee (ticket.updated); the server's own doing,
    so nothing for the audit log."""
    moved = 0
    for move in moves:
        ticket = session.get(Ticket, move.ticket_id)
        if ticket is None or ticket.assignee_id != move.was:
            continue
        tickets.update_ticket(session, move.ticket_id, TicketUpdate(assignee_id=move.to))
        moved += 1
    return moved


def _offers_overdue(
    session: Session, now: datetime, *, lock: bool = False
) -> list[ChatConversation]:
    """VIP desk chats offered to their manager (backup) whose share of the target has ended."""
    query = (
        select(ChatConversation)
        .join(VipClient, VipClient.uid == ChatConversation.customer_uid)
        .where(ChatConversation.state == "offered")
    )
    if lock:
        query = query.with_for_update(of=ChatConversation)
    rows = list(session.scalars(query))
    if not rows:
        return []
    ladders = chat_queue.ladders(session, (r.customer_uid for r in rows))
    overdue = []
    for conv in rows:
        ladder = ladders.get(conv.customer_uid or "")
        arrived = conv.queued_at or conv.created_at
        if (
            ladder is not None
            and conv.offered_agent_id is not None
            and conv.offered_at is not None
            and vip_routing.offer_overdue(
                ladder, arrived, conv.offered_agent_id, conv.offered_at, now
            )
        ):
            overdue.append(conv)
    return overdue


def sweep_ladder(db: Database, now: datetime | None = None, ctx: ChatContext | None = None) -> int:
    """Moves VIP tickets whose step ran out to the next step and takes back chat offers whose
    step ended; returns how many moved. Reads first: most passes find nothing and write nothing.
    A second pass at the same moment moves nothing."""
    now = now or utcnow()
    ctx = ctx or _DEFAULT_CTX
    with db.read() as session:
        due = bool(ticket_moves(session, now, ctx.agent_timeout_s))
        due = due or bool(_offers_overdue(session, now))
    if not due:
        return 0
    with db.write() as session:
        # Decided again inside the transaction: the read above may be stale by now.
        moved = _apply(session, ticket_moves(session, now, ctx.agent_timeout_s))
        overdue = _offers_overdue(session, now, lock=True)
        for conv in overdue:
            chat_queue.take_back_offer(conv, now, declined=False)
            touch(session, conv, now)
        if overdue:
            session.flush()
            chat_queue.route(session, ctx, now)
    return moved + len(overdue)


# --- the client writes -------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def client_wrote_ticket(
    session: Session, ticket: Ticket, now: datetime | None = None, ctx: ChatContext | None = None
) -> None:
    """A VIP desk client's new ticket or message: the ticket goes to whoever's step it is, and
    the manager and backup are alerted. Nothing for anyone else."""
    if session.get(VipClient, ticket.customer_uid) is None:
        return
    now = now or utcnow()
    timeout_s = (ctx or _DEFAULT_CTX).agent_timeout_s
    session.flush()
    _apply(session, ticket_moves(session, now, timeout_s, [ticket.id]))
    ladder = chat_queue.ladders(session, [ticket.customer_uid]).get(ticket.customer_uid)
    since = session.scalar(select(_waiting_since()).where(Ticket.id == ticket.id))
    title = _one_line(f"New message on ticket #{ticket.id}: {ticket.subject}")
    vip_alerts.alert_managers(
        session,
        ticket.customer_uid,
        VipAlertKind.MESSAGE,
        title,
        ticket_id=ticket.id,
        due_at=since + ladder.target if ladder is not None and since is not None else None,
    )


def chat_queued(session: Session, conv: ChatConversation) -> None:
    """A VIP desk client's chat reached the queue: their managers are told at once, with the
    moment the tier's target runs out."""
    if conv.customer_uid is None or conv.vip_tier <= 0:
        return
    ladder = chat_queue.ladders(session, [conv.customer_uid]).get(conv.customer_uid)
    if ladder is None:
        return
    title = _one_line(f"New chat #{conv.id} from {conv.customer_name}")
    arrived = conv.queued_at or conv.created_at
    vip_alerts.alert_managers(
        session,
        conv.customer_uid,
        VipAlertKind.MESSAGE,
        title,
        conversation_id=conv.id,
        due_at=arrived + ladder.target,
    )


def chat_stage(
    session: Session,
    conv: ChatConversation,
    now: datetime | None = None,
    ctx: ChatContext | None = None,
) -> tuple[RoutingStage, datetime] | None:
    """The ladder step of a VIP desk client's chat still being routed (queued or offered) and
    when it hands over, as the portfolio shows it (VipItemOut.stage); None for other chats."""
    if conv.state not in ("queued", "offered") or conv.customer_uid is None:
        return None
    ladder = chat_queue.ladders(session, [conv.customer_uid]).get(conv.customer_uid)
    if ladder is None:
        return None
    now = now or utcnow()
    ctx = ctx or _DEFAULT_CTX
    arrived = conv.queued_at or conv.created_at
    if conv.offered_agent_id is not None and conv.offered_at is not None:
        step = vip_routing.offered_stage(ladder, arrived, conv.offered_agent_id, conv.offered_at)
    else:
        slots = {s.agent_id: s for s in chat_queue.agent_slots(session, ctx)}
        chat = replace(chat_queue.waiting_of(conv), ladder=ladder)
        queued = chat_routing.ladder_stage(chat, slots, now, ctx.agent_timeout_s)
        if queued is None:
            return None
        step = queued
    return step, vip_routing.due_at(ladder, arrived, step)


def client_wrote_chat(session: Session, conv: ChatConversation, now: datetime) -> None:
    """A VIP desk client wrote in a chat a person (or the queue) has. Alerted once per burst:
    not when the client's previous line (bot and system lines aside) is theirs and younger than
    ALERT_QUIET_S. The chat's own messages say so; no alert bookkeeping is needed."""
    if conv.customer_uid is None or conv.vip_tier <= 0:
        return
    previous = session.execute(
        select(ChatMessage.sender, ChatMessage.created_at)
        .where(
            ChatMessage.conversation_id == conv.id,
            ChatMessage.seq < conv.last_seq,
            ChatMessage.sender.in_(("customer", "agent")),
        )
        .order_by(ChatMessage.seq.desc())
        .limit(1)
    ).first()
    if previous is not None:
        sender, at = previous
        if sender == "customer" and at > now - timedelta(seconds=ALERT_QUIET_S):
            return
    title = _one_line(f"New message in chat #{conv.id} from {conv.customer_name}")
    vip_alerts.alert_managers(
        session, conv.customer_uid, VipAlertKind.MESSAGE, title, conversation_id=conv.id
    )
