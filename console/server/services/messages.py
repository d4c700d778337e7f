"""Messages of a ticket: agents' replies and notes, customers' messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, MessageCreate, MessageOut
from console.core.domain import EventType, MessageKind, TicketStatus
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer, Message, Ticket
from console.server.models_collab import Attachment
from console.server.services import (
    attachments,
    audit,
    events,
    outgoing_guard,
    sla,
    vip_ladder,
    vip_outreach,
)
from console.server.services.serialize import message_out
from console.server.services.tickets import bump, load_ticket, preview_of

# A customer writing again reopens a ticket that was waiting on them or already solved.
_REOPENED_BY_CUSTOMER = frozenset({str(TicketStatus.PENDING), str(TicketStatus.SOLVED)})


def list_messages(session: Session, ticket_id: int) -> list[MessageOut]:
    load_ticket(session, ticket_id)
    rows = list(
        session.scalars(
            select(Message)
            .where(Message.ticket_id == ticket_id)
            .order_by(Message.created_at, Message.id)
        )
    )
    files = attachments.by_message(session, [m.id for m in rows])
    return [message_out(m, files.get(m.id)) for m in rows]


def _existing(session: Session, ticket_id: int, client_id: str | None) -> Message | None:
    if client_id is None:
        return None
    return session.scalar(
        select(Message).where(Message.ticket_id == ticket_id, Message.client_id == client_id)
    )


def _append(
    session: Session,
    ticket: Ticket,
    *,
    kind: MessageKind,
    body: str,
    author_agent_id: int | None,
    author_name: str,
    client_id: str | None,
    now: datetime,
    files: Sequence[Attachment] = (),
) -> MessageOut:
    message = Message(
        ticket_id=ticket.id,
        kind=str(kind),
        body=body,
        author_agent_id=author_agent_id,
        author_name=author_name,
        client_id=client_id,
        created_at=now,
    )
    session.add(message)
    session.flush()
    out = message_out(message, attachments.attach(files, ticket.id, message.id))
    events.emit(session, EventType.MESSAGE_CREATED, ticket.id, out)
    ticket.message_count += 1
    if kind != MessageKind.NOTE:
        ticket.last_message_preview = preview_of(body)
    old_status = ticket.status
    if kind == MessageKind.REPLY and ticket.status == TicketStatus.NEW:
        ticket.status = str(TicketStatus.OPEN)
    if kind == MessageKind.CUSTOMER and ticket.status in _REOPENED_BY_CUSTOMER:
        ticket.status = str(TicketStatus.OPEN)
    sla.after_message(session, ticket, kind, old_status, now)
    bump(session, ticket, now)
    return out


def add_agent_message(
    session: Session, actor: AgentOut, ticket_id: int, data: MessageCreate
) -> tuple[MessageOut, bool]:
    """Adds a reply or note. Returns (message, created); a known client_id gives the original."""
    if data.kind == MessageKind.CUSTOMER:
        raise ApiError(
            422,
            "invalid_request",
            "Agents send replies or notes, not customer messages.",
            [
                {
                    "loc": ["body", "kind"],
                    "msg": "kind customer is not allowed",
                    "type": "value_error",
                }
            ],
        )
    ticket = load_ticket(session, ticket_id, for_update=True)
    existing = _existing(session, ticket_id, data.client_id)
    if existing is not None:
        if existing.body != data.body or existing.kind != data.kind:
            raise ApiError(409, "conflict", "This client_id was already used for another message.")
        return message_out(existing, attachments.for_message(session, existing.id)), False
    if data.kind == MessageKind.REPLY:
        outgoing_guard.refuse_unsafe(data.body, actor=actor, ticket_id=ticket_id)
    files = attachments.claimable(session, actor, ticket_id, data.attachment_ids)
    out = _append(
        session,
        ticket,
        kind=data.kind,
        body=data.body,
        author_agent_id=actor.id,
        author_name=actor.display_name,
        client_id=data.client_id,
        now=utcnow(),
        files=files,
    )
    action = "ticket.replied" if data.kind == MessageKind.REPLY else "ticket.noted"
    detail = {"message_id": out.id, "attachments": len(files)}
    audit.record(session, actor, action, "ticket", ticket_id, ticket_id=ticket_id, detail=detail)
    return out, True


def add_customer_message(
    session: Session, ticket_id: int, body: str, now: datetime | None = None
) -> MessageOut:
    ticket = load_ticket(session, ticket_id, for_update=True)
    customer = session.get(Customer, ticket.customer_uid)
    name = customer.display_name if customer is not None else ticket.customer_uid
    now = now or utcnow()
    out = _append(
        session,
        ticket,
        kind=MessageKind.CUSTOMER,
        body=redact_secrets(body).text,  # a seed phrase or key is never stored
        author_agent_id=None,
        author_name=name,
        client_id=None,
        now=now,
    )
    # The VIP desk: an answer to an outreach is marked; the ticket climbs the routing ladder
    # and the client's managers are alerted (all no-ops for other customers).
    vip_outreach.customer_replied(session, ticket_id, out)
    vip_ladder.client_wrote_ticket(session, ticket, now)
    return out
