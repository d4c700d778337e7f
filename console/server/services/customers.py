"""The customer panel: profile, recent transfers, recent security events."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import CustomerDetail
from console.server.errors import not_found
from console.server.models import Customer, SecurityEvent, Transfer
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
    return customer_detail(customer, list(transfers), list(security))
