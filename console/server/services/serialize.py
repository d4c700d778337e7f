"""ORM rows to wire schemas."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from console.api.schemas import (
    AgentOut,
    AttachmentOut,
    CustomerDetail,
    CustomerOut,
    MessageOut,
    SecurityEventOut,
    TicketOut,
    TransferOut,
)
from console.server.models import Agent, Customer, Message, SecurityEvent, Ticket, Transfer
from console.server.services.sla_inbox_fields import (
    CustomerFacts,
    add_inbox_fields,
    customer_facts,
    facts_for,
)


def agent_out(agent: Agent) -> AgentOut:
    return AgentOut.model_validate(agent)


def ticket_out(ticket: Ticket, facts: CustomerFacts | None = None) -> TicketOut:
    # Without facts given, the customer's are looked up (one ticket; lists use tickets_out).
    facts = facts if facts is not None else facts_for(ticket)
    return add_inbox_fields(TicketOut.model_validate(ticket), ticket, facts)


def tickets_out(session: Session, tickets: Sequence[Ticket]) -> list[TicketOut]:
    """A page of tickets, with every customer's facts loaded in one go."""
    facts = customer_facts(session, (t.customer_uid for t in tickets))
    return [
        add_inbox_fields(TicketOut.model_validate(t), t, facts.get(t.customer_uid)) for t in tickets
    ]


def message_out(message: Message, attachments: list[AttachmentOut] | None = None) -> MessageOut:
    out = MessageOut.model_validate(message)
    if attachments:
        out.attachments = list(attachments)
    return out


def mask_email(email: str) -> str:
    name, sep, domain = email.partition("@")
    if not sep:
        return name[:2] + "***"
    return f"{name[:2]}***@{domain}"


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = phone.strip()
    return f"{digits[:3]}****{digits[-2:]}" if len(digits) > 6 else "****"


def _customer_fields(customer: Customer) -> dict[str, object]:
    return {
        "uid": customer.uid,
        "display_name": customer.display_name,
        "email_masked": mask_email(customer.email),
        "phone_masked": mask_phone(customer.phone),
        "kyc_level": customer.kyc_level,
        "vip_tier": customer.vip_tier,
        "language": customer.language,
        "region": customer.region,
        "account_status": customer.account_status,
    }


def customer_out(customer: Customer) -> CustomerOut:
    return CustomerOut.model_validate(_customer_fields(customer))


def customer_detail(
    customer: Customer, transfers: list[Transfer], security_events: list[SecurityEvent]
) -> CustomerDetail:
    return CustomerDetail.model_validate(
        {
            **_customer_fields(customer),
            "transfers": [TransferOut.model_validate(t) for t in transfers],
            "security_events": [SecurityEventOut.model_validate(e) for e in security_events],
        }
    )
