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
    EventType,
    MessageKind,
    Priority,
    Role,
    SecurityEventKind,
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


class CustomerDetail(CustomerOut):
    """GET /customers/{uid}: the customer panel."""

    transfers: list[TransferOut] = []  # newest first, at most 20
    security_events: list[SecurityEventOut] = []  # newest first, at most 20


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
    expected_version: int | None = None  # if given and stale -> 409 {"code": "conflict"}


class MessageOut(_Response):
    id: int
    ticket_id: int
    kind: MessageKind
    body: str
    author_agent_id: int | None = None  # None for customer messages
    author_name: str
    client_id: str | None = None  # the sender's own id for the message (dedup across retries)
    created_at: datetime


class MessageCreate(_Request):
    kind: MessageKind = MessageKind.REPLY  # agents may send "reply" or "note", not "customer"
    body: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    client_id: str | None = Field(default=None, max_length=64)


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
