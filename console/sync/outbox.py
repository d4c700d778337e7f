"""The write path: send the outbox to the server, oldest first, each item with its own key.

An item leaves the outbox only when the server confirmed it; the server's copy is stored in the
same transaction. Transport failures and 5xx put the item back in the queue and stop this pass
(order is kept; the caller backs off). A 4xx marks the item failed with the server's message,
kept for the agent to retry or discard, and the pass goes on with the next item.

A message with files is three kinds of request: one upload per file, then the post. Each has
its own key derived from the item's (`<key>:file<n>`; the post uses the item's key), and each
upload's result is written into the item before the next step, so a retry after a failure or a
restart neither uploads a file twice nor posts twice.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import (
    EscalationCreate,
    MessageCreate,
    TicketLinkCreate,
    TicketMerge,
    TicketUpdate,
)
from console.store import CHAT_OUTBOX_KINDS, KB_OUTBOX_KINDS, OutboxItem, OutboxKind, Store
from console.sync.attachments import content_type, discard_copies, upload_key
from console.sync.chat_outbox import deliver_chat
from console.sync.kb import deliver_kb

log = logging.getLogger(__name__)

__all__ = ["OutboxSender", "upload_key"]


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
        except (ValidationError, OSError) as exc:
            log.error("outbox item %d cannot be sent: %s", item.id, exc)
            await asyncio.to_thread(self._store.mark_failed, item.id, f"cannot be sent: {exc}")
            return False
        return True

    async def _done(self, item: OutboxItem, **result: Any) -> None:
        await asyncio.to_thread(lambda: self._store.mark_done(item.id, **result))

    async def _deliver(self, item: OutboxItem) -> None:
        key = item.idempotency_key
        kind, target, payload = item.kind, item.target_id, item.payload
        client = self._client
        if kind == OutboxKind.MESSAGE:
            message = await self._message(item)
            result = await client.post_message(target, message, key)
            await self._done(item, message=result)
            await asyncio.to_thread(discard_copies, self._store.data_dir, item.client_id)
        elif kind == OutboxKind.TICKET_UPDATE:
            update = TicketUpdate.model_validate(payload)
            await self._done(item, ticket=await client.update_ticket(target, update, key))
        elif kind == OutboxKind.ESCALATE:
            body = EscalationCreate.model_validate(payload)
            escalation = await client.create_escalation(target, body, key)
            await self._done(item, escalation=escalation)
        elif kind == OutboxKind.ESCALATION_CLOSE:
            escalation = await client.close_escalation(int(payload["escalation_id"]), key)
            await self._done(item, escalation=escalation)
        elif kind == OutboxKind.MERGE:
            merge = TicketMerge.model_validate(payload)
            await self._done(item, merged=await client.merge_ticket(target, merge, key))
        elif kind == OutboxKind.LINK:
            link = TicketLinkCreate.model_validate(payload)
            await self._done(item, ticket=await client.link_tickets(target, link, key))
        elif kind == OutboxKind.UNLINK:
            other = int(payload["ticket_id"])
            await self._done(item, ticket=await client.unlink_tickets(target, other, key))
        elif kind in KB_OUTBOX_KINDS:
            await deliver_kb(client, self._store, item)
        elif kind in CHAT_OUTBOX_KINDS:
            await deliver_chat(client, self._store, item)
        else:
            await asyncio.to_thread(self._store.mark_failed, item.id, f"unknown command {kind!r}")

    async def _message(self, item: OutboxItem) -> MessageCreate:
        """Upload what is not uploaded yet, then the message to post."""
        payload = dict(item.payload)
        files: list[str] = list(payload.pop("files", []))
        uploaded: dict[str, int] = dict(payload.pop("uploaded", {}))
        for index, name in enumerate(files):
            if str(index) in uploaded:
                continue
            path = Path(name)
            data = await asyncio.to_thread(path.read_bytes)
            attachment = await self._client.upload_attachment(
                path.name, content_type(path), data, upload_key(item.idempotency_key, index)
            )
            uploaded[str(index)] = attachment.id
            progress = {**item.payload, "uploaded": uploaded}
            await asyncio.to_thread(self._store.update_outbox_payload, item.id, progress)
        if files:
            payload["attachment_ids"] = [uploaded[str(i)] for i in range(len(files))]
        return MessageCreate.model_validate(payload)

    async def refresh_ticket(self, ticket_id: int) -> None:
        """Replace an optimistic change the server refused (or the agent discarded) with the
        server's current ticket. Best effort: the live stream corrects it later anyway."""
        try:
            ticket = await self._client.get_ticket(ticket_id)
        except ApiError as exc:
            log.info("could not refresh ticket %d: %r", ticket_id, exc)
            return
        await asyncio.to_thread(self._store.upsert_tickets, [ticket])
