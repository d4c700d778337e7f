"""Live chat between the server and the store: delivering chat outbox items, and fetching the
conversations and messages the event stream may not have brought.

A chat message is sent like a ticket message: each file uploaded with its own key derived from
the item's (progress written into the item, so a retry never uploads twice), then the post with
the item's key and the message's client_id. The server is idempotent on both, so a message whose
answer was lost (a dropped connection, a server restart) and is sent again is stored once, and
the store's copy is the server's.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas_chat import ChatMessageCreate, ConversationOut
from console.store import OutboxItem, OutboxKind, Store
from console.sync.attachments import content_type, discard_copies, upload_key

__all__ = ["deliver_chat", "fetch_missing_messages", "refresh_chats"]

log = logging.getLogger(__name__)


async def deliver_chat(client: SupportClient, store: Store, item: OutboxItem) -> None:
    """Send one chat outbox item and mark it done (the outbox sender's part for
    CHAT_OUTBOX_KINDS; ApiError, ValidationError and OSError are the sender's to handle)."""
    if item.kind == OutboxKind.CHAT_MESSAGE:
        message = await _message(client, store, item)
        result = await client.post_chat_message(
            item.target_id, message, idempotency_key=item.idempotency_key
        )
        await asyncio.to_thread(lambda: store.mark_done(item.id, chat_message=result))
        await asyncio.to_thread(discard_copies, store.data_dir, item.client_id)
    elif item.kind == OutboxKind.CHAT_ACTION and item.payload.get("action") == "read":
        try:
            conversation = await client.mark_chat_read(
                item.target_id,
                int(item.payload["up_to_seq"]),
                idempotency_key=item.idempotency_key,
            )
        except ApiError as exc:
            if exc.retryable:
                raise
            # A read mark the server refuses (the chat ended, was taken over) is not the
            # agent's work to keep: it is done, not failed.
            log.info("read mark on chat %d refused: %r", item.target_id, exc)
            await asyncio.to_thread(store.mark_done, item.id)
            return
        await asyncio.to_thread(lambda: store.mark_done(item.id, conversation=conversation))
    else:
        await asyncio.to_thread(store.mark_failed, item.id, f"unknown command {item.kind!r}")


async def _message(client: SupportClient, store: Store, item: OutboxItem) -> ChatMessageCreate:
    """Upload what is not uploaded yet, then the message to post."""
    payload = dict(item.payload)
    files: list[str] = list(payload.pop("files", []))
    uploaded: dict[str, int] = dict(payload.pop("uploaded", {}))
    for index, name in enumerate(files):
        if str(index) in uploaded:
            continue
        path = Path(name)
        data = await asyncio.to_thread(path.read_bytes)
        attachment = await client.upload_chat_attachment(
            item.target_id,
            path.name,
            data,
            content_type=content_type(path),
            idempotency_key=upload_key(item.idempotency_key, index),
        )
        uploaded[str(index)] = attachment.id
        progress = {**item.payload, "uploaded": uploaded}
        await asyncio.to_thread(store.update_outbox_payload, item.id, progress)
    if files:
        payload["attachment_ids"] = [uploaded[str(i)] for i in range(len(files))]
    return ChatMessageCreate.model_validate(payload)


async def fetch_missing_messages(
    client: SupportClient, store: Store, conversation_id: int, last_seq: int | None = None
) -> int:
    """Messages after the gapless run the store holds, into the store; returns how many came.
    With `last_seq` (the conversation's), nothing is asked when the store already has it all.
    Raises ApiError."""
    known = await asyncio.to_thread(store.chats.known_seq, conversation_id)
    if last_seq is not None and known >= last_seq:
        return 0
    messages = await client.chat_messages(conversation_id, after_seq=known)
    if messages:
        await asyncio.to_thread(store.chats.put_messages, messages)
    return len(messages)


async def refresh_chats(client: SupportClient, store: Store, me_id: int) -> list[ConversationOut]:
    """At connect: my conversations and the queue from the server, each of mine with its
    messages; conversations the store still thinks are mine are fetched once more (a cache that
    missed their end). Returns my conversations. Raises ApiError."""
    mine, queue = await asyncio.gather(client.chats("mine"), client.chats("queue"))
    await asyncio.to_thread(store.chats.put_conversations, [*mine, *queue])
    server_mine = {c.id for c in mine}
    cached_mine = await asyncio.to_thread(store.chats.my_conversations, me_id)
    stale = [c.id for c in cached_mine if c.id not in server_mine]
    if stale:
        found = await asyncio.gather(*(client.chat(cid) for cid in stale), return_exceptions=True)
        current = [c for c in found if isinstance(c, ConversationOut)]
        await asyncio.to_thread(store.chats.put_conversations, current)
    for conversation in mine:
        await fetch_missing_messages(client, store, conversation.id, conversation.last_seq)
    return mine
