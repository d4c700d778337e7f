"""Tickets: create, read, change. Every change bumps version and updated_at and emits an event."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, TicketCreate, TicketOut, TicketUpdate
from console.core.domain import EventType, MessageKind, TicketStatus
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models import Agent, Customer, Message, Ticket
from console.server.services import audit, events, sla, sla_triage
from console.server.services.serialize import message_out, ticket_out
from console.server.services.ticket_query import MAX_ID

PREVIEW_CHARS = 140
# What the audit log keeps of a ticket change: who handles it and how urgent it is.
_AUDITED_FIELDS = ("status", "assignee_id", "priority")


def preview_of(body: str) -> str:
    return " ".join(body.split())[:PREVIEW_CHARS]


def load_ticket(session: Session, ticket_id: int, *, for_update: bool = False) -> Ticket:
    if not 0 < ticket_id <= MAX_ID:
        raise not_found("Ticket")
    query = select(Ticket).where(Ticket.id == ticket_id)
    if for_update:
        query = query.with_for_update()
    ticket = session.scalar(query)
    if ticket is None:
        raise not_found("Ticket")
    return ticket


def get_ticket(session: Session, ticket_id: int) -> TicketOut:
    return ticket_out(load_ticket(session, ticket_id))


def create_ticket(
    session: Session,
    data: TicketCreate,
    *,
    customer_name: str | None = None,
    now: datetime | None = None,
) -> TicketOut:
    """Opens a ticket whose first message is the customer's `body`."""
    customer = session.get(Customer, data.customer_uid)
    if customer is None:
        raise ApiError(
            422,
            "invalid_request",
            f"No customer with uid {data.customer_uid!r}.",
            [{"loc": ["body", "customer_uid"], "msg": "unknown customer", "type": "not_found"}],
        )
    now = now or utcnow()
    body = redact_secrets(data.body).text  # a seed phrase or key is never stored
    ticket = Ticket(
        subject=redact_secrets(data.subject).text,
        status=str(TicketStatus.NEW),
        priority=str(data.priority),
        channel=str(data.channel),
        category=str(data.category),
        language=data.language,
        customer_uid=customer.uid,
        assignee_id=None,
        tags=[],
        created_at=now,
        updated_at=now,
        version=1,
        message_count=1,
        last_message_preview=preview_of(body),
    )
    sla_triage.triage(session, ticket, customer, body)
    session.add(ticket)
    session.flush()
    message = Message(
        ticket_id=ticket.id,
        kind=str(MessageKind.CUSTOMER),
        body=body,
        author_agent_id=None,
        author_name=customer_name or customer.display_name,
        created_at=now,
    )
    session.add(message)
    session.flush()
    out = ticket_out(ticket)
    events.emit(session, EventType.TICKET_CREATED, ticket.id, out)
    events.emit(session, EventType.MESSAGE_CREATED, ticket.id, message_out(message))
    # A VIP desk client's ticket goes straight to whoever's step of the ladder it is (a
    # ticket.updated after the created) and their managers are alerted. Imported here: the
    # ladder itself updates tickets through this module.
    from console.server.services import vip_ladder

    vip_ladder.client_wrote_ticket(session, ticket, now)
    return ticket_out(ticket) if ticket.version != out.version else out


def _check_assignee(session: Session, assignee_id: int | None) -> None:
    if assignee_id is None:
        return
    if not 0 < assignee_id <= MAX_ID or session.get(Agent, assignee_id) is None:
        raise ApiError(
            422,
            "invalid_request",
            f"No agent with id {assignee_id}.",
            [{"loc": ["body", "assignee_id"], "msg": "unknown agent", "type": "not_found"}],
        )


def update_ticket(
    session: Session, ticket_id: int, data: TicketUpdate, *, actor: AgentOut | None = None
) -> TicketOut:
    """Applies the changed fields; an agent's change of status, assignee or priority is
    audited (`actor` None: the server or the demo's simulator)."""
    ticket = load_ticket(session, ticket_id, for_update=True)
    if data.expected_version is not None and data.expected_version != ticket.version:
        raise ApiError(
            409,
            "conflict",
            "The ticket was changed by someone else.",
            {"current": ticket_out(ticket).model_dump(mode="json")},
        )
    changes: dict[str, object] = {}
    sent = data.model_fields_set
    if data.status is not None:
        changes["status"] = str(data.status)
    if data.priority is not None:
        changes["priority"] = str(data.priority)
    if data.category is not None:
        changes["category"] = str(data.category)
    if data.tags is not None:
        changes["tags"] = list(dict.fromkeys(t.strip() for t in data.tags if t.strip()))
    if "assignee_id" in sent:
        _check_assignee(session, data.assignee_id)
        changes["assignee_id"] = data.assignee_id
    if "group" in sent:
        changes["group"] = (data.group or "").strip() or None
    changes = {k: v for k, v in changes.items() if getattr(ticket, k) != v}
    if not changes:
        return ticket_out(ticket)
    old_status, old_priority = ticket.status, ticket.priority
    audited = {
        key: [getattr(ticket, key), value]
        for key, value in changes.items()
        if key in _AUDITED_FIELDS
    }
    for key, value in changes.items():
        setattr(ticket, key, value)
    if actor is not None and audited:
        audit.record(
            session,
            actor,
            "ticket.updated",
            "ticket",
            ticket.id,
            ticket_id=ticket.id,
            detail=audited,
        )
    if "status" in changes or "priority" in changes:
        sla.after_update(session, ticket, old_status, old_priority)
    return bump(session, ticket)


def bump(session: Session, ticket: Ticket, now: datetime | None = None) -> TicketOut:
    """Records a change of `ticket`: new version, new updated_at, a ticket.updated event."""
    ticket.version += 1
    ticket.updated_at = max(now or utcnow(), ticket.updated_at)
    session.flush()
    out = ticket_out(ticket)
    events.emit(session, EventType.TICKET_UPDATED, ticket.id, out)
    return out
