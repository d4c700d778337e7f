"""The outbox: the agent's commands waiting for the server to confirm them.

State moves queued -> sending -> done, or -> failed (kept, shown, retried or discarded). A
transition only happens from the state it expects, so an agent's discard cannot race a send.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from console.store import tables
from console.store.records import PENDING_STATES, OutboxItem, OutboxState
from console.store.timestamps import from_micros, now_micros

_o = tables.outbox


def _item(row: RowMapping) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        kind=row["kind"],
        target_id=row["target_id"],
        payload=json.loads(row["payload"]),
        idempotency_key=row["idempotency_key"],
        client_id=row["client_id"],
        state=row["state"],
        error=row["error"],
        attempts=row["attempts"],
        created_at=from_micros(row["created_at"]),
    )


def enqueue(
    conn: Connection,
    kind: str,
    target_id: int,
    payload: dict[str, Any],
    idempotency_key: str,
    client_id: str | None,
) -> int:
    result = conn.execute(
        _o.insert().values(
            kind=kind,
            target_id=target_id,
            payload=json.dumps(payload, ensure_ascii=False),
            idempotency_key=idempotency_key,
            client_id=client_id,
            state=OutboxState.QUEUED,
            created_at=now_micros(),
            error=None,
            attempts=0,
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def get(conn: Connection, item_id: int) -> OutboxItem | None:
    row = conn.execute(select(_o).where(_o.c.id == item_id)).mappings().first()
    return _item(row) if row is not None else None


def in_states(conn: Connection, states: tuple[str, ...]) -> list[OutboxItem]:
    rows = conn.execute(select(_o).where(_o.c.state.in_(states)).order_by(_o.c.id)).mappings()
    return [_item(row) for row in rows]


def pending(conn: Connection) -> list[OutboxItem]:
    return in_states(conn, tuple(PENDING_STATES))


def transition(
    conn: Connection,
    item_id: int,
    expected: tuple[str, ...],
    state: str,
    *,
    error: str | None = None,
    count_attempt: bool = False,
) -> OutboxItem | None:
    """Move an item to `state` if it is in one of `expected`; returns the updated item or None."""
    values: dict[str, Any] = {"state": state, "error": error}
    if count_attempt:
        values["attempts"] = _o.c.attempts + 1
    row = (
        conn.execute(
            _o.update()
            .where(_o.c.id == item_id, _o.c.state.in_(expected))
            .values(**values)
            .returning(*_o.c)
        )
        .mappings()
        .first()
    )
    return _item(row) if row is not None else None


def set_payload(conn: Connection, item_id: int, payload: dict[str, Any]) -> None:
    conn.execute(
        _o.update()
        .where(_o.c.id == item_id)
        .values(payload=json.dumps(payload, ensure_ascii=False))
    )
