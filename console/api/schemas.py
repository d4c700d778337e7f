"""Support API v1 wire schemas, shared by the reference server and the console's client.

Every request body forbids unknown fields so a typo in a client is a 422, not a silent no-op.
Timestamps are timezone-aware UTC datetimes serialised as ISO 8601.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from console.core.domain import (
    AccountStatus,
    Category,
    Channel,
    Department,
    EscalationStatus,
    EventType,
    MessageKind,
    PresenceState,
    Priority,
    Role,
    SecurityEventKind,
    SlaTarget,
    TicketStatus,
    TransferStatus,
)

API_PREFIX = "/api/v1"
# Replies and notes longer than this are refused with 413/422: a support answer is never a novel.
MAX_MESSAGE_CHARS = 20_000
MAX_SUBJECT_CHARS = 300
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


# --- errors -----------------------------------------------------------------------------------


class ErrorDetail(_Response):
    code: str  # machine-readable, e.g. "unauthorized", "forbidden", "not_found", "invalid_request"
    message: str  # one sentence for people, English
    details: Any | None = None


class ErrorBody(_Response):
    """The one error shape: every 4xx/5xx body is {"error": {...}}."""

    error: ErrorDetail


# --- auth and agents --------------------------------------------------------------------------


class LoginRequest(_Request):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class AgentOut(_Response):
    id: int
    username: str
    display_name: str
    role: Role
    languages: list[str] = []


class AgentCreate(_Request):
    username: str = Field(min_length=2, max_length=100)
    display_name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8, max_length=200)
    role: Role = Role.AGENT
    languages: list[str] = ["en"]


class TokenOut(_Response):
    token: str
    expires_at: datetime
    agent: AgentOut


class WorkspaceInfo(_Response):
    """GET /workspace, no auth: what the sign-in screen needs to know about this server."""

    name: str
    demo: bool
    # Only filled when demo is true: the demo accounts, shown on the sign-in screen.
    demo_accounts: list[DemoAccount] = []


class DemoAccount(_Response):
    username: str
    password: str
    role: Role


# --- customers --------------------------------------------------------------------------------


class CustomerOut(_Response):
    uid: str  # exchange user id, e.g. "U10000042"
    display_name: str
    email_masked: str  # "li***@example.com"
    phone_masked: str | None = None
    kyc_level: int = Field(ge=0, le=3)
    vip_tier: int = Field(ge=0, le=9)  # 0 = regular
    language: str
    region: str
    account_status: AccountStatus


class TransferOut(_Response):
    id: int
    direction: str  # "deposit" | "withdrawal"
    asset: str
    network: str
    amount: Decimal
    address: str
    tx_hash: str | None = None
    confirmations: int = 0
    status: TransferStatus
    created_at: datetime


class SecurityEventOut(_Response):
    id: int
    kind: SecurityEventKind
    detail: str
    created_at: datetime


class PastTicketOut(_Response):
    """One line of the customer's history in the customer panel."""

    id: int
    subject: str
    status: TicketStatus
    channel: Channel
    created_at: datetime


class CustomerDetail(CustomerOut):
    """GET /customers/{uid}: the customer panel."""

    transfers: list[TransferOut] = []  # newest first, at most 20
    security_events: list[SecurityEventOut] = []  # newest first, at most 20
    past_tickets: list[PastTicketOut] = []  # newest first, at most 20 (chats join them later)


# --- tickets and messages ---------------------------------------------------------------------


class TicketOut(_Response):
    id: int
    subject: str
    status: TicketStatus
    priority: Priority
    channel: Channel
    category: Category
    language: str
    customer_uid: str
    assignee_id: int | None = None
    tags: list[str] = []
    created_at: datetime
    updated_at: datetime
    # Bumped by every change; PATCH may send it back to refuse stale updates (409 "conflict").
    version: int
    message_count: int = 0
    last_message_preview: str = ""  # first 140 chars of the latest customer/reply message
    # --- added with the full inbox (all optional so older payloads still parse) ---
    group: str | None = None  # the team the ticket is queued for, e.g. "security", "vip"
    customer_name: str = ""
    customer_vip_tier: int = 0
    # Suggested from the text when the ticket arrived; the agent may override the priority.
    suggested_priority: Priority | None = None
    suggestion_reason: str | None = None  # the phrase that triggered the suggestion
    sla: SlaOut | None = None
    merged_into_id: int | None = None  # set on a ticket merged into another (then closed)
    linked_ids: list[int] = []
    open_escalations: int = 0
    # Extra words for local search only, never shown: the customer's email, tx hashes, addresses.
    search_terms: list[str] = []


class SlaOut(_Response):
    """The SLA clock of one ticket. Due times already include every finished pause; while
    paused_since is set, the clock stands still (remaining time = due - paused_since)."""

    policy_priority: Priority
    first_response_due_at: datetime
    first_response_at: datetime | None = None
    resolution_due_at: datetime
    resolved_at: datetime | None = None
    paused_since: datetime | None = None
    paused_seconds: int = 0  # total of the finished pauses


class SlaPolicyOut(_Response):
    """Targets for one priority, in minutes of a 24/7 clock."""

    priority: Priority
    first_response_minutes: int = Field(ge=1)
    resolution_minutes: int = Field(ge=1)


class SlaPolicyUpdate(_Request):
    first_response_minutes: int = Field(ge=1, le=60 * 24 * 30)
    resolution_minutes: int = Field(ge=1, le=60 * 24 * 90)


class SlaBreachOut(_Response):
    """Payload of sla.breached: emitted once per ticket and target."""

    ticket_id: int
    target: SlaTarget
    due_at: datetime
    priority: Priority
    assignee_id: int | None = None


class TicketPage(_Response):
    items: list[TicketOut]
    next_cursor: str | None = None  # opaque; None on the last page


class TicketCreate(_Request):
    subject: str = Field(min_length=1, max_length=MAX_SUBJECT_CHARS)
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    customer_uid: str = Field(min_length=1, max_length=40)
    channel: Channel = Channel.WEB_FORM
    category: Category = Category.ACCOUNT_SECURITY
    language: str = Field(default="en", max_length=10)
    priority: Priority = Priority.NORMAL


class TicketUpdate(_Request):
    status: TicketStatus | None = None
    priority: Priority | None = None
    assignee_id: int | None = None  # send null explicitly to unassign
    category: Category | None = None
    tags: list[str] | None = Field(default=None, max_length=30)
    group: str | None = Field(default=None, max_length=40)
    expected_version: int | None = None  # if given and stale -> 409 {"code": "conflict"}


class TicketMerge(_Request):
    """POST /tickets/{id}/merge: this ticket (the duplicate) goes into into_id."""

    into_id: int


class TicketMergedOut(_Response):
    """Response of a merge and payload of ticket.merged."""

    source: TicketOut  # now closed, merged_into_id set
    target: TicketOut  # holds every message of both, oldest first
    moved_message_ids: list[int] = []


class TicketLinkCreate(_Request):
    """POST /tickets/{id}/links: relate two tickets both ways (DELETE .../links/{other})."""

    ticket_id: int


class AttachmentOut(_Response):
    """An uploaded file. Downloaded as bytes with Content-Disposition: attachment, never inline."""

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


# Attachments: what a support desk needs (screenshots, statements, logs), nothing executable.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
}


class MessageOut(_Response):
    id: int
    ticket_id: int
    kind: MessageKind
    body: str
    author_agent_id: int | None = None  # None for customer messages
    author_name: str
    client_id: str | None = None  # the sender's own id for the message (dedup across retries)
    created_at: datetime
    attachments: list[AttachmentOut] = []
    merged_from_id: int | None = None  # the ticket it was written on, when moved by a merge


class MessageCreate(_Request):
    kind: MessageKind = MessageKind.REPLY  # agents may send "reply" or "note", not "customer"
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    client_id: str | None = Field(default=None, max_length=64)
    attachment_ids: list[int] = Field(default=[], max_length=10)  # uploaded by the same agent


# --- macros, escalations, presence ------------------------------------------------------------


class MacroOut(_Response):
    """A canned answer. Bodies per language; placeholders {customer_name}, {uid}, {ticket_id},
    {agent_name}. Applying it may also set the status and add tags."""

    id: int
    name: str
    bodies: dict[str, str]
    set_status: TicketStatus | None = None
    add_tags: list[str] = []


class EscalationOut(_Response):
    id: int
    ticket_id: int
    department: Department
    status: EscalationStatus
    note: str  # what the agent asked
    answer: str | None = None  # what the department said
    created_by_id: int
    created_by_name: str
    answered_by_name: str | None = None
    created_at: datetime
    updated_at: datetime


class EscalationCreate(_Request):
    department: Department
    note: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class EscalationAnswer(_Request):
    """POST /escalations/{id}/answer: the department's reply (supervisors, or the simulator)."""

    answer: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class EscalationClose(_Request):
    """POST /escalations/{id}/close by the agent once the answer is used."""


class PresenceUpdate(_Request):
    state: PresenceState


class PresenceOut(_Response):
    """Who is on a ticket. Expires unless renewed (clients renew every 10 s)."""

    ticket_id: int
    agent_id: int
    agent_name: str
    state: PresenceState
    expires_at: datetime


# --- live events ------------------------------------------------------------------------------


class EventOut(_Response):
    """One event of the live stream. ids increase strictly; resume with Last-Event-ID."""

    id: int
    type: EventType
    ticket_id: int | None = None
    payload: dict[str, Any]
    created_at: datetime


class EventPage(_Response):
    """GET /events?after=N&limit=M: the same events as the stream, for catch-up by polling."""

    items: list[EventOut]
    last_id: int  # the newest event id on the server (== after when nothing new)


WorkspaceInfo.model_rebuild()
TicketOut.model_rebuild()
