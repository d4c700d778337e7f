"""Sending an outreach: one message to chosen VIP clients, each in their own language.

Each client gets a new in-app ticket, assigned to the sender and pending (waiting for the
client), whose first message is the sender's public reply: the client reads it in the app and
answers on it, and the answer comes back like any customer message (vip_outreach.py marks it).
Tickets and messages go through the usual services, so ticket.created, message.created and
ticket.updated reach every console as for any other ticket.

Idempotent on (sender, client_id): the same request again returns the first outreach and
creates nothing; the same client_id with other content is a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import (
    MAX_MESSAGE_CHARS,
    MAX_SUBJECT_CHARS,
    AgentOut,
    MessageCreate,
    TicketUpdate,
)
from console.api.schemas_vip import OutreachCreate, OutreachOut
from console.core.domain import (
    Category,
    Channel,
    EventType,
    MessageKind,
    Priority,
    TicketStatus,
)
from console.core.vip import OutreachStatus
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer, Ticket
from console.server.models_vip import VipClient, VipOutreach, VipOutreachRecipient
from console.server.services import events, messages, outgoing_guard, sla_triage, tickets
from console.server.services.serialize import ticket_out
from console.server.services.vip_access import may_see
from console.server.services.vip_outreach import announce, outreach_out

__all__ = ["OUTREACH_TAG", "send", "text_for"]

OUTREACH_TAG = "vip-outreach"
# A ticket needs a category and the schema has no "general" one: spot trading, the exchange's
# everyday business, routes by language like any plain question (not to security or funds).
_CATEGORY = Category.SPOT


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        message,
        [{"loc": ["body", field], "msg": message, "type": "value_error"}],
    )


def text_for(
    language: str, bodies: Mapping[str, str], fallback: str
) -> tuple[str, str] | tuple[None, None]:
    """(language, text) a client reading `language` gets: theirs, the base language of a
    regional one ("zh-TW" → "zh"), else the fallback's; (None, None) when none is there."""
    for lang in (language, language.split("-")[0], fallback):
        if lang in bodies:
            return lang, bodies[lang]
    return None, None


def _check_bodies(actor: AgentOut, bodies: Mapping[str, str]) -> None:
    for lang, body in bodies.items():
        if not lang.strip() or len(lang) > 10:
            raise _invalid("bodies", f"{lang!r} is not a language code.")
        if not body.strip() or len(body) > MAX_MESSAGE_CHARS:
            raise _invalid("bodies", f"The {lang} text must be 1 to {MAX_MESSAGE_CHARS} chars.")
        # Checked before anything is written: one unsafe text refuses the whole outreach.
        outgoing_guard.refuse_unsafe(body, actor=actor)


def _clients(session: Session, actor: AgentOut, uids: list[str]) -> dict[str, Customer]:
    """The chosen clients; 422 for one not on the VIP desk, 403 for a manager's reaching a
    client they neither manage nor back up (a supervisor may reach any)."""
    desk = {c.uid: c for c in session.scalars(select(VipClient).where(VipClient.uid.in_(uids)))}
    unknown = [u for u in uids if u not in desk]
    if unknown:
        raise _invalid("client_uids", f"Not clients of the VIP desk: {', '.join(unknown[:10])}.")
    others = [u for u in uids if not may_see(actor, desk[u])]
    if others:
        raise ApiError(
            403,
            "forbidden",
            "A manager reaches only the clients they manage or back up.",
            {"client_uids": others[:50]},
        )
    customers = session.scalars(select(Customer).where(Customer.uid.in_(uids)))
    return {c.uid: c for c in customers}


def _same(session: Session, row: VipOutreach, data: OutreachCreate, uids: list[str]) -> bool:
    sent = set(
        session.scalars(
            select(VipOutreachRecipient.client_uid).where(
                VipOutreachRecipient.outreach_id == row.id
            )
        )
    )
    return row.subject == data.subject and row.bodies == data.bodies and sent == set(uids)


def _deliver(
    session: Session,
    actor: AgentOut,
    customer: Customer,
    subject: str,
    body: str,
    language: str,
    client_id: str,
) -> int:
    """The client's ticket carrying the message; returns its id."""
    now = utcnow()
    ticket = Ticket(
        subject=subject[:MAX_SUBJECT_CHARS],
        status=str(TicketStatus.NEW),
        priority=str(Priority.NORMAL),
        channel=str(Channel.IN_APP),
        category=str(_CATEGORY),
        language=language,
        customer_uid=customer.uid,
        assignee_id=actor.id,
        tags=[OUTREACH_TAG],
        created_at=now,
        updated_at=now,
        version=1,
        message_count=0,
        last_message_preview="",
    )
    sla_triage.triage(session, ticket, customer, body)
    session.add(ticket)
    session.flush()
    events.emit(session, EventType.TICKET_CREATED, ticket.id, ticket_out(ticket))
    reply = MessageCreate(kind=MessageKind.REPLY, body=body, client_id=client_id)
    messages.add_agent_message(session, actor, ticket.id, reply)
    pending = TicketUpdate(status=TicketStatus.PENDING)  # the answer is the client's to give
    tickets.update_ticket(session, ticket.id, pending, actor=actor)
    return ticket.id


def send(session: Session, actor: AgentOut, data: OutreachCreate) -> tuple[int, OutreachOut]:
    """(201, the new outreach), or (200, the one sent before with this client_id)."""
    uids = list(dict.fromkeys(data.client_uids))  # each client reached once
    existing = session.scalar(
        select(VipOutreach).where(
            VipOutreach.created_by == actor.id, VipOutreach.client_id == data.client_id
        )
    )
    if existing is not None:
        if not _same(session, existing, data, uids):
            raise ApiError(409, "conflict", "This client_id was already used for another outreach.")
        return 200, outreach_out(session, existing)
    customers = _clients(session, actor, uids)
    _check_bodies(actor, data.bodies)
    now = utcnow()
    row = VipOutreach(
        client_id=data.client_id,
        subject=data.subject,
        bodies=dict(data.bodies),
        created_by=actor.id,
        created_at=now,
    )
    session.add(row)
    session.flush()
    for uid in uids:
        customer = customers[uid]
        language, text = text_for(customer.language, data.bodies, data.fallback_language)
        recipient = VipOutreachRecipient(
            outreach_id=row.id,
            client_uid=uid,
            language=language or customer.language,
            status=str(OutreachStatus.FAILED),  # no text in a language the client reads
        )
        if language is not None and text is not None:
            recipient.ticket_id = _deliver(
                session, actor, customer, data.subject, text, language, f"outreach-{row.id}"
            )
            recipient.status = str(OutreachStatus.DELIVERED)
            recipient.delivered_at = utcnow()
        session.add(recipient)
    session.flush()
    return 201, announce(session, row)
