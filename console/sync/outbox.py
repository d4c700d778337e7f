"""The write path: send the outbox to the server, oldest first, each item with its own key.

An item leaves the outbox only when the server confirmed it; the server's copy is stored in the
same transaction. Transport failures and 5xx put the item back in the queue and stop this pass
(order is kept; the caller backs off). A 4xx marks the item failed with the server's message,
kept for the agent to retry or discard, and the pass goes on with the next item.
"""

from __future__ import annotations

import asyncio
import logging

from pydantic import ValidationError

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import MessageCreate, TicketUpdate
from console.store import OutboxItem, OutboxKind, Store

log = logging.getLogger(__name__)


class OutboxSender:
    def __init__(self, client: SupportClient, store: Store) -> None:
        self._client = client
        self._store = store

    async def flush(self) -> int:
        """Send every pending item; returns how many were confirmed. Raises the first
        retryable ApiError after putting its item back in the queue."""
        sent = 0
        for item in await asyncio.to_thread(self._store.pending_outbox):
            if await self._send(item):
                sent += 1
        return sent

    async def _send(self, item: OutboxItem) -> bool:
        if not await asyncio.to_thread(self._store.mark_sending, item.id):
            return False  # discarded or handled meanwhile
        try:
            await self._deliver(item)
        except ApiError as exc:
            if exc.retryable:
                await asyncio.to_thread(self._store.requeue, item.id)
                raise
            log.warning("outbox item %d refused: %r", item.id, exc)
            await asyncio.to_thread(self._store.mark_failed, item.id, exc.message)
            if item.kind == OutboxKind.TICKET_UPDATE:
                await self.refresh_ticket(item.target_id)
            return False
        except ValidationError as exc:
            log.error("outbox item %d has an unusable payload: %s", item.id, exc)
            await asyncio.to_thread(self._store.mark_failed, item.id, "invalid command")
            return False
        return True

    async def _deliver(self, item: OutboxItem) -> None:
        key = item.idempotency_key
        if item.kind == OutboxKind.MESSAGE:
            message = MessageCreate.model_validate(item.payload)
            result = await self._client.post_message(item.target_id, message, key)
            await asyncio.to_thread(lambda: self._store.mark_done(item.id, message=result))
        elif item.kind == OutboxKind.TICKET_UPDATE:
            update = TicketUpdate.model_validate(item.payload)
            ticket = await self._client.update_ticket(item.target_id, update, key)
            await asyncio.to_thread(lambda: self._store.mark_done(item.id, ticket=ticket))
        else:
            await asyncio.to_thread(
                self._store.mark_failed, item.id, f"unknown command {item.kind!r}"
            )

    async def refresh_ticket(self, ticket_id: int) -> None:
        """Replace an optimistic change the server refused (or the agent discarded) with the
        server's current ticket. Best effort: the live stream corrects it later anyway."""
        try:
            ticket = await self._client.get_ticket(ticket_id)
        except ApiError as exc:
            log.info("could not refresh ticket %d: %r", ticket_id, exc)
            return
        await asyncio.to_thread(self._store.upsert_tickets, [ticket])
