"""Wire objects for widget tests: tickets, messages and a customer with transfers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from console.api.schemas import (
    AgentOut,
    CustomerDetail,
    MessageOut,
    SecurityEventOut,
    TicketOut,
    TransferOut,
)
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

BASE_TIME = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ME = AgentOut(id=7, username="alice", display_name="Alice Wang", role=Role.AGENT, languages=["zh"])


def ticket(ticket_id: int, **overrides: Any) -> TicketOut:
    """A ticket updated `ticket_id` minutes after BASE_TIME, so higher ids sort first."""
    values: dict[str, Any] = {
        "id": ticket_id,
        "subject": f"Ticket number {ticket_id}",
        "status": TicketStatus.OPEN,
        "priority": Priority.NORMAL,
        "channel": Channel.EMAIL,
        "category": Category.SPOT,
        "language": "en",
        "customer_uid": f"U{10000000 + ticket_id}",
        "assignee_id": None,
        "created_at": BASE_TIME,
        "updated_at": BASE_TIME + timedelta(minutes=ticket_id),
        "version": 1,
        "message_count": 1,
        "last_message_preview": f"preview {ticket_id}",
    }
    values.update(overrides)
    return TicketOut(**values)


def message(message_id: int, ticket_id: int, kind: str, body: str, **overrides: Any) -> MessageOut:
    values: dict[str, Any] = {
        "id": message_id,
        "ticket_id": ticket_id,
        "kind": kind,
        "body": body,
        "author_agent_id": None if kind == MessageKind.CUSTOMER else ME.id,
        "author_name": "Li Lei" if kind == MessageKind.CUSTOMER else ME.display_name,
        "client_id": None,
        "created_at": BASE_TIME + timedelta(minutes=message_id),
    }
    values.update(overrides)
    return MessageOut(**values)


def customer(uid: str) -> CustomerDetail:
    return CustomerDetail(
        uid=uid,
        display_name="Li Lei",
        email_masked="li***@example.com",
        kyc_level=2,
        vip_tier=3,
        language="zh",
        region="SG",
        account_status=AccountStatus.FROZEN,
        transfers=[
            TransferOut(
                id=1,
                direction="withdrawal",
                asset="BTC",
                network="Bitcoin",
                amount=Decimal("0.00012345"),
                address="bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
                tx_hash="9f2c4a7be1d04c55aa51e0c9e3f7b6d2c8a1f4e0b3d9c7a6e5f4d3c2b1a09876",
                confirmations=2,
                status=TransferStatus.CONFIRMING,
                created_at=BASE_TIME,
            )
        ],
        security_events=[
            SecurityEventOut(
                id=1,
                kind=SecurityEventKind.NEW_DEVICE,
                detail="Login from a new iPhone in Singapore",
                created_at=BASE_TIME,
            )
        ],
    )
