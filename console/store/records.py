"""Plain values the store hands out: query parameters, local messages, outbox items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class TicketView(StrEnum):
    OPEN = "open"  # not solved or closed
    MINE = "mine"  # open and assigned to me
    UNASSIGNED = "unassigned"  # open and assigned to nobody
    ALL = "all"


@dataclass(frozen=True, slots=True)
class TicketQuery:
    view: str = TicketView.OPEN
    me_id: int | None = None
    # Words matched (all of them, case-insensitive) in subject, preview and customer uid;
    # "#123" also matches ticket 123.
    text: str = ""
    channel: str | None = None
    category: str | None = None
    language: str | None = None


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


class OutboxKind(StrEnum):
    MESSAGE = "message"
    TICKET_UPDATE = "ticket_update"


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
