"""A conversation from the agent's side: the lists, accepting or declining an offer, writing,
read marks, typing, transfer and end."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_chat import (
    ChatMessageCreate,
    ChatMessageOut,
    ChatTransfer,
    ChatTypingOut,
    ConversationOut,
)
from console.core.domain import EventType, Role
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Agent
from console.server.models_chat import ChatConversation
from console.server.services import (
    audit,
    chat_agents,
    chat_attachments,
    chat_queue,
    events,
    outgoing_guard,
)
from console.server.services.chat_context import ChatContext
from console.server.services.chat_conversations import end, say_system, typing_until
from console.server.services.chat_records import (
    append,
    conflict,
    conversation_out,
    existing_message,
    load_conversation,
    owner,
    touch,
)
from console.server.services.chat_routing import queue_order

MAX_LISTED = 500


def list_conversations(
    session: Session, agent: AgentOut, scope: Literal["mine", "queue", "all"]
) -> list[ConversationOut]:
    query = select(ChatConversation)
    if scope == "mine":
        query = query.where(
            or_(
                and_(
                    ChatConversation.state == "offered",
                    ChatConversation.offered_agent_id == agent.id,
                ),
                and_(
                    ChatConversation.state == "active",
                    ChatConversation.assigned_agent_id == agent.id,
                ),
            )
        )
    elif scope == "queue":
        queued = dict(chat_queue.waiting(session))
        by_id = {row.id: row for row in queued}
        return [conversation_out(by_id[w.conversation_id]) for w in queue_order(queued.values())]
    else:
        query = query.where(ChatConversation.state != "ended")
    rows = session.scalars(
        query.order_by(ChatConversation.updated_at.desc(), ChatConversation.id.desc()).limit(
            MAX_LISTED
        )
    )
    return [conversation_out(r) for r in rows]


def _audit(
    session: Session,
    agent: AgentOut,
    action: str,
    conv: ChatConversation,
    detail: dict[str, object] | None = None,
) -> None:
    audit.record(
        session,
        agent,
        action,
        "chat",
        conv.id,
        ticket_id=conv.ticket_id,
        customer_uid=conv.customer_uid,
        detail=detail,
    )


def _mine(conv: ChatConversation, agent: AgentOut) -> None:
    if conv.state != "active" or conv.assigned_agent_id != agent.id:
        raise conflict("This chat is not active with you.")


def accept(
    session: Session, ctx: ChatContext, agent: AgentOut, conversation_id: int
) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.state == "active" and conv.assigned_agent_id == agent.id:
        return conversation_out(conv)  # accepted already (a retry)
    if conv.state != "offered" or conv.offered_agent_id != agent.id:
        raise conflict("This chat is not offered to you (any more).")
    now = utcnow()
    conv.state = "active"
    conv.assigned_agent_id = agent.id
    conv.offered_agent_id = None
    conv.accepted_at = now
    say_system(session, conv, "joined", now, name=agent.display_name)
    _audit(session, agent, "chat.accepted", conv)
    return touch(session, conv, now)


def decline(
    session: Session, ctx: ChatContext, agent: AgentOut, conversation_id: int
) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.state != "offered" or conv.offered_agent_id != agent.id:
        if agent.id in (conv.declined_ids or ()):
            return conversation_out(conv)  # declined already (a retry)
        raise conflict("This chat is not offered to you (any more).")
    now = utcnow()
    chat_queue.take_back_offer(conv, now, declined=True)
    out = touch(session, conv, now)
    offered = {c.id: c for c in chat_queue.route(session, ctx, now)}
    return offered.get(conv.id, out)


def agent_message(
    session: Session, agent: AgentOut, conversation_id: int, data: ChatMessageCreate
) -> tuple[ChatMessageOut, bool]:
    conv = load_conversation(session, conversation_id, for_update=True)
    known = existing_message(session, conv.id, "agent", data.client_id)
    if known is not None:
        if known.body != data.body or known.agent_id != agent.id:
            raise conflict("This client_id was already used for another message.")
        return known, False
    _mine(conv, agent)
    if not data.body.strip() and not data.attachment_ids:
        raise ApiError(422, "invalid_request", "A message needs text or a file.")
    outgoing_guard.refuse_unsafe(data.body, actor=agent, conversation_id=conv.id)
    files = chat_attachments.claimable(session, conv.id, "agent", agent.id, data.attachment_ids)
    now = utcnow()
    out = append(
        session,
        conv,
        "agent",
        data.body,
        author_name=agent.display_name,
        agent_id=agent.id,
        client_id=data.client_id,
        files=files,
        now=now,
    )
    conv.agent_typing_until = None
    # Writing means having read everything before.
    conv.agent_read_seq = max(conv.agent_read_seq, out.seq)
    touch(session, conv, now, private=True)
    return out, True


def agent_read(
    session: Session, agent: AgentOut, conversation_id: int, up_to_seq: int
) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if agent.id not in (conv.assigned_agent_id, conv.offered_agent_id):
        raise conflict("This chat is not yours.")
    seq = min(up_to_seq, conv.last_seq)
    if seq <= conv.agent_read_seq:
        return conversation_out(conv)
    conv.agent_read_seq = seq
    return touch(session, conv, private=True)


def agent_typing(session: Session, agent: AgentOut, conversation_id: int, typing: bool) -> None:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.state != "active" or conv.assigned_agent_id != agent.id:
        return  # typing is best effort: a late signal for a chat gone elsewhere is dropped
    conv.agent_typing_until = typing_until(utcnow(), typing)
    out = ChatTypingOut(conversation_id=conv.id, who="agent", typing=typing, agent_id=agent.id)
    events.emit(session, EventType.CHAT_TYPING, None, out, owner(conv))


def agent_end(
    session: Session, ctx: ChatContext, agent: AgentOut, conversation_id: int
) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.state == "ended":
        return conversation_out(conv)
    if conv.assigned_agent_id != agent.id and agent.role != Role.SUPERVISOR:
        raise conflict("Only the agent of the chat (or a supervisor) can end it.")
    _audit(session, agent, "chat.ended", conv)
    return end(session, ctx, conv)


def transfer(
    session: Session, ctx: ChatContext, agent: AgentOut, conversation_id: int, data: ChatTransfer
) -> ConversationOut:
    """To an agent: offered to them with the note. To a skill: back in the queue (at its old
    place) for agents with that skill; the transferring agent is not offered it again."""
    if (data.to_agent_id is None) == (data.to_skill is None):
        raise ApiError(422, "invalid_request", "Give either to_agent_id or to_skill.")
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.assigned_agent_id != agent.id and agent.role != Role.SUPERVISOR:
        raise conflict("Only the agent of the chat (or a supervisor) can transfer it.")
    if conv.state != "active":
        raise conflict("Only an active chat can be transferred.")
    now = utcnow()
    conv.transfer_note = data.note
    to: dict[str, object] = (
        {"to_agent_id": data.to_agent_id} if data.to_skill is None else {"to_skill": data.to_skill}
    )
    _audit(session, agent, "chat.transferred", conv, to)
    if data.to_agent_id is not None:
        target = session.get(Agent, data.to_agent_id)
        if target is None:
            raise ApiError(422, "invalid_request", f"No agent with id {data.to_agent_id}.")
        if target.id == conv.assigned_agent_id:
            raise conflict("The chat is already with this agent.")
        if not chat_agents.present(session, ctx, target.id, now):
            raise conflict(f"{target.display_name} is not online for chats.")
        say_system(session, conv, "transferred", now)
        chat_queue.offer(conv, target.id, now)
        conv.agent_typing_until = None
        return touch(session, conv, now)
    conv.topic = data.to_skill
    if conv.assigned_agent_id is not None:
        conv.declined_ids = sorted({*(conv.declined_ids or ()), conv.assigned_agent_id})
    say_system(session, conv, "transferred", now)
    chat_queue.enqueue(conv, now)
    out = touch(session, conv, now)
    offered = {c.id: c for c in chat_queue.route(session, ctx, now)}
    return offered.get(conv.id, out)
