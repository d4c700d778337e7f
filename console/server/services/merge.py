"""Merging a duplicate ticket into another ticket of the same customer.

The duplicate (source) is closed and points at the target; every message of it, internal notes
included, moves to the target and remembers where it was written. Escalations and attachments
follow their messages. One ticket.merged event carries both tickets and the moved message ids.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, TicketMergedOut, TicketOut
from console.core.domain import EventType, MessageKind, TicketStatus
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Message, Ticket
from console.server.models_collab import Attachment, Escalation
from console.server.services import audit, events, sla
from console.server.services.serialize import ticket_out
from console.server.services.tickets import load_ticket, preview_of


def _refuse(code: str, message: str) -> ApiError:
    return ApiError(
        422, code, message, [{"loc": ["body", "into_id"], "msg": message, "type": "value_error"}]
    )


def _lock_pair(session: Session, source_id: int, into_id: int) -> tuple[Ticket, Ticket]:
    # Always lock in id order, so two merges of the same pair cannot deadlock.
    first, second = sorted((source_id, into_id))
    locked = {first: load_ticket(session, first, for_update=True)}
    try:
        locked[second] = load_ticket(session, second, for_update=True)
    except ApiError as exc:
        if second == into_id:
            raise _refuse("invalid_request", "The ticket to merge into does not exist.") from exc
        raise
    return locked[source_id], locked[into_id]


def _move_messages(session: Session, source: Ticket, target: Ticket) -> list[int]:
    moved = list(
        session.scalars(
            select(Message.id)
            .where(Message.ticket_id == source.id)
            .order_by(Message.created_at, Message.id)
        )
    )
    # client_id is unique per ticket; a clash (the same console retried on both) keeps the
    # target's and drops the moved one's, which only served deduplication on the source.
    taken = select(Message.client_id).where(
        Message.ticket_id == target.id, Message.client_id.is_not(None)
    )
    session.execute(
        update(Message)
        .where(Message.ticket_id == source.id, Message.client_id.in_(taken))
        .values(client_id=None)
    )
    session.execute(
        update(Message)
        .where(Message.ticket_id == source.id)
        .values(ticket_id=target.id, merged_from_id=source.id)
    )
    session.execute(
        update(Attachment).where(Attachment.ticket_id == source.id).values(ticket_id=target.id)
    )
    return moved


def _move_escalations(session: Session, source: Ticket, target: Ticket) -> None:
    session.execute(
        update(Escalation).where(Escalation.ticket_id == source.id).values(ticket_id=target.id)
    )
    target.open_escalations += source.open_escalations
    source.open_escalations = 0


def _refresh_target(session: Session, target: Ticket) -> None:
    target.message_count = (
        session.scalar(
            select(func.count()).select_from(Message).where(Message.ticket_id == target.id)
        )
        or 0
    )
    latest = session.scalar(
        select(Message.body)
        .where(Message.ticket_id == target.id, Message.kind != str(MessageKind.NOTE))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    )
    target.last_message_preview = preview_of(latest or "")


def _touch(ticket: Ticket, now: datetime) -> None:
    ticket.version += 1
    ticket.updated_at = max(now, ticket.updated_at)


def merge_ticket(
    session: Session, source_id: int, into_id: int, *, actor: AgentOut | None = None
) -> TicketMergedOut:
    if source_id == into_id:
        raise _refuse("invalid_request", "A ticket cannot be merged into itself.")
    source, target = _lock_pair(session, source_id, into_id)
    if source.merged_into_id is not None:
        raise _refuse("already_merged", f"Ticket {source.id} was already merged.")
    if target.merged_into_id is not None:
        raise _refuse(
            "already_merged",
            f"Ticket {target.id} was merged into {target.merged_into_id}; merge into that one.",
        )
    if source.customer_uid != target.customer_uid:
        raise _refuse("different_customer", "Only tickets of the same customer can be merged.")
    now = utcnow()
    session.flush()
    moved = _move_messages(session, source, target)
    _move_escalations(session, source, target)
    _refresh_target(session, target)
    target.tags = list(dict.fromkeys([*target.tags, *source.tags]))
    target.linked_ids = [i for i in target.linked_ids if i != source.id]
    old_status = source.status
    source.status = str(TicketStatus.CLOSED)
    sla.after_update(session, source, old_status, source.priority, now)
    source.merged_into_id = target.id
    source.message_count = 0
    source.last_message_preview = ""
    source.linked_ids = [i for i in source.linked_ids if i != target.id]
    _touch(source, now)
    _touch(target, now)
    session.flush()
    # The moved rows were changed with bulk statements: reload them before anyone reads them.
    session.expire_all()
    out = TicketMergedOut(
        source=_reload(session, source.id),
        target=_reload(session, target.id),
        moved_message_ids=moved,
    )
    events.emit(session, EventType.TICKET_MERGED, target.id, out)
    if actor is not None:
        detail = {"into_id": target.id, "moved_messages": len(moved)}
        audit.record(
            session, actor, "ticket.merged", "ticket", source.id, ticket_id=source.id, detail=detail
        )
    return out


def _reload(session: Session, ticket_id: int) -> TicketOut:
    return ticket_out(load_ticket(session, ticket_id))
