"""The Store's outbox: commands queued for the server, and the moves of each through its states.

An item goes queued -> sending -> done, or to failed (then requeued or discarded). Queueing a
change together with its optimistic local copy, and storing the server's answer when an item is
done, each happen in the item's own transaction, so a crash never leaves one without the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from console.api.schemas import EscalationOut, MessageOut, TicketMergedOut, TicketOut
from console.api.schemas_chat import ChatMessageOut, ConversationOut
from console.store import chat_rows, messages, outbox, tickets, workspace_data
from console.store.db import reading, writing
from console.store.records import OutboxItem, OutboxKind, OutboxState

__all__ = ["StoreOutbox"]

_Q, _S, _F = OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED


class StoreOutbox:
    """The outbox half of `Store` (a mixin: the engine and publishing are the Store's)."""

    _engine: Engine

    def _publish(self, topic: str, ids: Sequence[int | str] = ()) -> None:
        raise NotImplementedError  # Store publishes on its hub

    # --- queueing --------------------------------------------------------------------------------

    def enqueue(
        self,
        kind: str,
        target_id: int,
        payload: dict[str, Any],
        idempotency_key: str,
        client_id: str | None,
    ) -> int:
        with writing(self._engine) as conn:
            item_id = outbox.enqueue(conn, kind, target_id, payload, idempotency_key, client_id)
        self._publish("outbox", [item_id])
        return item_id

    def update_outbox_payload(self, item_id: int, payload: dict[str, Any]) -> None:
        """Record progress inside a command (uploaded attachment ids) so a retry resumes."""
        with writing(self._engine) as conn:
            outbox.set_payload(conn, item_id, payload)

    def queue_ticket_update(
        self, ticket_id: int, payload: dict[str, Any], idempotency_key: str
    ) -> int:
        """The optimistic change to the cached ticket and its outbox item, in one transaction."""
        with writing(self._engine) as conn:
            tickets.patch_local(conn, ticket_id, payload)
            item_id = outbox.enqueue(
                conn, OutboxKind.TICKET_UPDATE, ticket_id, payload, idempotency_key, None
            )
        self._publish("tickets", [ticket_id])
        self._publish("outbox", [item_id])
        return item_id

    def queue_message(
        self,
        ticket_id: int,
        kind: str,
        body: str,
        client_id: str,
        author_name: str,
        idempotency_key: str,
        local_files: Sequence[str] = (),
    ) -> int:
        """The optimistic message and its outbox item, in one transaction. `local_files` are
        paths (already copied into data_dir) uploaded before the message is posted."""
        payload: dict[str, Any] = {"kind": kind, "body": body, "client_id": client_id}
        if local_files:
            payload["files"] = list(local_files)
        with writing(self._engine) as conn:
            messages.add_local(conn, ticket_id, kind, body, client_id, author_name, local_files)
            item_id = outbox.enqueue(
                conn, OutboxKind.MESSAGE, ticket_id, payload, idempotency_key, client_id
            )
        self._publish("messages", [ticket_id])
        self._publish("outbox", [item_id])
        return item_id

    def pending_outbox(self) -> list[OutboxItem]:
        with reading(self._engine) as conn:
            return outbox.pending(conn)

    def failed_outbox(self) -> list[OutboxItem]:
        with reading(self._engine) as conn:
            return outbox.in_states(conn, (_F,))

    def outbox_item(self, item_id: int) -> OutboxItem | None:
        with reading(self._engine) as conn:
            return outbox.get(conn, item_id)

    def _move(
        self,
        item_id: int,
        expected: tuple[str, ...],
        state: str,
        *,
        error: str | None = None,
        count_attempt: bool = False,
        message: MessageOut | None = None,
        ticket: TicketOut | None = None,
        escalation: EscalationOut | None = None,
        merged: TicketMergedOut | None = None,
        chat_message: ChatMessageOut | None = None,
        conversation: ConversationOut | None = None,
    ) -> bool:
        changed_tickets: list[int] = []
        changed_chats: list[int] = []
        with writing(self._engine) as conn:
            item = outbox.transition(
                conn, item_id, expected, state, error=error, count_attempt=count_attempt
            )
            if item is None:
                return False
            if message is not None:
                messages.upsert(conn, [message])
            if ticket is not None:
                changed_tickets += tickets.upsert(conn, [ticket])
            if escalation is not None:
                workspace_data.upsert_escalations(conn, [escalation])
            if merged is not None:
                changed_tickets += tickets.upsert(conn, [merged.source, merged.target])
                source, target = merged.source.id, merged.target.id
                messages.move_merged(conn, merged.moved_message_ids, source, target)
            if chat_message is not None:
                changed_chats += chat_rows.upsert_messages(conn, [chat_message])
            if conversation is not None:
                changed_chats += chat_rows.upsert_conversations(conn, [conversation])
            if state == OutboxState.DISCARDED and item.client_id:
                if item.kind == OutboxKind.CHAT_MESSAGE:
                    chat_rows.delete_local(conn, item.target_id, item.client_id)
                else:
                    messages.delete_local(conn, item.client_id)
        self._publish("outbox", [item_id])
        if item.kind == OutboxKind.MESSAGE:
            self._publish("messages", [item.target_id])
        if item.kind == OutboxKind.CHAT_MESSAGE:
            self._publish("chat_messages", [item.target_id])
        if item.kind == OutboxKind.CHAT_MESSAGE or changed_chats:
            self._publish("chats", sorted({item.target_id, *changed_chats}))
        if item.kind == OutboxKind.TICKET_UPDATE or changed_tickets:
            self._publish("tickets", sorted({item.target_id, *changed_tickets}))
        if escalation is not None:
            self._publish("escalations", [escalation.ticket_id])
        if merged is not None:
            self._publish("messages", [merged.source.id, merged.target.id])
        return True

    def mark_sending(self, item_id: int) -> bool:
        # "sending" too: an item left in flight by a crash is sent again with the same key.
        return self._move(item_id, (_Q, _S), OutboxState.SENDING, count_attempt=True)

    def mark_done(
        self,
        item_id: int,
        *,
        message: MessageOut | None = None,
        ticket: TicketOut | None = None,
        escalation: EscalationOut | None = None,
        merged: TicketMergedOut | None = None,
        chat_message: ChatMessageOut | None = None,
        conversation: ConversationOut | None = None,
    ) -> bool:
        """Confirmed by the server; the server's result is stored in the same transaction."""
        return self._move(
            item_id,
            (_S, _Q),
            OutboxState.DONE,
            message=message,
            ticket=ticket,
            escalation=escalation,
            merged=merged,
            chat_message=chat_message,
            conversation=conversation,
        )

    def mark_failed(self, item_id: int, error: str) -> bool:
        return self._move(item_id, (_S, _Q), OutboxState.FAILED, error=error)

    def requeue(self, item_id: int) -> bool:
        return self._move(item_id, (_S, _F), OutboxState.QUEUED)

    def discard(self, item_id: int) -> bool:
        """Only queued or failed items: one in flight may already have reached the server."""
        return self._move(item_id, (_Q, _F), OutboxState.DISCARDED)
