"""Builders for wire objects the store consumes, with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from console.api.schemas import CustomerDetail, EventOut, MessageOut, TicketOut
from console.core.domain import EventType
from console.store import Store

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def ticket(ticket_id: int, **overrides: Any) -> TicketOut:
    data: dict[str, Any] = {
        "id": ticket_id,
        "subject": f"Ticket {ticket_id}",
        "status": "open",
        "priority": "normal",
        "channel": "email",
        "category": "deposit_withdrawal",
        "language": "en",
        "customer_uid": f"U{10000000 + ticket_id}",
        "assignee_id": None,
        "tags": [],
        "created_at": T0,
        "updated_at": T0 + timedelta(minutes=ticket_id),
        "version": 1,
        "message_count": 1,
        "last_message_preview": "",
    }
    data.update(overrides)
    return TicketOut.model_validate(data)


def message(message_id: int, ticket_id: int, **overrides: Any) -> MessageOut:
    data: dict[str, Any] = {
        "id": message_id,
        "ticket_id": ticket_id,
        "kind": "customer",
        "body": f"message {message_id}",
        "author_agent_id": None,
        "author_name": "Customer",
        "client_id": None,
        "created_at": T0 + timedelta(seconds=message_id),
    }
    data.update(overrides)
    return MessageOut.model_validate(data)


def customer(uid: str, **overrides: Any) -> CustomerDetail:
    data: dict[str, Any] = {
        "uid": uid,
        "display_name": f"Customer {uid}",
        "email_masked": "cu***@example.com",
        "phone_masked": None,
        "kyc_level": 2,
        "vip_tier": 0,
        "language": "en",
        "region": "SG",
        "account_status": "active",
        "transfers": [],
        "security_events": [],
    }
    data.update(overrides)
    return CustomerDetail.model_validate(data)


def event(event_id: int, obj: TicketOut | MessageOut | dict[str, Any], type_: str = "") -> EventOut:
    if isinstance(obj, TicketOut):
        kind, payload, ticket_id = (
            type_ or EventType.TICKET_UPDATED,
            obj.model_dump(mode="json"),
            obj.id,
        )
    elif isinstance(obj, MessageOut):
        kind, payload = type_ or EventType.MESSAGE_CREATED, obj.model_dump(mode="json")
        ticket_id = obj.ticket_id
    else:
        kind, payload, ticket_id = type_, obj, None
    return EventOut.model_validate(
        {
            "id": event_id,
            "type": kind,
            "ticket_id": ticket_id,
            "payload": payload,
            "created_at": T0 + timedelta(seconds=event_id),
        }
    )


def open_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "console.sqlite3")
