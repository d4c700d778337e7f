"""The ticket list: filters, text search and keyset paging over (updated_at desc, id desc)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, String, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from console.api.schemas import TicketPage
from console.core.domain import SlaState
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer, Message, Ticket, Transfer
from console.server.services.serialize import tickets_out

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
    tags: tuple[str, ...] = ()  # any of them
    vip: bool | None = None  # True: customers with a VIP tier; False: regular customers
    sla: str | None = None  # "due_soon" or "breached", judged at `now`
    groups: tuple[str, ...] = ()
    now: datetime | None = None  # None: the time of the request


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
    # A customer's email or one of their tx hashes / addresses, whole and in any case.
    lowered = text.lower()
    owners = select(Customer.uid).where(func.lower(Customer.email) == lowered)
    movers = select(Transfer.customer_uid).where(
        or_(func.lower(Transfer.tx_hash) == lowered, func.lower(Transfer.address) == lowered)
    )
    conditions.append(Ticket.customer_uid.in_(owners.union(movers).scalar_subquery()))
    return or_(*conditions)


def _tag_condition(tag: str) -> ColumnElement[bool]:
    # Tags are a JSON list; the quoted tag as it is serialised there, matched as text, works the
    # same on SQLite and PostgreSQL.
    needle = _like_pattern(json.dumps(tag))
    return Ticket.tags.cast(String).like(needle, escape="\\")


def _sla_condition(state: str, now: datetime) -> ColumnElement[bool]:
    """due_soon / breached of the active target, as core.sla.sla_status judges them."""
    first = Ticket.first_response_at.is_(None)
    if state == SlaState.BREACHED:
        late = or_(
            and_(first, Ticket.sla_first_response_due_at < now),
            and_(~first, Ticket.sla_resolution_due_at < now),
        )
    else:
        late = or_(
            and_(
                first,
                Ticket.sla_first_response_warn_at <= now,
                Ticket.sla_first_response_due_at >= now,
            ),
            and_(
                ~first,
                Ticket.sla_resolution_warn_at <= now,
                Ticket.sla_resolution_due_at >= now,
            ),
        )
    return and_(Ticket.resolved_at.is_(None), Ticket.sla_paused_since.is_(None), late)


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
    if filters.tags:
        conditions.append(or_(*(_tag_condition(tag) for tag in filters.tags)))
    if filters.vip is not None:
        tiers = Customer.vip_tier > 0 if filters.vip else Customer.vip_tier == 0
        conditions.append(Ticket.customer_uid.in_(select(Customer.uid).where(tiers)))
    if filters.sla:
        conditions.append(_sla_condition(filters.sla, filters.now or utcnow()))
    if filters.groups:
        conditions.append(Ticket.group.in_(filters.groups))
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
    return TicketPage(items=tickets_out(session, rows), next_cursor=next_cursor)
