"""Builders of chat wire objects and helpers for playing chat customers against the loopback
server (through the customer API, as the exchange's app widget would)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sync_fixtures import LoopbackServer

from console.api.customer_client import CustomerClient
from console.api.schemas_chat import ChatMessageOut, ConversationOut
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
ME = 7
OTHER = 8


def conversation(conversation_id: int, **overrides: Any) -> ConversationOut:
    data: dict[str, Any] = {
        "id": conversation_id,
        "customer_uid": None,
        "customer_name": f"Customer {conversation_id}",
        "language": "en",
        "state": "active",
        "assigned_agent_id": ME,
        "created_at": T0,
        "updated_at": T0 + timedelta(seconds=conversation_id),
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
        "author_name": "Customer",
        "body": f"message {message_id}",
        "created_at": T0 + timedelta(minutes=1, seconds=message_id),
    }
    data.update(overrides)
    return ChatMessageOut.model_validate(data)


async def eventually(
    probe: Callable[[], Awaitable[bool]], timeout: float = 20.0, what: str = "condition"
) -> None:
    """wait_until for a condition that needs a request to check."""
    deadline = time.monotonic() + timeout
    while not await probe():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def waiting_customer(
    url: str,
    text: str = "I want to talk to a human agent please",
    language: str = "en",
    customer_uid: str | None = None,
) -> CustomerClient:
    """A guest (or the customer `customer_uid`) whose first message asks for a person: the bot
    hands off and the chat queues."""
    customer = CustomerClient(url)
    if customer_uid is None:
        await customer.start(language, guest_name="Gus Guest", text=text)
    else:
        await customer.start(language, customer_uid=customer_uid, text=text)
    return customer


def conversation_id(customer: CustomerClient) -> int:
    assert customer.conversation_id is not None
    return customer.conversation_id


class ChatLoopbackServer(LoopbackServer):
    """The loopback server with chat timings of the test's choosing (short offer and
    heartbeat timeouts, a fast sweeper)."""

    def __init__(self, database: Path, **chat_settings: Any) -> None:
        super().__init__(database)
        settings = ServerSettings(
            database_url=sqlite_url(database),
            demo=True,
            simulate=False,
            event_poll_s=0.05,
            demo_tickets=1_200,
            with_training=False,
            **chat_settings,
        )
        self._server = EmbeddedServer(settings, port=self.port)
