"""Related tickets, linked both ways: each side lists the other in linked_ids."""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, TicketOut
from console.server.errors import ApiError
from console.server.models import Ticket
from console.server.services import audit
from console.server.services.serialize import ticket_out
from console.server.services.tickets import bump, load_ticket

MAX_LINKS = 50


def _refuse(message: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        message,
        [{"loc": ["body", "ticket_id"], "msg": message, "type": "value_error"}],
    )


def _lock_pair(session: Session, ticket_id: int, other_id: int) -> tuple[Ticket, Ticket]:
    # Id order, so two agents linking the same pair from both ends cannot deadlock.
    first, second = sorted((ticket_id, other_id))
    locked = {first: load_ticket(session, first, for_update=True)}
    try:
        locked[second] = load_ticket(session, second, for_update=True)
    except ApiError as exc:
        if second == other_id:
            raise _refuse(f"No ticket with id {other_id}.") from exc
        raise
    return locked[ticket_id], locked[other_id]


def link(
    session: Session, ticket_id: int, other_id: int, *, actor: AgentOut | None = None
) -> TicketOut:
    if ticket_id == other_id:
        raise _refuse("A ticket cannot be linked to itself.")
    ticket, other = _lock_pair(session, ticket_id, other_id)
    if other_id in ticket.linked_ids and ticket_id in other.linked_ids:
        return ticket_out(ticket)
    if len(ticket.linked_ids) >= MAX_LINKS or len(other.linked_ids) >= MAX_LINKS:
        raise _refuse(f"A ticket can have at most {MAX_LINKS} links.")
    # New lists, not in-place appends: the JSON column only notices assignment.
    ticket.linked_ids = sorted({*ticket.linked_ids, other_id})
    other.linked_ids = sorted({*other.linked_ids, ticket_id})
    _audit(session, actor, "ticket.linked", ticket_id, other_id)
    bump(session, other)
    return bump(session, ticket)


def _audit(
    session: Session, actor: AgentOut | None, action: str, ticket_id: int, other_id: int
) -> None:
    if actor is not None:
        detail = {"other_id": other_id}
        audit.record(
            session, actor, action, "ticket", ticket_id, ticket_id=ticket_id, detail=detail
        )


def get_ticket_out(session: Session, ticket_id: int) -> TicketOut:
    return ticket_out(load_ticket(session, ticket_id))


def unlink(
    session: Session, ticket_id: int, other_id: int, *, actor: AgentOut | None = None
) -> TicketOut:
    if ticket_id == other_id:
        return get_ticket_out(session, ticket_id)
    # Id order again; the other ticket may be gone from the database, the link goes anyway.
    if ticket_id < other_id:
        ticket = load_ticket(session, ticket_id, for_update=True)
        other = session.get(Ticket, other_id, with_for_update=True)
    else:
        other = session.get(Ticket, other_id, with_for_update=True)
        ticket = load_ticket(session, ticket_id, for_update=True)
    if other_id not in ticket.linked_ids and (other is None or ticket_id not in other.linked_ids):
        return ticket_out(ticket)
    ticket.linked_ids = [i for i in ticket.linked_ids if i != other_id]
    _audit(session, actor, "ticket.unlinked", ticket_id, other_id)
    if other is not None:
        other.linked_ids = [i for i in other.linked_ids if i != ticket_id]
        bump(session, other)
    return bump(session, ticket)
