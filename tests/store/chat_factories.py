"""Builders for live-chat wire objects the store consumes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from console.api.schemas_chat import ChatMessageOut, ConversationOut

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
ME = 7  # the agent the tests play
OTHER = 8


def conversation(conversation_id: int, **overrides: Any) -> ConversationOut:
    data: dict[str, Any] = {
        "id": conversation_id,
        "customer_uid": f"U{20000000 + conversation_id}",
        "customer_name": f"Customer {conversation_id}",
        "vip_tier": 0,
        "language": "en",
        "topic": "deposit_withdrawal",
        "state": "active",
        "priority": "normal",
        "assigned_agent_id": ME,
        "offered_agent_id": None,
        "queued_at": T0,
        "last_seq": 0,
        "created_at": T0,
        "updated_at": T0 + timedelta(seconds=conversation_id),
        "version": 1,
    }
    data.update(overrides)
    return ConversationOut.model_validate(data)


def chat_message(
    message_id: int, conversation_id: int, seq: int, **overrides: Any
) -> ChatMessageOut:
    data: dict[str, Any] = {
        "id": message_id,
        "conversation_id": conversation_id,
        "seq": seq,
        "sender": "customer",
        "agent_id": None,
        "author_name": "Customer",
        "body": f"message {message_id}",
        "client_id": None,
        "attachments": [],
        "created_at": T0 + timedelta(minutes=1, seconds=message_id),
    }
    data.update(overrides)
    return ChatMessageOut.model_validate(data)
