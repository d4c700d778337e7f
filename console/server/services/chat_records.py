"""Chat rows as wire objects, and the two writes everything else is made of: appending a message
(the next seq of its conversation) and recording a change of the conversation (new version, an
event). Both emit their event in the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_chat import ChatAttachmentOut, ChatMessageOut, ConversationOut
from console.core.domain import EventType
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_chat import ChatAttachment, ChatConversation, ChatMessage
from console.server.services import events
from console.server.services.ticket_query import MAX_ID

MAX_MESSAGES_PAGE = 1000


def conversation_out(row: ChatConversation) -> ConversationOut:
    return ConversationOut.model_validate(row)


def attachment_out(row: ChatAttachment) -> ChatAttachmentOut:
    return ChatAttachmentOut.model_validate(row)


def message_out(row: ChatMessage, files: Sequence[ChatAttachmentOut] = ()) -> ChatMessageOut:
    return ChatMessageOut(
        id=row.id,
        conversation_id=row.conversation_id,
        seq=row.seq,
        sender=row.sender,
        agent_id=row.agent_id,
        author_name=row.author_name,
        body=row.body,
        client_id=row.client_id,
        attachments=list(files),
        created_at=row.created_at,
    )


def load_conversation(
    session: Session, conversation_id: int, *, for_update: bool = False
) -> ChatConversation:
    if not 0 < conversation_id <= MAX_ID:
        raise not_found("Conversation")
    if for_update and session.get_bind().dialect.name != "sqlite":
        query = select(ChatConversation).where(ChatConversation.id == conversation_id)
        row = session.scalar(query.with_for_update())
    else:
        # SQLite's write transactions already exclude each other (BEGIN IMMEDIATE); a
        # conversation this transaction has loaded is taken from the session, no query.
        row = session.get(ChatConversation, conversation_id)
    if row is None:
        raise not_found("Conversation")
    return row


def conflict(message: str) -> ApiError:
    return ApiError(409, "conflict", message)


def owner(conv: ChatConversation) -> int | None:
    """The one agent a chat's messages and typing concern: the agent it is offered to or
    active with. None while the bot or the queue has it (every agent may see the queue)."""
    if conv.state == "active":
        return conv.assigned_agent_id
    if conv.state == "offered":
        return conv.offered_agent_id
    return None


def touch(
    session: Session,
    conv: ChatConversation,
    now: datetime | None = None,
    *,
    private: bool = False,
) -> ConversationOut:
    """Records a change of `conv`: new version and updated_at, a chat.conversation.updated.

    `private`: the change leaves state and agent as they were (a message, a read mark), so only
    the chat's owner hears of it. A colleague's console holds the chat only while it was
    queued, and every move out of the queue is announced to all."""
    conv.version += 1
    conv.updated_at = max(now or utcnow(), conv.updated_at)
    session.flush()
    out = conversation_out(conv)
    audience = owner(conv) if private else None
    events.emit(session, EventType.CHAT_CONVERSATION_UPDATED, None, out, audience)
    return out


def append(
    session: Session,
    conv: ChatConversation,
    sender: str,
    body: str,
    *,
    author_name: str,
    agent_id: int | None = None,
    client_id: str | None = None,
    files: Sequence[ChatAttachment] = (),
    now: datetime | None = None,
) -> ChatMessageOut:
    """Adds a message as the conversation's next seq; the caller touches the conversation."""
    now = now or utcnow()
    conv.last_seq += 1
    row = ChatMessage(
        conversation_id=conv.id,
        seq=conv.last_seq,
        sender=sender,
        agent_id=agent_id,
        author_name=author_name[:100],
        body=body,
        client_id=client_id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    for file in files:
        file.message_id = row.id
    out = message_out(row, [attachment_out(f) for f in files])
    events.emit(session, EventType.CHAT_MESSAGE_CREATED, None, out, owner(conv))
    return out


def existing_message(
    session: Session, conversation_id: int, sender: str, client_id: str
) -> ChatMessageOut | None:
    row = session.scalar(
        select(ChatMessage).where(
            ChatMessage.conversation_id == conversation_id,
            ChatMessage.sender == sender,
            ChatMessage.client_id == client_id,
        )
    )
    if row is None:
        return None
    files = files_by_message(session, [row.id]).get(row.id, [])
    return message_out(row, files)


def files_by_message(
    session: Session, message_ids: Sequence[int]
) -> dict[int, list[ChatAttachmentOut]]:
    result: dict[int, list[ChatAttachmentOut]] = defaultdict(list)
    if not message_ids:
        return result
    rows = session.scalars(
        select(ChatAttachment)
        .where(ChatAttachment.message_id.in_(list(message_ids)))
        .order_by(ChatAttachment.id)
    )
    for row in rows:
        assert row.message_id is not None
        result[row.message_id].append(attachment_out(row))
    return result


def messages_after(
    session: Session, conversation_id: int, after_seq: int, limit: int = MAX_MESSAGES_PAGE
) -> list[ChatMessageOut]:
    rows = list(
        session.scalars(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation_id, ChatMessage.seq > after_seq)
            .order_by(ChatMessage.seq)
            .limit(limit)
        )
    )
    files = files_by_message(session, [r.id for r in rows])
    return [message_out(r, files.get(r.id, [])) for r in rows]


def all_messages(session: Session, conversation_id: int) -> list[ChatMessageOut]:
    return messages_after(session, conversation_id, 0, limit=1_000_000)
