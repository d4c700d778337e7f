"""A read-only glance at the cache file for the first paint, with nothing but sqlite3.

Opening the real Store means importing SQLAlchemy and pydantic, most of a second on a cold
start. The inbox's first page, its count and the workspace's name only need a few indexed
reads, so the window can paint from them and the Store opens after. The queries here mirror
`tickets.query` / `tickets.count` for a view without search text (a test holds them equal);
anything this module does not recognise, starting with the schema version, yields None and the
caller takes the normal path.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from console.core.domain import Category, Channel, Priority, TicketStatus
from console.store.records import TicketQuery, TicketView
from console.store.timestamps import from_micros

__all__ = [
    "SCHEMA_VERSION",
    "CachedTickets",
    "FirstPage",
    "TicketRow",
    "read_first_page",
    "read_page",
]

log = logging.getLogger(__name__)

# The PRAGMA user_version whose tickets table this module knows (migrations.LATEST_VERSION).
SCHEMA_VERSION = 2

_COLUMNS = (
    "id, subject, status, priority, channel, category, language, customer_uid, assignee_id, "
    "tags, created_at, updated_at, version, message_count, last_message_preview"
)


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A cached ticket with TicketOut's attribute names and values, without pydantic."""

    id: int
    subject: str
    status: TicketStatus
    priority: Priority
    channel: Channel
    category: Category
    language: str
    customer_uid: str
    assignee_id: int | None
    tags: list[str]
    created_at: datetime
    updated_at: datetime
    version: int
    message_count: int
    last_message_preview: str


@dataclass(frozen=True, slots=True)
class FirstPage:
    query: TicketQuery
    rows: list[TicketRow]  # the first `limit` rows of `query`
    count: int  # rows in `query`
    total: int  # tickets in the cache, any view
    meta: dict[str, str]


def _row(values: tuple[Any, ...]) -> TicketRow:
    return TicketRow(
        id=values[0],
        subject=values[1],
        status=TicketStatus(values[2]),
        priority=Priority(values[3]),
        channel=Channel(values[4]),
        category=Category(values[5]),
        language=values[6],
        customer_uid=values[7],
        assignee_id=values[8],
        tags=json.loads(values[9]) if values[9] != "[]" else [],
        created_at=from_micros(values[10]),
        updated_at=from_micros(values[11]),
        version=values[12],
        message_count=values[13],
        last_message_preview=values[14],
    )


def _where(q: TicketQuery) -> tuple[str, list[Any]] | None:
    """The SQL condition for `q`; None for what only the Store answers (text search)."""
    if q.text.strip():
        return None
    try:
        view = TicketView(q.view)
    except ValueError:
        return None
    conditions: list[str] = []
    params: list[Any] = []
    if view is not TicketView.ALL:
        conditions.append("is_open = 1")
    if view is TicketView.MINE:
        if q.me_id is None:
            conditions.append("0")
        else:
            conditions.append("assignee_id = ?")
            params.append(q.me_id)
    elif view is TicketView.UNASSIGNED:
        conditions.append("assignee_id IS NULL")
    for name in ("channel", "category", "language"):
        value = getattr(q, name)
        if value:
            conditions.append(f"{name} = ?")
            params.append(value)
    return (" AND ".join(conditions) or "1"), params


def _connect(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        conn.close()
        return None
    if version != SCHEMA_VERSION:
        conn.close()
        return None
    return conn


def _page(
    conn: sqlite3.Connection, where: str, params: list[Any], offset: int, limit: int
) -> list[TicketRow]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM tickets WHERE {where} "
        "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, max(0, limit), max(0, offset)],
    )
    return [_row(values) for values in rows]


def _count(conn: sqlite3.Connection, where: str, params: list[Any]) -> int:
    return int(conn.execute(f"SELECT count(*) FROM tickets WHERE {where}", params).fetchone()[0])


def read_page(
    path: Path, q: TicketQuery, offset: int, limit: int
) -> tuple[list[TicketRow], int] | None:
    """Rows `offset`..`offset + limit` of `q` and the count of `q`, or None (use the Store)."""
    clause = _where(q)
    conn = _connect(path) if clause is not None else None
    if conn is None or clause is None:
        return None
    try:
        with conn:  # one read transaction: rows and count from the same snapshot
            conn.execute("BEGIN")
            return _page(conn, *clause, offset, limit), _count(conn, *clause)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.info("the cache could not be read without the store: %s", exc)
        return None
    finally:
        conn.close()


def read_first_page(
    path: Path, q: TicketQuery, limit: int, meta_keys: tuple[str, ...] = ()
) -> FirstPage | None:
    """The first page of `q`, its count, the cache's ticket total and some meta values."""
    clause = _where(q)
    conn = _connect(path) if clause is not None else None
    if conn is None or clause is None:
        return None
    try:
        with conn:
            conn.execute("BEGIN")
            rows = _page(conn, *clause, 0, limit)
            count = _count(conn, *clause)
            total = _count(conn, "1", [])
            meta: dict[str, str] = {}
            if meta_keys:
                marks = ", ".join("?" for _ in meta_keys)
                found = conn.execute(
                    f"SELECT key, value FROM meta WHERE key IN ({marks})", meta_keys
                )
                meta = {str(key): str(value) for key, value in found}
    except (sqlite3.Error, ValueError, TypeError) as exc:
        log.info("the cache could not be read without the store: %s", exc)
        return None
    finally:
        conn.close()
    return FirstPage(query=q, rows=rows, count=count, total=total, meta=meta)


class CachedTickets:
    """The inbox's reads answered from the file until the Store is open (a few hundred ms).

    Same method names as the Store's ticket reads. A search (which needs the Store's text
    index) shows nothing until then; the inbox re-reads everything when the Store arrives.
    """

    def __init__(self, path: Path, first: FirstPage) -> None:
        self._path = path
        self._first = first

    def count_tickets(self, q: TicketQuery) -> int:
        if q == self._first.query:
            return self._first.count
        found = read_page(self._path, q, 0, 0)
        return found[1] if found is not None else 0

    def query_tickets(self, q: TicketQuery, offset: int, limit: int) -> list[TicketRow]:
        first = self._first
        complete = len(first.rows) == first.count
        if q == first.query and offset >= 0 and (offset + limit <= len(first.rows) or complete):
            return first.rows[offset : offset + limit]
        found = read_page(self._path, q, offset, limit)
        return found[0] if found is not None else []
