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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from console.core.domain import Category, Channel, Priority, TicketStatus
from console.store.records import TicketQuery
from console.store.ticket_sql import order_by, plan, sort_index
from console.store.timestamps import from_micros

__all__ = [
    "SCHEMA_VERSION",
    "CachedTickets",
    "FirstPage",
    "SlaRow",
    "TicketRow",
    "read_first_page",
    "read_page",
    "ticket_row",
]

log = logging.getLogger(__name__)

# The PRAGMA user_version whose tickets table this module knows (migrations.LATEST_VERSION).
SCHEMA_VERSION = 6  # v4 knowledge base, v5 live chat, v6 VIP desk; tickets as in v3

# ticket_rows.READ_COLUMNS (a test holds them equal; importing it would load SQLAlchemy).
_COLUMNS = (
    "id, subject, status, priority, channel, category, language, customer_uid, assignee_id, "
    "tags, created_at, updated_at, version, message_count, last_message_preview, group_name, "
    "customer_name, customer_vip_tier, suggested_priority, suggestion_reason, sla, "
    "merged_into_id, linked_ids, open_escalations, search_terms"
)
_SLA_TIMES = (
    "first_response_due_at",
    "first_response_at",
    "resolution_due_at",
    "resolved_at",
    "paused_since",
)


@dataclass(frozen=True, slots=True)
class SlaRow:
    """SlaOut's attributes and values, without pydantic."""

    policy_priority: Priority
    first_response_due_at: datetime
    first_response_at: datetime | None
    resolution_due_at: datetime
    resolved_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int


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
    group: str | None
    customer_name: str
    customer_vip_tier: int
    suggested_priority: Priority | None
    suggestion_reason: str | None
    sla: SlaRow | None
    merged_into_id: int | None
    linked_ids: list[int]
    open_escalations: int
    search_terms: list[str]


@dataclass(frozen=True, slots=True)
class FirstPage:
    query: TicketQuery
    rows: list[TicketRow]  # the first `limit` rows of `query`
    count: int  # rows in `query`
    total: int  # tickets in the cache, any view
    meta: dict[str, str]


def _list(text: str) -> list[Any]:
    return json.loads(text) if text != "[]" else []


def _sla(text: str | None) -> SlaRow | None:
    if text is None:
        return None
    doc = json.loads(text)
    times = {
        name: from_micros(doc[name]) if doc.get(name) is not None else None for name in _SLA_TIMES
    }
    return SlaRow(
        policy_priority=Priority(doc["policy_priority"]),
        paused_seconds=int(doc.get("paused_seconds", 0)),
        **times,  # type: ignore[arg-type]
    )


def ticket_row(values: Sequence[Any]) -> TicketRow:
    """A row of the `_COLUMNS` (ticket_rows.READ_COLUMNS) as a TicketRow."""
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
        tags=_list(values[9]),
        created_at=from_micros(values[10]),
        updated_at=from_micros(values[11]),
        version=values[12],
        message_count=values[13],
        last_message_preview=values[14],
        group=values[15],
        customer_name=values[16],
        customer_vip_tier=values[17],
        suggested_priority=Priority(values[18]) if values[18] is not None else None,
        suggestion_reason=values[19],
        sla=_sla(values[20]),
        merged_into_id=values[21],
        linked_ids=_list(values[22]),
        open_escalations=values[23],
        search_terms=_list(values[24]),
    )


@dataclass(frozen=True, slots=True)
class _Clause:
    where: str
    params: tuple[Any, ...]
    index: str
    order: str


def _where(q: TicketQuery) -> _Clause | None:
    """The SQL for `q`; None for what only the Store answers (text search, a tag, unknown
    views or sorts)."""
    if q.text.strip() or q.tag:
        return None
    try:
        found = plan(q)
        return _Clause(found.where, found.params, sort_index(q), order_by(q))
    except ValueError:
        return None


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


def _page(conn: sqlite3.Connection, clause: _Clause, offset: int, limit: int) -> list[TicketRow]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM tickets INDEXED BY {clause.index} WHERE {clause.where} "
        f"ORDER BY {clause.order} LIMIT ? OFFSET ?",
        [*clause.params, max(0, limit), max(0, offset)],
    )
    return [ticket_row(values) for values in rows]


def _count(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> int:
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
            return _page(conn, clause, offset, limit), _count(conn, clause.where, clause.params)
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
            rows = _page(conn, clause, 0, limit)
            count = _count(conn, clause.where, clause.params)
            total = _count(conn, "1", ())
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
