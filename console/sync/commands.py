"""The agent's inbox commands on the sync engine: each writes the store at once (optimistic
where that makes sense), queues an outbox item with its own idempotency key, and wakes the
flusher. They are plain methods that return quickly; the network work happens in tasks."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from console.api.client import new_idempotency_key
from console.api.schemas import (
    EscalationCreate,
    MessageCreate,
    TicketLinkCreate,
    TicketMerge,
)
from console.core.domain import Department, MessageKind
from console.store import OutboxKind, Store
from console.sync.attachments import discard_copies, stage_files

__all__ = ["InboxCommands", "draft_key"]


def draft_key(ticket_id: int) -> str:
    return f"ticket:{ticket_id}"


class InboxCommands:
    """Mixed into SyncEngine, which provides `_store` and `_wake_flusher`."""

    _store: Store

    def _wake_flusher(self) -> None:  # pragma: no cover - SyncEngine's
        raise NotImplementedError

    def _queue(self, kind: str, target_id: int, payload: dict[str, object]) -> int:
        item_id = self._store.enqueue(kind, target_id, payload, new_idempotency_key(), None)
        self._wake_flusher()
        return item_id

    def send_message(
        self,
        ticket_id: int,
        kind: str,
        body: str,
        author_name: str,
        files: Sequence[Path] = (),
    ) -> str:
        """Show the message at once, queue it, and wake the flusher; returns its client_id.

        `files` are checked (type, size, count; AttachmentRefused, a ValueError, if not fit)
        and copied into the store's data dir now, so the agent may delete the originals."""
        client_id = uuid.uuid4().hex
        # Validate before queuing: a message the server must refuse is refused here.
        MessageCreate(kind=MessageKind(kind), body=body, client_id=client_id)
        copies = stage_files(self._store.data_dir, client_id, files)
        try:
            self._store.queue_message(
                ticket_id, kind, body, client_id, author_name, new_idempotency_key(), copies
            )
        except BaseException:
            discard_copies(self._store.data_dir, client_id)
            raise
        self._wake_flusher()
        return client_id

    def escalate(self, ticket_id: int, department: str, note: str) -> int:
        """Ask a department; the escalation appears when the server confirms. Returns the
        outbox id."""
        body = EscalationCreate(department=Department(department), note=note)
        return self._queue(OutboxKind.ESCALATE, ticket_id, body.model_dump(mode="json"))

    def close_escalation(self, escalation_id: int, ticket_id: int) -> int:
        return self._queue(
            OutboxKind.ESCALATION_CLOSE, ticket_id, {"escalation_id": int(escalation_id)}
        )

    def merge(self, source_id: int, into_id: int) -> int:
        """Merge the duplicate `source_id` into `into_id`. The source's draft is appended to the
        target's so both texts survive (the source's draft stays as it was)."""
        body = TicketMerge(into_id=into_id)
        source_draft = self._store.draft(draft_key(source_id))
        if source_draft and source_draft.strip():
            target_draft = self._store.draft(draft_key(into_id)) or ""
            if source_draft not in target_draft:
                joined = f"{target_draft}\n\n{source_draft}" if target_draft else source_draft
                self._store.save_draft(draft_key(into_id), joined)
        return self._queue(OutboxKind.MERGE, source_id, body.model_dump(mode="json"))

    def link(self, ticket_id: int, other_id: int) -> int:
        body = TicketLinkCreate(ticket_id=other_id)
        return self._queue(OutboxKind.LINK, ticket_id, body.model_dump(mode="json"))

    def unlink(self, ticket_id: int, other_id: int) -> int:
        return self._queue(OutboxKind.UNLINK, ticket_id, {"ticket_id": int(other_id)})
