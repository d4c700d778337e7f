"""Ticket cache: upserts that keep the newest version, and indexed paged queries for the inbox."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, false, func, literal_column, select

from console.api.schemas import TicketOut
from console.core.domain import OPEN_STATUSES
from console.store import tables
from console.store.records import OutboxKind, TicketQuery, TicketView
from console.store.search import index_text, match_expression
from console.store.timestamps import from_micros, to_micros

_t = tables.tickets
_fts = tables.tickets_fts
_TICKET_ID_WORD = re.compile(r"#(\d{1,18})")
_PATCHABLE = ("status", "priority", "assignee_id", "category", "tags")
_OPEN_VALUES = frozenset(str(s) for s in OPEN_STATUSES)


_COLUMN_NAMES = (
    "id",
    "subject",
    "status",
    "priority",
    "channel",
    "category",
    "language",
    "customer_uid",
    "assignee_id",
    "tags",
    "created_at",
    "updated_at",
    "version",
    "message_count",
    "last_message_preview",
    "is_open",
    "search_text",
)
_READ_COLUMNS = [_t.c[name] for name in _COLUMN_NAMES[:-2]]
# Raw SQL for the hot path: SQLAlchemy's per-row parameter processing costs more than SQLite.
# Equal versions overwrite: that is how a re-fetch undoes a refused optimistic change.
_UPSERT_SQL = (
    f"INSERT INTO tickets ({', '.join(_COLUMN_NAMES)}) "
    f"VALUES ({', '.join('?' for _ in _COLUMN_NAMES)}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _COLUMN_NAMES[1:])
    + " WHERE excluded.version >= tickets.version"
)
_FTS_INSERT_SQL = "INSERT INTO tickets_fts (rowid, search_text) VALUES (?, ?)"
_FTS_DELETE_SQL = (
    "INSERT INTO tickets_fts (tickets_fts, rowid, search_text) VALUES ('delete', ?, ?)"
)


def _row(ticket: TicketOut) -> tuple[Any, ...]:
    return (
        ticket.id,
        ticket.subject,
        str(ticket.status),
        str(ticket.priority),
        str(ticket.channel),
        str(ticket.category),
        ticket.language,
        ticket.customer_uid,
        ticket.assignee_id,
        json.dumps(ticket.tags, ensure_ascii=False) if ticket.tags else "[]",
        to_micros(ticket.created_at),
        to_micros(ticket.updated_at),
        ticket.version,
        ticket.message_count,
        ticket.last_message_preview,
        1 if ticket.status in OPEN_STATUSES else 0,
        index_text(ticket.subject, ticket.last_message_preview, ticket.customer_uid),
    )


def _ticket(row: Sequence[Any]) -> TicketOut:
    return TicketOut.model_validate(
        {
            "id": row[0],
            "subject": row[1],
            "status": row[2],
            "priority": row[3],
            "channel": row[4],
            "category": row[5],
            "language": row[6],
            "customer_uid": row[7],
            "assignee_id": row[8],
            "tags": json.loads(row[9]) if row[9] != "[]" else [],
            "created_at": from_micros(row[10]),
            "updated_at": from_micros(row[11]),
            "version": row[12],
            "message_count": row[13],
            "last_message_preview": row[14],
        }
    )


_ID_CHUNK = 900  # well under SQLite's limit on bound parameters


def _existing(conn: Connection, ids: list[int]) -> dict[int, tuple[int, str]]:
    found: dict[int, tuple[int, str]] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.exec_driver_sql(
            f"SELECT id, version, search_text FROM tickets WHERE id IN ({marks})", tuple(chunk)
        )
        for ticket_id, version, text in rows:
            found[ticket_id] = (version, text)
    return found


def upsert(conn: Connection, items: Sequence[TicketOut]) -> list[int]:
    """Store tickets unless the cached row is newer; returns the ids written."""
    latest: dict[int, TicketOut] = {}
    for ticket in items:
        known = latest.get(ticket.id)
        if known is None or ticket.version >= known.version:
            latest[ticket.id] = ticket
    if not latest:
        return []
    existing = _existing(conn, list(latest))
    rows: list[tuple[Any, ...]] = []
    fts_delete: list[tuple[int, str]] = []
    fts_insert: list[tuple[int, str]] = []
    for ticket in latest.values():
        old = existing.get(ticket.id)
        # Equal versions overwrite: that is how a re-fetch undoes a refused optimistic change.
        if old is not None and ticket.version < old[0]:
            continue
        row = _row(ticket)
        rows.append(row)
        text = row[-1]
        if old is None:
            fts_insert.append((ticket.id, text))
        elif old[1] != text:
            fts_delete.append((ticket.id, old[1]))
            fts_insert.append((ticket.id, text))
    if not rows:
        return []
    conn.exec_driver_sql(_UPSERT_SQL, rows)
    if fts_delete:
        conn.exec_driver_sql(_FTS_DELETE_SQL, fts_delete)
    if fts_insert:
        conn.exec_driver_sql(_FTS_INSERT_SQL, fts_insert)
    written = [row[0] for row in rows]
    reapply_pending_updates(conn, written)
    return written


def patch_local(conn: Connection, ticket_id: int, payload: dict[str, Any]) -> bool:
    """Apply an agent's not-yet-confirmed change to the cached row (the optimistic view)."""
    values: dict[str, Any] = {}
    for name in _PATCHABLE:
        if name not in payload:
            continue
        value = payload[name]
        if value is None and name != "assignee_id":
            continue
        if name == "tags":
            value = json.dumps(value, ensure_ascii=False)
        elif name == "status":
            values["is_open"] = 1 if value in _OPEN_VALUES else 0
        values[name] = value
    if not values:
        return False
    result = conn.execute(_t.update().where(_t.c.id == ticket_id).values(**values))
    return result.rowcount > 0


def reapply_pending_updates(conn: Connection, ticket_ids: Iterable[int]) -> None:
    """Server data replaced the row: lay the agent's still-unsent changes over it again."""
    o = tables.outbox
    pending = conn.execute(
        select(o.c.target_id, o.c.payload)
        .where(o.c.kind == OutboxKind.TICKET_UPDATE, o.c.state.in_(("queued", "sending")))
        .order_by(o.c.id)
    ).all()
    if not pending:
        return
    wanted = set(ticket_ids)
    for target_id, payload in pending:
        if target_id in wanted:
            patch_local(conn, target_id, json.loads(payload))


def get(conn: Connection, ticket_id: int) -> TicketOut | None:
    row = conn.execute(select(*_READ_COLUMNS).where(_t.c.id == ticket_id)).first()
    return _ticket(row) if row is not None else None


def _conditions(q: TicketQuery) -> list[ColumnElement[bool]]:
    words = q.text.split()
    ids = [int(m.group(1)) for w in words if (m := _TICKET_ID_WORD.fullmatch(w))]
    expression = match_expression([w for w in words if not _TICKET_ID_WORD.fullmatch(w)])
    # With text, the few-to-some thousand matches are looked up by id and then filtered;
    # "+ 0" / "|| ''" keep SQLite from walking a whole view index and probing each entry.
    by_id = bool(ids) or expression is not None
    is_open: ColumnElement[Any] = _t.c.is_open + 0 if by_id else _t.c.is_open
    assignee: ColumnElement[Any] = _t.c.assignee_id + 0 if by_id else _t.c.assignee_id

    def text_column(name: str) -> ColumnElement[Any]:
        column = _t.c[name]
        return column.concat("") if by_id else column

    conditions: list[ColumnElement[bool]] = []
    view = TicketView(q.view)
    if view is not TicketView.ALL:
        conditions.append(is_open == 1)
    if view is TicketView.MINE:
        conditions.append(assignee == q.me_id if q.me_id is not None else false())
    elif view is TicketView.UNASSIGNED:
        conditions.append(assignee.is_(None))
    for name in ("channel", "category", "language"):
        value = getattr(q, name)
        if value:
            conditions.append(text_column(name) == value)
    conditions.extend(_t.c.id == ticket_id for ticket_id in ids)
    if expression is not None:
        matching = select(_fts.c.rowid).where(
            literal_column("tickets_fts").op("MATCH")(bindparam("fts_query", expression))
        )
        conditions.append(_t.c.id.in_(matching))
    return conditions


def query(conn: Connection, q: TicketQuery, offset: int, limit: int) -> list[TicketOut]:
    stmt = (
        select(*_READ_COLUMNS)
        .where(*_conditions(q))
        .order_by(_t.c.updated_at.desc(), _t.c.id.desc())
        .limit(max(0, limit))
        .offset(max(0, offset))
    )
    return [_ticket(row) for row in conn.execute(stmt)]


def count(conn: Connection, q: TicketQuery) -> int:
    stmt = select(func.count()).select_from(_t).where(*_conditions(q))
    return int(conn.execute(stmt).scalar_one())
