"""Ticket cache: upserts that keep the newest version, and indexed paged queries for the inbox.

How a ticket becomes a row and back is `ticket_rows`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from console.api.schemas import TicketOut
from console.core.domain import OPEN_STATUSES
from console.store import tables
from console.store.first_page import TicketRow, ticket_row
from console.store.records import OutboxKind, TicketQuery
from console.store.ticket_rows import (
    COLUMN_NAMES,
    READ_COLUMNS,
    SELECT_COLUMNS,
    json_list,
    sla_from_document,
    ticket_from_row,
    ticket_row_values,
)
from console.store.ticket_sql import PRIORITY_RANKS, Plan, order_by, plan, sort_index

# The row format lives in ticket_rows; these names stay importable from here.
__all__ = [
    "NARROW_MAX",
    "READ_COLUMNS",
    "count",
    "count_capped",
    "count_many",
    "for_customer",
    "get",
    "get_many",
    "patch_local",
    "query",
    "reapply_pending_updates",
    "sla_from_document",
    "upsert",
]

_t = tables.tickets
_OPEN_VALUES = frozenset(str(s) for s in OPEN_STATUSES)
# With at most this many candidates (text matches, a tag's tickets, "#id"), they are looked up
# by id and sorted; with more, the sort index is walked and each entry tested against them.
NARROW_MAX = 3_000

# Raw SQL for the hot path: SQLAlchemy's per-row parameter processing costs more than SQLite.
# Equal versions overwrite: that is how a re-fetch undoes a refused optimistic change.
_UPSERT_SQL = (
    f"INSERT INTO tickets ({', '.join(COLUMN_NAMES)}) "
    f"VALUES ({', '.join('?' for _ in COLUMN_NAMES)}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in COLUMN_NAMES[1:])
    + " WHERE excluded.version >= tickets.version"
)
_FTS_INSERT_SQL = "INSERT INTO tickets_fts (rowid, search_text) VALUES (?, ?)"
_FTS_DELETE_SQL = (
    "INSERT INTO tickets_fts (tickets_fts, rowid, search_text) VALUES ('delete', ?, ?)"
)
_TAGS_DELETE_SQL = "DELETE FROM ticket_tags WHERE ticket_id = ?"
_TAGS_INSERT_SQL = "INSERT OR IGNORE INTO ticket_tags (tag, ticket_id) VALUES (?, ?)"


_ID_CHUNK = 900  # well under SQLite's limit on bound parameters


def _existing(conn: Connection, ids: list[int]) -> dict[int, tuple[int, str, str]]:
    found: dict[int, tuple[int, str, str]] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.exec_driver_sql(
            f"SELECT id, version, search_text, tags FROM tickets WHERE id IN ({marks})",
            tuple(chunk),
        )
        for ticket_id, version, text, tags in rows:
            found[ticket_id] = (version, text, tags)
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
    tags_delete: list[tuple[int]] = []
    tags_insert: list[tuple[str, int]] = []
    text_at = COLUMN_NAMES.index("search_text")
    for ticket in latest.values():
        old = existing.get(ticket.id)
        # Equal versions overwrite: that is how a re-fetch undoes a refused optimistic change.
        if old is not None and ticket.version < old[0]:
            continue
        row = ticket_row_values(ticket)
        rows.append(row)
        text = row[text_at]
        if old is None:
            fts_insert.append((ticket.id, text))
        elif old[1] != text:
            fts_delete.append((ticket.id, old[1]))
            fts_insert.append((ticket.id, text))
        if old is None or old[2] != row[9]:
            if old is not None:
                tags_delete.append((ticket.id,))
            tags_insert += [(tag, ticket.id) for tag in ticket.tags]
    if not rows:
        return []
    conn.exec_driver_sql(_UPSERT_SQL, rows)
    if fts_delete:
        conn.exec_driver_sql(_FTS_DELETE_SQL, fts_delete)
    if fts_insert:
        conn.exec_driver_sql(_FTS_INSERT_SQL, fts_insert)
    if tags_delete:
        conn.exec_driver_sql(_TAGS_DELETE_SQL, tags_delete)
    if tags_insert:
        conn.exec_driver_sql(_TAGS_INSERT_SQL, tags_insert)
    written = [row[0] for row in rows]
    reapply_pending_updates(conn, written)
    return written


def _set_tags(conn: Connection, ticket_id: int, tags: Sequence[str]) -> None:
    conn.exec_driver_sql(_TAGS_DELETE_SQL, (ticket_id,))
    if tags:
        conn.exec_driver_sql(_TAGS_INSERT_SQL, [(tag, ticket_id) for tag in tags])


def patch_local(conn: Connection, ticket_id: int, payload: dict[str, Any]) -> bool:
    """Apply an agent's not-yet-confirmed change to the cached row (the optimistic view)."""
    values: dict[str, Any] = {}
    for name in ("status", "priority", "assignee_id", "category", "tags", "group"):
        if name not in payload:
            continue
        value = payload[name]
        if value is None and name not in ("assignee_id", "group"):
            continue
        if name == "tags":
            _set_tags(conn, ticket_id, value)
            value = json_list(value)
        elif name == "status":
            values["is_open"] = 1 if value in _OPEN_VALUES else 0
        elif name == "priority":
            values["priority_rank"] = PRIORITY_RANKS.get(value, 2)
        values["group_name" if name == "group" else name] = value
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
    row = conn.exec_driver_sql(
        f"SELECT {SELECT_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)
    ).first()
    return ticket_from_row(row) if row is not None else None


def get_many(conn: Connection, ids: Sequence[int]) -> dict[int, TicketOut]:
    found: dict[int, TicketOut] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = tuple(ids[start : start + _ID_CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for row in conn.exec_driver_sql(
            f"SELECT {SELECT_COLUMNS} FROM tickets WHERE id IN ({marks})", chunk
        ):
            found[row[0]] = ticket_from_row(row)
    return found


def _narrow(conn: Connection, found: Plan, q: TicketQuery) -> bool:
    """Few candidates: look them up by id rather than walking an index in display order."""
    if found.ids:
        return True
    sizes: list[int] = []
    if found.fts is not None:
        sizes.append(
            conn.exec_driver_sql(
                "SELECT count(*) FROM (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?"
                f" LIMIT {NARROW_MAX + 1})",
                (found.fts,),
            ).scalar_one()
        )
    if q.tag:
        sizes.append(
            conn.exec_driver_sql(
                "SELECT count(*) FROM (SELECT 1 FROM ticket_tags WHERE tag = ?"
                f" LIMIT {NARROW_MAX + 1})",
                (q.tag,),
            ).scalar_one()
        )
    return bool(sizes) and min(sizes) <= NARROW_MAX


def query(conn: Connection, q: TicketQuery, offset: int, limit: int) -> list[TicketRow]:
    """A page of `q` as light rows (TicketOut's attributes, no validation: ~10x cheaper)."""
    found = plan(q)
    if _narrow(conn, found, q):
        found = plan(q, plain=True)
        source = "tickets"
    else:
        source = f"tickets INDEXED BY {sort_index(q)}"
    sql = (
        f"SELECT {SELECT_COLUMNS} FROM {source} WHERE {found.where} ORDER BY {order_by(q)} "
        "LIMIT ? OFFSET ?"
    )
    rows = conn.exec_driver_sql(sql, (*found.params, max(0, limit), max(0, offset)))
    return [ticket_row(row) for row in rows]


def count(conn: Connection, q: TicketQuery) -> int:
    found = plan(q)
    if _narrow(conn, found, q):
        found = plan(q, plain=True)
    sql = f"SELECT count(*) FROM tickets WHERE {found.where}"
    return int(conn.exec_driver_sql(sql, found.params).scalar_one())


def count_capped(conn: Connection, q: TicketQuery, cap: int) -> tuple[int, bool]:
    """(count, capped): exact for views and filters; a text search or tag with more than `cap`
    matches gives (cap, True), having read no more than cap + 1 of them when there are many."""
    found = plan(q)
    if found.fts is None and not q.tag:
        return count(conn, q), False
    if _narrow(conn, found, q):
        found = plan(q, plain=True)
        sql = f"SELECT count(*) FROM tickets WHERE {found.where}"
        n = int(conn.exec_driver_sql(sql, found.params).scalar_one())
        return (cap, True) if n > cap else (n, False)
    found = plan(q, plain=True)
    if found.fts is not None:
        # Stream the text matches, check each ticket by its id, stop after cap + 1.
        source = "tickets_fts CROSS JOIN tickets ON tickets.id = tickets_fts.rowid"
        conditions = ["tickets_fts MATCH ?", found.filters]
        params: list[Any] = [found.fts, *found.filter_params]
        if q.tag:
            conditions.append("tickets.id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)")
            params.append(q.tag)
    else:
        source = "ticket_tags CROSS JOIN tickets ON tickets.id = ticket_tags.ticket_id"
        conditions = ["ticket_tags.tag = ?", found.filters]
        params = [q.tag, *found.filter_params]
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {' AND '.join(conditions)} LIMIT ?)"
    n = int(conn.exec_driver_sql(sql, (*params, cap + 1)).scalar_one())
    return (cap, True) if n > cap else (n, False)


def count_many(conn: Connection, queries: Sequence[TicketQuery]) -> list[int]:
    """Exact counts of several queries. Those without text or tag are counted together in one
    pass over the filter index (one count(CASE ...) per query); the others one by one."""
    counts: list[int | None] = [None] * len(queries)
    together: list[tuple[int, Plan]] = []
    for i, q in enumerate(queries):
        found = plan(q)
        if found.fts is None and not found.ids and not q.tag:
            together.append((i, found))
    if len(together) > 1:
        terms = ", ".join(f"count(CASE WHEN {found.where} THEN 1 END)" for _i, found in together)
        params = tuple(p for _i, found in together for p in found.params)
        row = conn.exec_driver_sql(
            f"SELECT {terms} FROM tickets INDEXED BY ix_tickets_filters", params
        ).one()
        for (i, _found), n in zip(together, row, strict=True):
            counts[i] = int(n)
    return [n if n is not None else count(conn, q) for n, q in zip(counts, queries, strict=True)]


def for_customer(conn: Connection, uid: str, limit: int) -> list[TicketOut]:
    rows = conn.exec_driver_sql(
        f"SELECT {SELECT_COLUMNS} FROM tickets WHERE customer_uid = ? "
        "ORDER BY created_at DESC, id DESC LIMIT ?",
        (uid, max(0, limit)),
    )
    return [ticket_from_row(row) for row in rows]
