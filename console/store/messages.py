"""Message cache with optimistic local messages.

A message the agent sends is stored at once with no server id and its client_id; its state is
read from the outbox item carrying the same client_id. When the server's copy arrives (from the
outbox response or from the event stream, whichever is first) it takes over that same row, so the
agent never sees the message twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, and_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas import AttachmentOut, MessageOut
from console.core.domain import MessageKind
from console.core.secrets import redact_secrets
from console.store import tables
from console.store.records import LocalMessage, MessageState, OutboxState
from console.store.timestamps import from_micros, now_micros, to_micros

_m = tables.messages
_o = tables.outbox


def _server_values(message: MessageOut) -> dict[str, object]:
    return {
        "server_id": message.id,
        "ticket_id": message.ticket_id,
        "kind": str(message.kind),
        # A second line behind the server's: a customer's seed phrase or key is never kept.
        "body": redact_secrets(message.body).text
        if message.kind == MessageKind.CUSTOMER
        else message.body,
        "author_agent_id": message.author_agent_id,
        "author_name": message.author_name,
        "created_at": to_micros(message.created_at),
        "attachments": json.dumps(
            [a.model_dump(mode="json") for a in message.attachments], ensure_ascii=False
        )
        if message.attachments
        else "[]",
        "local_files": "[]",
        "merged_from_id": message.merged_from_id,
    }


def upsert(conn: Connection, items: Sequence[MessageOut]) -> set[int]:
    """Store server messages; returns the ids of the tickets whose messages changed."""
    touched: set[int] = set()
    for message in items:
        values = _server_values(message)
        touched.add(message.ticket_id)
        if message.client_id:
            replaced = conn.execute(
                _m.update()
                .where(_m.c.client_id == message.client_id, _m.c.server_id.is_(None))
                .values(**values)
            )
            if replaced.rowcount:
                continue
            owner = conn.execute(
                select(_m.c.server_id).where(_m.c.client_id == message.client_id)
            ).first()
            # Keep client_id only where it is still free, so a reused id cannot hide a message.
            if owner is None:
                values["client_id"] = message.client_id
        stmt = sqlite_insert(_m).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[_m.c.server_id],
            set_={k: stmt.excluded[k] for k in values if k not in ("server_id", "client_id")},
        )
        conn.execute(stmt)
    return touched


def add_local(
    conn: Connection,
    ticket_id: int,
    kind: str,
    body: str,
    client_id: str,
    author_name: str,
    local_files: Sequence[str] = (),
) -> None:
    conn.execute(
        _m.insert().values(
            server_id=None,
            ticket_id=ticket_id,
            kind=kind,
            body=body,
            author_agent_id=None,
            author_name=author_name,
            client_id=client_id,
            created_at=now_micros(),
            attachments="[]",
            local_files=json.dumps(list(local_files), ensure_ascii=False),
            merged_from_id=None,
        )
    )


def move_merged(conn: Connection, message_ids: Sequence[int], source: int, target: int) -> None:
    """A merge moved these server messages from `source` to `target`."""
    if message_ids:
        conn.execute(
            _m.update()
            .where(_m.c.server_id.in_(list(message_ids)))
            .values(ticket_id=target, merged_from_id=source)
        )


def delete_local(conn: Connection, client_id: str) -> set[int]:
    rows = conn.execute(
        _m.delete()
        .where(_m.c.client_id == client_id, _m.c.server_id.is_(None))
        .returning(_m.c.ticket_id)
    ).all()
    return {row[0] for row in rows}


def for_ticket(conn: Connection, ticket_id: int) -> list[LocalMessage]:
    live_states = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED)
    stmt = (
        select(_m, _o.c.id.label("outbox_id"), _o.c.state, _o.c.error)
        .outerjoin(
            _o,
            and_(
                _m.c.server_id.is_(None),
                _o.c.client_id == _m.c.client_id,
                _o.c.state.in_(live_states),
            ),
        )
        .where(_m.c.ticket_id == ticket_id)
        # Local messages go last: their clock is the agent's, not the server's.
        .order_by(_m.c.server_id.is_(None), _m.c.created_at, _m.c.local_id)
    )
    result: list[LocalMessage] = []
    for row in conn.execute(stmt).mappings():
        if row["server_id"] is not None:
            state = MessageState.SENT
        else:
            state = MessageState(row["state"] or MessageState.QUEUED)
        result.append(
            LocalMessage(
                id=row["server_id"],
                ticket_id=row["ticket_id"],
                kind=row["kind"],
                body=row["body"],
                author_name=row["author_name"],
                client_id=row["client_id"],
                created_at=from_micros(row["created_at"]),
                state=str(state),
                error=row["error"] if row["server_id"] is None else None,
                outbox_id=row["outbox_id"],
                attachments=[AttachmentOut.model_validate(a) for a in json.loads(a_text)]
                if (a_text := row["attachments"]) != "[]"
                else [],
                local_files=json.loads(row["local_files"]),
                merged_from_id=row["merged_from_id"],
            )
        )
    return result
