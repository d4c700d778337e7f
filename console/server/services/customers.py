"""The customer panel: profile, recent transfers, recent security events, past tickets."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import CustomerDetail, PastTicketOut
from console.server.errors import not_found
from console.server.models import Customer, SecurityEvent, Ticket, Transfer
from console.server.services.serialize import customer_detail

RECENT_LIMIT = 20


def get_customer(session: Session, uid: str) -> CustomerDetail:
    customer = session.get(Customer, uid)
    if customer is None:
        raise not_found("Customer")
    transfers = session.scalars(
        select(Transfer)
        .where(Transfer.customer_uid == uid)
        .order_by(Transfer.created_at.desc(), Transfer.id.desc())
        .limit(RECENT_LIMIT)
    )
    security = session.scalars(
        select(SecurityEvent)
        .where(SecurityEvent.customer_uid == uid)
        .order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc())
        .limit(RECENT_LIMIT)
    )
    detail = customer_detail(customer, list(transfers), list(security))
    detail.past_tickets = past_tickets(session, uid)
    return detail


def past_tickets(session: Session, uid: str, limit: int = RECENT_LIMIT) -> list[PastTicketOut]:
    """The customer's tickets, newest first (the ticket being worked on included)."""
    rows = session.execute(
        select(Ticket.id, Ticket.subject, Ticket.status, Ticket.channel, Ticket.created_at)
        .where(Ticket.customer_uid == uid)
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    return [PastTicketOut.model_validate(row._mapping) for row in rows]
