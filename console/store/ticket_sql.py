"""Ticket rows <-> SQL, without SQLAlchemy or pydantic: shared by the Store and the first paint.

`where` and `order` turn a TicketQuery into SQL text and parameters, so the Store (tickets.py)
and the cold-start reader (first_page.py) cannot disagree about what a view holds or its order.
`sla_columns` derives the indexed SLA columns from the wire's SLA document.

Every sort walks its own index (migrations v3), which carries all filter columns after the sort
key: SQLite reads the index in display order, tests the filters there, and stops after a page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from console.core.sla import due_soon_window
from console.store.records import TicketQuery, TicketSort, TicketView
from console.store.search import match_expression
from console.store.timestamps import to_micros

__all__ = [
    "NO_SLA_ORDER",
    "PRIORITY_RANKS",
    "Plan",
    "order_by",
    "plan",
    "sla_columns",
]

NO_SLA_ORDER = 9_223_372_036_854_775_807  # sla_order of tickets without a running clock
PRIORITY_RANKS = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
_TICKET_ID_WORD = re.compile(r"#(\d{1,18})")

# Per sort: the index and its columns in ascending order ("col DESC" for a reversed column).
_SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    TicketSort.UPDATED: ("ix_tickets_by_updated", ("updated_at", "id")),
    TicketSort.CREATED: ("ix_tickets_by_created", ("created_at", "id")),
    TicketSort.PRIORITY: ("ix_tickets_by_priority", ("priority_rank DESC", "updated_at", "id")),
    TicketSort.SLA: ("ix_tickets_by_sla", ("sla_order", "id")),
    TicketSort.CUSTOMER: (
        "ix_tickets_by_customer",
        ("customer_name COLLATE NOCASE", "customer_uid", "id"),
    ),
    TicketSort.SUBJECT: ("ix_tickets_by_subject", ("subject COLLATE NOCASE", "id")),
}


def _flip(term: str) -> str:
    return term[: -len(" DESC")] if term.endswith(" DESC") else f"{term} DESC"


def order_by(q: TicketQuery) -> str:
    """ORDER BY terms for `q` (ties broken by id, in the same direction)."""
    _index, terms = _SORTS[TicketSort(q.sort)]
    return ", ".join(_flip(t) for t in terms) if q.descending else ", ".join(terms)


def sort_index(q: TicketQuery) -> str:
    return _SORTS[TicketSort(q.sort)][0]


@dataclass(frozen=True, slots=True)
class Plan:
    """The WHERE clause of a query and how to run it.

    `fts` is the MATCH expression the text needs (None: no text search); `ids` are the "#123"
    words. With either, or a tag, `narrow` says the matches are looked up by id first (few
    candidates: the caller decides from their number) rather than walking the sort index.
    """

    where: str
    params: tuple[Any, ...]
    fts: str | None
    ids: tuple[int, ...]
    # The conditions on the tickets table alone (no text, tag or id sets): what a count drives
    # from the text index or the tag's rows checks on each ticket it reaches.
    filters: str = "1"
    filter_params: tuple[Any, ...] = ()


def _now_micros(q: TicketQuery) -> int:
    return to_micros(q.now if q.now is not None else datetime.now(UTC))


def plan(q: TicketQuery, *, plain: bool = False) -> Plan:
    """The conditions of `q`. With `plain` the columns are wrapped ("+col") so SQLite will not
    pick a filter index to walk: used when candidates come from an id list (text, tag, #id)."""
    words = q.text.split()
    ids = tuple(int(m.group(1)) for w in words if (m := _TICKET_ID_WORD.fullmatch(w)))
    fts = match_expression([w for w in words if not _TICKET_ID_WORD.fullmatch(w)])

    def col(name: str) -> str:
        return f"+{name}" if plain else name

    conditions: list[str] = []
    params: list[Any] = []
    view = TicketView(q.view)
    if view is not TicketView.ALL:
        conditions.append(f"{col('is_open')} = 1")
    if view is TicketView.MINE:
        if q.me_id is None:
            conditions.append("0")
        else:
            conditions.append(f"{col('assignee_id')} = ?")
            params.append(q.me_id)
    elif view is TicketView.UNASSIGNED:
        conditions.append(f"{col('assignee_id')} IS NULL")
    elif view is TicketView.PENDING:
        conditions.append(f"{col('status')} = 'pending'")
    elif view is TicketView.VIP:
        conditions.append(f"{col('customer_vip_tier')} > 0")
    elif view is TicketView.ESCALATED:
        conditions.append(f"{col('open_escalations')} > 0")
    elif view is TicketView.BREACHED:
        conditions.append(f"{col('sla_due')} < ?")
        params.append(_now_micros(q))
    elif view is TicketView.DUE_SOON:
        now = _now_micros(q)
        conditions.append(f"{col('sla_soon')} <= ? AND {col('sla_due')} >= ?")
        params += [now, now]
    for name, column in (
        ("channel", "channel"),
        ("category", "category"),
        ("language", "language"),
        ("group", "group_name"),
    ):
        value = getattr(q, name)
        if value:
            conditions.append(f"{col(column)} = ?")
            params.append(str(value))
    if q.priority:
        conditions.append(f"{col('priority_rank')} = ?")
        params.append(PRIORITY_RANKS.get(str(q.priority), -1))
    filters, filter_params = " AND ".join(conditions) or "1", tuple(params)
    if q.tag:
        conditions.append("id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)")
        params.append(q.tag)
    for ticket_id in ids:
        conditions.append("id = ?")
        params.append(ticket_id)
    if fts is not None:
        conditions.append("id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)")
        params.append(fts)
    where = " AND ".join(conditions) or "1"
    return Plan(where, tuple(params), fts, ids, filters, filter_params)


def sla_columns(
    sla: Mapping[str, Any] | None, created_at: int, is_open: bool
) -> tuple[int | None, int | None]:
    """(due, due_soon_from) in micros for the active SLA target, or (None, None) when the
    clock does not run: no policy, closed, met, or paused while pending the customer.

    `sla` holds SlaOut's fields with timestamps in micros. The active target is the first
    response until one was sent, then the resolution. A target is due soon once the time left
    is at most max(10 min, 20 % of its length); its length is due - created - finished pauses.
    """
    if sla is None or not is_open or sla.get("resolved_at") or sla.get("paused_since"):
        return None, None
    if sla.get("first_response_at") is None:
        due = int(sla["first_response_due_at"])
    else:
        due = int(sla["resolution_due_at"])
    length = max(0, due - created_at - int(sla.get("paused_seconds", 0)) * 1_000_000)
    # The same window as console.core.sla uses for the clock's state, in micros.
    window = due_soon_window(timedelta(microseconds=length))
    return due, due - (window // timedelta(microseconds=1))
