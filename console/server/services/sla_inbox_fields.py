"""TicketOut fields the inbox needs beyond the ticket row: its SLA clock, who the customer is,
and the words local search matches (the customer's email, tx hashes and addresses).

Customers and transfers are loaded for a whole page at once, so a 500-ticket page costs two
queries, not a thousand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from console.api.schemas import TicketOut
from console.server.models import Customer, Ticket, Transfer
from console.server.services.sla import sla_out

# Enough for every recent transfer a customer would quote; local search only needs the recent.
SEARCH_TERMS_CAP = 40


@dataclass(frozen=True, slots=True)
class CustomerFacts:
    name: str
    vip_tier: int
    search_terms: list[str] = field(default_factory=list)


def customer_facts(session: Session, uids: Iterable[str]) -> dict[str, CustomerFacts]:
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    terms: dict[str, list[str]] = {}
    people = session.execute(
        select(Customer.uid, Customer.display_name, Customer.vip_tier, Customer.email).where(
            Customer.uid.in_(wanted)
        )
    ).all()
    for uid, _name, _tier, email in people:
        terms[uid] = [email.lower()] if email else []
    moves = session.execute(
        select(Transfer.customer_uid, Transfer.tx_hash, Transfer.address)
        .where(Transfer.customer_uid.in_(wanted))
        .order_by(Transfer.customer_uid, Transfer.created_at.desc(), Transfer.id.desc())
    )
    for uid, tx_hash, address in moves:
        bucket = terms.setdefault(uid, [])
        for term in (tx_hash, address):
            if term and len(bucket) < SEARCH_TERMS_CAP and term not in bucket:
                bucket.append(term)
    return {
        uid: CustomerFacts(name=name, vip_tier=tier, search_terms=terms.get(uid, []))
        for uid, name, tier, _email in people
    }


def add_inbox_fields(out: TicketOut, ticket: Ticket, facts: CustomerFacts | None) -> TicketOut:
    out.sla = sla_out(ticket)
    if facts is not None:
        out.customer_name = facts.name
        out.customer_vip_tier = facts.vip_tier
        out.search_terms = list(facts.search_terms)
    return out


def facts_for(ticket: Ticket) -> CustomerFacts | None:
    """One ticket's customer facts, through the session the row belongs to."""
    session = object_session(ticket)
    if session is None:
        return None
    return customer_facts(session, [ticket.customer_uid]).get(ticket.customer_uid)
