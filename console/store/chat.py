"""Live chat in the local store: `store.chats`.

Conversations (ConversationOut) and their messages (ChatMessageOut) as the server sent them, my
messages not yet confirmed (shown at once, after the server's, in the order I wrote them) and
how far I have read. The rows themselves are chat_rows.py; event batches and the outbox write
through the same functions inside their own transactions.

Published on the store's hub after each commit: "chats" (conversation ids whose conversation
changed, or whose read mark moved) and "chat_messages" (conversation ids whose messages
changed; also when one of my messages changes state in the outbox). Drafts use the store's
drafts API with `draft_key(conversation_id)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine

from console.api.schemas_chat import ChatMessageCreate, ChatMessageOut, ConversationOut
from console.store import chat_read_marks, chat_rows, outbox
from console.store.db import reading, writing
from console.store.records import ChatLocalMessage, OutboxKind

__all__ = ["MESSAGES_TOPIC", "TOPIC", "ChatStore", "draft_key"]

TOPIC = "chats"
MESSAGES_TOPIC = "chat_messages"

Publish = Callable[[str, Sequence[int | str]], None]


def draft_key(conversation_id: int) -> str:
    """The key of a chat's draft in the store's drafts (save_draft / draft / delete_draft)."""
    return f"chat:{conversation_id}"


class ChatStore:
    """Thread-safe like the Store: every call is one short transaction of its own."""

    def __init__(self, engine: Engine, publish: Publish) -> None:
        self._engine = engine
        self._publish = publish

    # --- writes ----------------------------------------------------------------------------------

    def put_conversations(self, items: Sequence[ConversationOut]) -> list[int]:
        """Upsert (an older copy never replaces a newer one); returns the ids written."""
        if not items:
            return []
        with writing(self._engine) as conn:
            written = chat_rows.upsert_conversations(conn, items)
        if written:
            self._publish(TOPIC, written)
        return written

    def put_messages(self, items: Sequence[ChatMessageOut]) -> list[int]:
        """Store server messages (my optimistic copy with the same client_id is replaced, never
        duplicated); returns the conversation ids touched."""
        if not items:
            return []
        with writing(self._engine) as conn:
            touched = sorted(chat_rows.upsert_messages(conn, items))
        self._publish(MESSAGES_TOPIC, touched)
        self._publish(TOPIC, touched)  # newest activity moved
        return touched

    def queue_message(
        self,
        conversation_id: int,
        body: str,
        client_id: str,
        author_name: str,
        agent_id: int | None,
        idempotency_key: str,
        local_files: Sequence[str] = (),
    ) -> int:
        """My message shown at once and its outbox item, in one transaction; returns the item
        id. `local_files` (already copied into the data dir) are uploaded before the post."""
        payload: dict[str, Any] = ChatMessageCreate(body=body, client_id=client_id).model_dump(
            mode="json"
        )
        if local_files:
            payload["files"] = list(local_files)
        with writing(self._engine) as conn:
            chat_rows.add_local(
                conn, conversation_id, body, client_id, author_name, agent_id, local_files
            )
            item_id = outbox.enqueue(
                conn, OutboxKind.CHAT_MESSAGE, conversation_id, payload, idempotency_key, client_id
            )
        self._publish(MESSAGES_TOPIC, [conversation_id])
        self._publish(TOPIC, [conversation_id])
        self._publish("outbox", [item_id])
        return item_id

    def queue_read(
        self, conversation_id: int, agent_id: int, up_to_seq: int, idempotency_key: str
    ) -> int | None:
        """Mark read up to `up_to_seq` here at once and queue telling the server; None (nothing
        queued) when the mark does not move forward."""
        with writing(self._engine) as conn:
            if not chat_read_marks.raise_read_mark(conn, conversation_id, agent_id, up_to_seq):
                return None
            payload = {"action": "read", "up_to_seq": int(up_to_seq)}
            item_id = outbox.enqueue(
                conn, OutboxKind.CHAT_ACTION, conversation_id, payload, idempotency_key, None
            )
        self._publish(TOPIC, [conversation_id])
        self._publish("outbox", [item_id])
        return item_id

    # --- reads -----------------------------------------------------------------------------------

    def conversation(self, conversation_id: int) -> ConversationOut | None:
        with reading(self._engine) as conn:
            return chat_rows.conversations(conn, [conversation_id]).get(conversation_id)

    def conversations(self, ids: Sequence[int]) -> dict[int, ConversationOut]:
        with reading(self._engine) as conn:
            return chat_rows.conversations(conn, ids)

    def my_conversations(self, agent_id: int) -> list[ConversationOut]:
        """Offered to the agent or active with them, newest activity first."""
        with reading(self._engine) as conn:
            return chat_rows.mine(conn, agent_id)

    def queue(self) -> list[ConversationOut]:
        """Conversations waiting for an agent, in queue order (security, VIP tier, waiting)."""
        with reading(self._engine) as conn:
            return chat_rows.queued(conn)

    def messages(self, conversation_id: int) -> list[ChatLocalMessage]:
        """The server's messages by seq, then mine not yet confirmed (state from the outbox)."""
        with reading(self._engine) as conn:
            return chat_rows.messages_for(conn, conversation_id)

    def known_seq(self, conversation_id: int) -> int:
        """The seq up to which every server message is stored (fetch messages after it)."""
        with reading(self._engine) as conn:
            return chat_rows.known_seq(conn, conversation_id)

    def unread_count(self, conversation_id: int, agent_id: int) -> int:
        """Customer messages after the agent's read position (the server's agent_read_seq or
        this console's own newer mark)."""
        with reading(self._engine) as conn:
            return chat_read_marks.unread(conn, [conversation_id], agent_id)[conversation_id]

    def unread_counts(self, agent_id: int) -> dict[int, int]:
        """unread_count for each of the agent's conversations (my_conversations), at once."""
        with reading(self._engine) as conn:
            ids = [c.id for c in chat_rows.mine(conn, agent_id)]
            return chat_read_marks.unread(conn, ids, agent_id)
