"""ORM tables of live chat: conversations, their messages and files, agents' chat status.

A conversation row holds everything its list entry and the queue need (state, priority, who it
is offered to or assigned to, read marks, the agents who declined it), so routing reads one
table. Messages are numbered per conversation (seq 1, 2, 3 …): the order both sides show.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class ChatConversation(Base):
    __tablename__ = "chat_conversations"
    __table_args__ = (
        Index("ix_chat_conversations_state", "state", "id"),
        Index("ix_chat_conversations_assigned", "assigned_agent_id", "state"),
        Index("ix_chat_conversations_offered", "offered_agent_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # SHA-256 of the customer's bearer token for this conversation.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    customer_uid: Mapped[str | None] = mapped_column(String(64), default=None)
    customer_name: Mapped[str] = mapped_column(String(100))
    vip_tier: Mapped[int] = mapped_column(Integer, default=0)
    account_manager_id: Mapped[int | None] = mapped_column(Integer, default=None)
    language: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str | None] = mapped_column(String(40), default=None)
    state: Mapped[str] = mapped_column(String(20))
    priority: Mapped[str] = mapped_column(String(20), default="normal")
    assigned_agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    offered_agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    customer_read_seq: Mapped[int] = mapped_column(Integer, default=0)
    agent_read_seq: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer, default=None)
    rating_comment: Mapped[str] = mapped_column(Text, default="")
    ticket_id: Mapped[int | None] = mapped_column(Integer, default=None)
    transfer_note: Mapped[str] = mapped_column(Text, default="")
    # Agents who declined this conversation (never offered it again) and who let an offer
    # time out (offered again only when nobody else can take it).
    declined_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    missed_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    bot_answers: Mapped[int] = mapped_column(Integer, default=0)
    agent_typing_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class ChatMessage(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_chat_messages_seq"),
        # A client id is the sender's: the customer's and an agent's never collide.
        UniqueConstraint("conversation_id", "sender", "client_id", name="uq_chat_messages_client"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(20))
    agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    author_name: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChatAttachment(Base):
    """A file uploaded into a conversation; sent with at most one message of the same side."""

    __tablename__ = "chat_attachments"
    __table_args__ = (
        Index("ix_chat_attachments_message", "message_id"),
        Index("ix_chat_attachments_conversation", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("chat_conversations.id", ondelete="CASCADE")
    )
    uploader: Mapped[str] = mapped_column(String(20))  # "customer" or "agent"
    agent_id: Mapped[int | None] = mapped_column(Integer, default=None)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_messages.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChatAttachmentBlob(Base):
    __tablename__ = "chat_attachment_blobs"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("chat_attachments.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChatAgentState(Base):
    """An agent's chat status; the last PUT is the heartbeat. No row: offline."""

    __tablename__ = "chat_agent_states"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(20))
    capacity: Mapped[int] = mapped_column(Integer)
    # Category values the agent takes chats on; None: every category.
    skills: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When the agent last got a chat: the longest idle agent wins a tie of load.
    last_offer_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
