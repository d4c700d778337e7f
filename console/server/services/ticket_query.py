"""The ticket list: filters, text search and keyset paging over (updated_at desc, id desc)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from console.api.schemas import TicketPage
from console.server.errors import ApiError
from console.server.models import Message, Ticket
from console.server.services.serialize import ticket_out

MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class TicketFilters:
    statuses: tuple[str, ...] = ()
    # "none" for unassigned, an agent id, or None for any assignee.
    assignee: int | str | None = None
    channels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    text: str = ""


def invalid_cursor() -> ApiError:
    return ApiError(422, "invalid_request", "The cursor is not valid.", [{"loc": ["cursor"]}])


def encode_cursor(updated_at: datetime, ticket_id: int) -> str:
    raw = json.dumps([updated_at.astimezone(UTC).isoformat(), ticket_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        stamp, ticket_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        when = datetime.fromisoformat(stamp)
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise invalid_cursor() from None
    if when.tzinfo is None or not isinstance(ticket_id, int) or not 0 <= ticket_id <= MAX_ID:
        raise invalid_cursor()
    return when, ticket_id


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(text: str) -> ColumnElement[bool]:
    pattern = _like_pattern(text)
    conditions: list[ColumnElement[bool]] = [
        Ticket.subject.ilike(pattern, escape="\\"),
        Ticket.last_message_preview.ilike(pattern, escape="\\"),
        Ticket.customer_uid.ilike(pattern, escape="\\"),
        exists().where(Message.ticket_id == Ticket.id, Message.body.ilike(pattern, escape="\\")),
    ]
    digits = text.removeprefix("#")
    if digits.isdigit() and int(digits) <= MAX_ID:
        conditions.append(Ticket.id == int(digits))
    return or_(*conditions)


def _conditions(filters: TicketFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.statuses:
        conditions.append(Ticket.status.in_(filters.statuses))
    if filters.assignee == "none":
        conditions.append(Ticket.assignee_id.is_(None))
    elif isinstance(filters.assignee, int):
        conditions.append(Ticket.assignee_id == filters.assignee)
    if filters.channels:
        conditions.append(Ticket.channel.in_(filters.channels))
    if filters.categories:
        conditions.append(Ticket.category.in_(filters.categories))
    if filters.languages:
        conditions.append(Ticket.language.in_(filters.languages))
    if filters.priorities:
        conditions.append(Ticket.priority.in_(filters.priorities))
    if filters.text.strip():
        conditions.append(_text_condition(filters.text.strip()))
    return conditions


def list_tickets(
    session: Session, filters: TicketFilters, limit: int, cursor: str | None = None
) -> TicketPage:
    conditions = _conditions(filters)
    if cursor:
        after_updated, after_id = decode_cursor(cursor)
        conditions.append(
            or_(
                Ticket.updated_at < after_updated,
                and_(Ticket.updated_at == after_updated, Ticket.id < after_id),
            )
        )
    query = (
        select(Ticket)
        .where(*conditions)
        .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
        .limit(limit + 1)
    )
    rows = list(session.scalars(query))
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].updated_at, rows[-1].id) if has_more and rows else None
    return TicketPage(items=[ticket_out(t) for t in rows], next_cursor=next_cursor)
