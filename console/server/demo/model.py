"""The demo workspace as plain data: what the reference server seeds its database with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from console.core.domain import (
    AccountStatus,
    Category,
    Channel,
    MessageKind,
    Priority,
    Role,
    SecurityEventKind,
    TicketStatus,
    TransferStatus,
)


@dataclass(slots=True)
class DemoAgent:
    username: str
    display_name: str
    password: str
    role: Role
    languages: list[str]


@dataclass(slots=True)
class DemoTransfer:
    direction: str  # "deposit" | "withdrawal"
    asset: str
    network: str
    amount: Decimal
    address: str
    tx_hash: str | None
    confirmations: int
    status: TransferStatus
    created_at: datetime


@dataclass(slots=True)
class DemoSecurityEvent:
    kind: SecurityEventKind
    detail: str
    created_at: datetime


@dataclass(slots=True)
class DemoCustomer:
    uid: str
    display_name: str
    email: str  # full address; the API masks it
    phone: str | None
    kyc_level: int
    vip_tier: int
    language: str
    region: str
    account_status: AccountStatus
    transfers: list[DemoTransfer] = field(default_factory=list)  # oldest first
    security_events: list[DemoSecurityEvent] = field(default_factory=list)  # oldest first


@dataclass(slots=True)
class DemoMessage:
    kind: MessageKind
    body: str
    author_username: str | None  # None for customer messages
    created_at: datetime


@dataclass(slots=True)
class DemoTicket:
    subject: str
    channel: Channel
    category: Category
    language: str
    priority: Priority
    status: TicketStatus
    customer_uid: str
    assignee_username: str | None
    tags: list[str]
    created_at: datetime
    messages: list[DemoMessage]  # oldest first; the first is the customer's opening message
    group: str | None = None  # the queue it waits in (core.priority_rules.route_group)
    # What the text suggested when it arrived (core.priority_rules.suggest_priority).
    suggested_priority: Priority | None = None
    suggestion_reason: str | None = None


@dataclass(slots=True)
class DemoWorkspace:
    agents: list[DemoAgent]
    customers: list[DemoCustomer]
    tickets: list[DemoTicket]
