"""Support API v1 wire schemas of live chat: conversations, messages, typing, agent chat status,
and the customer-side API (what an exchange's app widget calls, under /customer).

Customer text is hostile by default: beyond the API's NUL refusal a message may hold no control
characters (line breaks and tabs are fine) and no bidi controls, and is at most
MAX_CHAT_MESSAGE_CHARS long; anything else is a 422. Markup is kept as text: clients show every
body as plain text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from console.core.domain import Category
from console.core.text_safety import text_problem

MAX_CHAT_MESSAGE_CHARS = 4000
MAX_CHAT_NOTE_CHARS = 1000
MAX_CHAT_CLIENT_ID_CHARS = 64
MAX_CHAT_NAME_CHARS = 100
MAX_CHAT_UID_CHARS = 64
MAX_CHAT_ATTACHMENTS = 10
MAX_CHAT_CAPACITY = 20
MAX_CHAT_WAIT_S = 25.0
CHAT_LANGUAGES = ("zh", "en", "ja", "ko")

ChatState = Literal["bot", "queued", "offered", "active", "ended"]
ChatSender = Literal["customer", "bot", "agent", "system"]
ChatPriority = Literal["normal", "high", "security"]
ChatAgentStatus = Literal["online", "away", "offline"]
ChatLanguage = Literal["zh", "en", "ja", "ko"]
ChatScope = Literal["mine", "queue", "all"]


def _line(value: str) -> str:
    problem = text_problem(value, multiline=False)
    if problem:
        raise ValueError(problem)
    return value


def _multiline(value: str) -> str:
    problem = text_problem(value, multiline=True)
    if problem:
        raise ValueError(problem)
    return value


def _topic(value: str | None) -> str | None:
    if value is not None and value not in {c.value for c in Category}:
        raise ValueError(f"Unknown topic; one of: {', '.join(c.value for c in Category)}.")
    return value


ChatBody = Annotated[str, Field(max_length=MAX_CHAT_MESSAGE_CHARS), AfterValidator(_multiline)]
ClientId = Annotated[
    str, Field(min_length=1, max_length=MAX_CHAT_CLIENT_ID_CHARS), AfterValidator(_line)
]
Note = Annotated[str, Field(max_length=MAX_CHAT_NOTE_CHARS), AfterValidator(_multiline)]
AttachmentIds = Annotated[list[int], Field(max_length=MAX_CHAT_ATTACHMENTS)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


# --- what both sides read ---------------------------------------------------------------------


class ChatAttachmentOut(_Response):
    id: int
    filename: str
    content_type: str
    size: int


class ChatMessageOut(_Response):
    id: int
    conversation_id: int
    seq: int  # 1, 2, 3 … per conversation: the order of the conversation
    sender: ChatSender
    agent_id: int | None = None  # set for agent messages
    author_name: str
    body: str  # plain text, always shown as text (markup included)
    client_id: str | None = None  # the sender's id for the message (dedup across retries)
    attachments: list[ChatAttachmentOut] = []
    created_at: datetime


class ConversationOut(_Response):
    id: int
    customer_uid: str | None = None  # None for guests
    customer_name: str
    vip_tier: int = 0
    language: str
    topic: str | None = None  # a core.domain.Category value, detected by the bot or chosen
    state: ChatState
    priority: ChatPriority = "normal"
    assigned_agent_id: int | None = None
    offered_agent_id: int | None = None
    offered_at: datetime | None = None
    queued_at: datetime | None = None
    accepted_at: datetime | None = None
    ended_at: datetime | None = None
    last_seq: int = 0
    customer_read_seq: int = 0
    agent_read_seq: int = 0
    rating: int | None = None
    rating_comment: str = ""
    ticket_id: int | None = None  # set when converted to a ticket
    transfer_note: str = ""
    created_at: datetime
    updated_at: datetime
    version: int = 1


class ChatTypingOut(_Response):
    conversation_id: int
    who: Literal["customer", "agent"]
    typing: bool
    agent_id: int | None = None


class AgentChatStatusOut(_Response):
    agent_id: int
    status: ChatAgentStatus
    capacity: int
    active: int  # conversations offered to or active with the agent
    languages: list[str] = []
    skills: list[str] = []  # Category values


# --- agent requests ---------------------------------------------------------------------------


class ChatMessageCreate(_Request):
    body: ChatBody
    client_id: ClientId
    attachment_ids: AttachmentIds = []


class ChatTransfer(_Request):
    """To an agent (offered to them with the note) or to a skill (re-queued for that topic)."""

    to_agent_id: int | None = Field(default=None, ge=1)
    to_skill: Annotated[str | None, AfterValidator(_topic)] = None
    note: Note = ""


class ChatStatusUpdate(_Request):
    """Also the heartbeat: clients PUT it every 10 s while online."""

    status: ChatAgentStatus
    capacity: int | None = Field(default=None, ge=1, le=MAX_CHAT_CAPACITY)


class ChatReadUpdate(_Request):
    up_to_seq: int = Field(ge=0)


class ChatTypingUpdate(_Request):
    typing: bool


# --- customer side ----------------------------------------------------------------------------


class CustomerChatStart(_Request):
    """A known customer by UID, or a guest by name; `text` becomes the first message."""

    customer_uid: (
        Annotated[str, Field(min_length=1, max_length=MAX_CHAT_UID_CHARS), AfterValidator(_line)]
        | None
    ) = None
    guest_name: Annotated[str, Field(max_length=MAX_CHAT_NAME_CHARS), AfterValidator(_line)] = ""
    language: ChatLanguage
    topic: Annotated[str | None, AfterValidator(_topic)] = None
    text: ChatBody = ""


class CustomerChatSession(_Response):
    conversation: ConversationOut
    token: str  # the customer's bearer token for this conversation


class CustomerChatView(_Response):
    conversation: ConversationOut
    messages: list[ChatMessageOut]
    queue_position: int | None = None  # 1 = next; None unless queued
    estimated_wait_s: int | None = None
    agent_typing: bool = False


class CustomerMessageCreate(_Request):
    body: ChatBody
    client_id: ClientId
    attachment_ids: AttachmentIds = []


class CustomerRating(_Request):
    score: int = Field(ge=1, le=5)
    comment: Note = ""
