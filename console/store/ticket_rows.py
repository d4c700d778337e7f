"""A cached ticket as a SQLite row and back: the column order, derived columns and encodings.

Lists are JSON text ("[]" when empty), times are UTC micros, the SLA is a JSON document; the
derived columns (open flag, search text, priority rank, SLA due times) feed the indexes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from console.api.schemas import TicketOut
from console.core.domain import OPEN_STATUSES
from console.store.search import index_text
from console.store.ticket_sql import NO_SLA_ORDER, PRIORITY_RANKS, sla_columns
from console.store.timestamps import from_micros, to_micros

__all__ = [
    "COLUMN_NAMES",
    "READ_COLUMNS",
    "SELECT_COLUMNS",
    "json_list",
    "sla_from_document",
    "ticket_from_row",
    "ticket_row_values",
]

_SLA_TIMES = (
    "first_response_due_at",
    "first_response_at",
    "resolution_due_at",
    "resolved_at",
    "paused_since",
)
# Read order: TicketOut's fields (first_page.py reads the same columns in the same order).
READ_COLUMNS = (
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
    "group_name",
    "customer_name",
    "customer_vip_tier",
    "suggested_priority",
    "suggestion_reason",
    "sla",
    "merged_into_id",
    "linked_ids",
    "open_escalations",
    "search_terms",
)
_DERIVED = ("is_open", "search_text", "priority_rank", "sla_due", "sla_soon", "sla_order")
COLUMN_NAMES = READ_COLUMNS + _DERIVED
SELECT_COLUMNS = ", ".join(READ_COLUMNS)


def json_list(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def _load_list(text: str) -> list[Any]:
    return json.loads(text) if text != "[]" else []


def _sla_document(ticket: TicketOut) -> dict[str, Any] | None:
    if ticket.sla is None:
        return None
    sla = ticket.sla
    doc: dict[str, Any] = {
        "policy_priority": str(sla.policy_priority),
        "paused_seconds": sla.paused_seconds,
    }
    for name in _SLA_TIMES:
        value = getattr(sla, name)
        doc[name] = to_micros(value) if value is not None else None
    return doc


def sla_from_document(text: str | None) -> dict[str, Any] | None:
    """The stored SLA JSON with its micros turned back into datetimes (SlaOut's fields)."""
    if text is None:
        return None
    doc: dict[str, Any] = json.loads(text)
    for name in _SLA_TIMES:
        if doc.get(name) is not None:
            doc[name] = from_micros(doc[name])
    return doc


def ticket_row_values(ticket: TicketOut) -> tuple[Any, ...]:
    is_open = ticket.status in OPEN_STATUSES
    created = to_micros(ticket.created_at)
    sla = _sla_document(ticket)
    due, soon = sla_columns(sla, created, is_open)
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
        json_list(ticket.tags),
        created,
        to_micros(ticket.updated_at),
        ticket.version,
        ticket.message_count,
        ticket.last_message_preview,
        ticket.group,
        ticket.customer_name,
        ticket.customer_vip_tier,
        str(ticket.suggested_priority) if ticket.suggested_priority is not None else None,
        ticket.suggestion_reason,
        json.dumps(sla) if sla is not None else None,
        ticket.merged_into_id,
        json_list(ticket.linked_ids),
        ticket.open_escalations,
        json_list(ticket.search_terms),
        1 if is_open else 0,
        index_text(
            ticket.subject,
            ticket.last_message_preview,
            ticket.customer_uid,
            ticket.customer_name,
            *ticket.search_terms,
        ),
        PRIORITY_RANKS[str(ticket.priority)],
        due,
        soon,
        due if due is not None else NO_SLA_ORDER,
    )


def ticket_from_row(row: Sequence[Any]) -> TicketOut:
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
            "tags": _load_list(row[9]),
            "created_at": from_micros(row[10]),
            "updated_at": from_micros(row[11]),
            "version": row[12],
            "message_count": row[13],
            "last_message_preview": row[14],
            "group": row[15],
            "customer_name": row[16],
            "customer_vip_tier": row[17],
            "suggested_priority": row[18],
            "suggestion_reason": row[19],
            "sla": sla_from_document(row[20]),
            "merged_into_id": row[21],
            "linked_ids": _load_list(row[22]),
            "open_escalations": row[23],
            "search_terms": _load_list(row[24]),
        }
    )
