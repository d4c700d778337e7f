"""Plain values the store hands out: query parameters, local messages, outbox items, views."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the first paint imports this module and must not pay for pydantic
    from console.api.schemas import AttachmentOut
    from console.api.schemas_chat import ChatAttachmentOut

__all__ = [
    "CHAT_OUTBOX_KINDS",
    "KB_OUTBOX_KINDS",
    "PENDING_STATES",
    "ChatLocalMessage",
    "LocalMessage",
    "MessageState",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "SavedView",
    "TicketQuery",
    "TicketSort",
    "TicketView",
]


class TicketView(StrEnum):
    OPEN = "open"  # not solved or closed
    MINE = "mine"  # open and assigned to me
    UNASSIGNED = "unassigned"  # open and assigned to nobody
    ALL = "all"
    PENDING = "pending"  # waiting for the customer
    DUE_SOON = "due_soon"  # open, the active SLA target is due soon (at `now`)
    BREACHED = "breached"  # open, the active SLA target is overdue (at `now`)
    VIP = "vip"  # open, the customer has a VIP tier
    ESCALATED = "escalated"  # open, with an escalation not yet closed


class TicketSort(StrEnum):
    """Columns the inbox sorts by; ascending order is given per key, `descending` flips it."""

    UPDATED = "updated"  # last change, oldest first
    CREATED = "created"  # creation time, oldest first
    PRIORITY = "priority"  # low < normal < high < urgent
    SLA = "sla"  # active target due soonest first; tickets without a running clock last
    CUSTOMER = "customer"  # customer name, then uid
    SUBJECT = "subject"  # subject, case-insensitive


@dataclass(frozen=True, slots=True)
class TicketQuery:
    """What the inbox shows. Frozen and hashable; `to_dict`/`from_dict` for saved views.

    `text`: every word must match (case-insensitive, word prefixes; CJK as character phrases)
    in the subject, preview, customer uid, customer name or search terms (email, tx hashes);
    "#123" matches ticket 123. Filters set to None match anything. `now` is the moment the
    SLA views are judged at (None: the current time).
    """

    view: str = TicketView.OPEN
    me_id: int | None = None
    text: str = ""
    channel: str | None = None
    category: str | None = None
    language: str | None = None
    tag: str | None = None
    priority: str | None = None
    group: str | None = None
    sort: str = TicketSort.UPDATED
    descending: bool = True
    now: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: enum members become their values, `now` an ISO string."""
        data = asdict(self)
        for name, value in data.items():
            if isinstance(value, StrEnum):
                data[name] = str(value)
        if self.now is not None:
            data["now"] = self.now.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TicketQuery:
        """The inverse of to_dict; unknown keys (from a newer console) are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if isinstance(values.get("now"), str):
            values["now"] = datetime.fromisoformat(values["now"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class SavedView:
    """A custom inbox view an agent named and kept."""

    id: int
    name: str
    query: TicketQuery


class MessageState(StrEnum):
    SENT = "sent"  # the server has it
    QUEUED = "queued"  # waiting in the outbox
    SENDING = "sending"  # a request is in flight
    FAILED = "failed"  # the server refused it; kept until retried or discarded


@dataclass(frozen=True, slots=True)
class LocalMessage:
    id: int | None  # server id; None while only local
    ticket_id: int
    kind: str
    body: str
    author_name: str
    client_id: str | None
    created_at: datetime
    state: str
    error: str | None = None
    outbox_id: int | None = None
    attachments: list[AttachmentOut] = field(default_factory=list)  # uploaded files
    # Copies (in the store's data dir) of files not yet uploaded; empty once sent.
    local_files: list[str] = field(default_factory=list)
    merged_from_id: int | None = None  # the ticket it was written on, when moved by a merge


@dataclass(frozen=True, slots=True)
class ChatLocalMessage:
    """A chat message as the conversation view shows it: the server's copy (`seq` set, state
    "sent"), or one of mine not yet confirmed (`seq` None; state from its outbox item)."""

    id: int | None  # server id; None while only local
    conversation_id: int
    seq: int | None  # the server's order within the conversation; None while only local
    sender: str  # customer, bot, agent, system
    agent_id: int | None
    author_name: str
    body: str
    client_id: str | None
    created_at: datetime
    state: str  # a MessageState
    error: str | None = None
    outbox_id: int | None = None
    attachments: list[ChatAttachmentOut] = field(default_factory=list)
    local_files: list[str] = field(default_factory=list)  # copies waiting for upload


class OutboxKind(StrEnum):
    MESSAGE = "message"
    TICKET_UPDATE = "ticket_update"
    ESCALATE = "escalate"
    ESCALATION_CLOSE = "escalation_close"
    MERGE = "merge"
    LINK = "link"
    UNLINK = "unlink"
    KB_FEEDBACK = "kb_feedback"  # target: article id; payload: KbFeedbackCreate
    KB_FLAG = "kb_flag"  # target: article id; payload: KbFlagCreate
    KB_REVISION = "kb_revision"  # target: article id; payload: KbRevisionCreate
    # target: conversation id; payload: ChatMessageCreate's fields (+ "files", "uploaded")
    CHAT_MESSAGE = "chat_message"
    # target: conversation id; payload: {"action": "read", "up_to_seq": n}
    CHAT_ACTION = "chat_action"


# Outbox kinds whose target_id is a knowledge-base article, not a ticket.
KB_OUTBOX_KINDS = frozenset({OutboxKind.KB_FEEDBACK, OutboxKind.KB_FLAG, OutboxKind.KB_REVISION})
# Outbox kinds whose target_id is a chat conversation.
CHAT_OUTBOX_KINDS = frozenset({OutboxKind.CHAT_MESSAGE, OutboxKind.CHAT_ACTION})


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    FAILED = "failed"
    DONE = "done"
    DISCARDED = "discarded"


PENDING_STATES = (OutboxState.QUEUED, OutboxState.SENDING)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    target_id: int
    payload: dict[str, Any]
    idempotency_key: str
    client_id: str | None
    state: str
    error: str | None
    attempts: int
    created_at: datetime
