"""A scenario's simulated customer made real in the training workspace: the customer row with
their transfers and security events (times relative to now), and the mock ticket or chat they
open, already with the trainee.

Every customer of a seat has a UID starting with the seat's own prefix `TRN-<seat id>-<tag>`;
the incident duplicates' are that prefix plus `-d<n>`, so the seat's tickets are found by UID
(attempt.py). The opening message carries the client id "turn:opening", as every scripted
message carries "turn:<turn id>" (the script needs to know which turns were sent).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import TicketCreate, TicketUpdate
from console.core.domain import Category, Channel, Priority
from console.core.training.model import Persona, Scenario
from console.server.models import Agent, Customer, Message, SecurityEvent, Transfer
from console.server.models_chat import ChatConversation
from console.server.models_training import TrainingSeat
from console.server.security import new_token, token_hash
from console.server.services import tickets
from console.server.services.chat_conversations import say_system
from console.server.services.chat_records import append, touch

__all__ = ["OPENING", "duplicate_uid", "seat_uid_prefix", "start_seat", "turn_client_id"]

OPENING = "opening"
TURN_PREFIX = "turn:"
_KYC_LEVEL = {"none": 0, "rejected": 0, "pending": 1, "verified": 2}
# Other customers hit by the same incident; a number is added past the end of the list.
_OTHER_NAMES = {
    "zh": ("李娜", "陈浩", "赵敏", "刘洋", "黄静", "周杰", "吴婷", "徐明"),
    "en": (
        "Daniel Reyes",
        "Priya Nair",
        "Tom Walsh",
        "Aisha Bello",
        "Lucas Martin",
        "Sofia Rossi",
        "Kenji Mori",
        "Emily Chen",
    ),
}
_MAX_CLIENT_ID = 64


def seat_uid_prefix(seat_id: int) -> str:
    return f"TRN-{seat_id}-"


def duplicate_uid(customer_uid: str, index: int) -> str:
    return f"{customer_uid}-d{index}"


def turn_client_id(turn_id: str, sends_before: int) -> str:
    """The client id of a scripted message: "turn:<id>", then "turn:<id>:2"... for a repeated
    turn (client ids are unique per ticket or chat)."""
    base = f"{TURN_PREFIX}{turn_id}"
    if sends_before:
        base = f"{base}:{sends_before + 1}"
    return base[:_MAX_CLIENT_ID]


def turn_of(client_id: str | None) -> str | None:
    """The turn id of a scripted message's client id, None for any other message."""
    if not client_id or not client_id.startswith(TURN_PREFIX):
        return None
    return client_id[len(TURN_PREFIX) :].split(":", 1)[0]


def _text(texts: dict[str, str], language: str) -> str:
    return (texts.get(language) or next(iter(texts.values()), "")).strip()


def _customer(
    session: Session, uid: str, name: str, persona: Persona, language: str, now: datetime
) -> Customer:
    row = Customer(
        uid=uid,
        display_name=name[:100],
        email=f"{uid.lower()}@training.example",
        phone=None,
        kyc_level=_KYC_LEVEL.get(persona.kyc, 0),
        vip_tier=persona.vip_tier,
        language=language,
        region=persona.country or "SG",
        account_status=persona.account,
        account_manager_id=None,
    )
    session.add(row)
    return row


def _history(session: Session, uid: str, persona: Persona, now: datetime) -> None:
    for t in persona.transfers:
        done = t.status == "completed"
        session.add(
            Transfer(
                customer_uid=uid,
                direction=t.kind,
                asset=t.asset,
                network=t.network,
                amount=Decimal(t.amount),
                address=t.address,
                tx_hash=t.tx_hash or None,
                confirmations=30 if done else 0,
                status=t.status,
                created_at=now - timedelta(minutes=t.minutes_ago),
            )
        )
    for e in persona.security_events:
        session.add(
            SecurityEvent(
                customer_uid=uid,
                kind=e.kind,
                detail=e.detail,
                created_at=now - timedelta(minutes=e.minutes_ago),
            )
        )


def _ticket(
    session: Session,
    scenario: Scenario,
    uid: str,
    trainee_id: int,
    language: str,
    now: datetime,
    *,
    opening_id: str | None,
) -> int:
    """A ticket opened by the customer, assigned to the trainee; its first message is marked
    as the script's opening when `opening_id` is given."""
    data = TicketCreate(
        subject=_text(scenario.subject, language)[:300],
        body=_text(scenario.opening, language),
        customer_uid=uid,
        channel=Channel.IN_APP,
        category=Category(scenario.category),
        language=language,
        priority=Priority.NORMAL,
    )
    ticket = tickets.create_ticket(session, data, now=now)
    if opening_id is not None:
        first = session.scalars(select(Message).where(Message.ticket_id == ticket.id)).one()
        first.client_id = opening_id
    tickets.update_ticket(session, ticket.id, TicketUpdate(assignee_id=trainee_id))
    return ticket.id


def _chat(
    session: Session,
    scenario: Scenario,
    uid: str,
    name: str,
    trainee: Agent,
    language: str,
    now: datetime,
) -> int:
    """A chat already active with the trainee. It never passes through the queue: the training
    workspace routes no chats (a trainee's customer must not be offered to another trainee)."""
    persona = scenario.persona
    conv = ChatConversation(
        token_hash=token_hash(new_token()),  # nobody holds it: the runner writes as the customer
        customer_uid=uid,
        customer_name=name[:100],
        vip_tier=persona.vip_tier,
        account_manager_id=None,
        language=language,
        topic=scenario.category,
        state="active",
        priority="high" if persona.vip_tier > 0 else "normal",
        assigned_agent_id=trainee.id,
        queued_at=now,
        accepted_at=now,
        created_at=now,
        updated_at=now,
        version=0,
        declined_ids=[],
        missed_ids=[],
    )
    session.add(conv)
    session.flush()
    opening = _text(scenario.opening, language)
    append(
        session,
        conv,
        "customer",
        opening,
        author_name=conv.customer_name,
        client_id=turn_client_id(OPENING, 0),
        now=now,
    )
    say_system(session, conv, "joined", now, name=trainee.display_name)
    touch(session, conv, now)
    return conv.id


def _other_name(language: str, index: int) -> str:
    names = _OTHER_NAMES.get(language, _OTHER_NAMES["en"])
    name = names[(index - 1) % len(names)]
    return name if index <= len(names) else f"{name} {index}"


def start_seat(
    session: Session, seat: TrainingSeat, scenario: Scenario, language: str, now: datetime
) -> None:
    """Creates the seat's customer, history and ticket or chat, and marks the seat running."""
    trainee = session.get(Agent, seat.trainee_id)
    if trainee is None:
        raise LookupError(f"trainee {seat.trainee_id} is not in the training workspace")
    persona = scenario.persona
    uid = f"{seat_uid_prefix(seat.id)}{secrets.token_hex(3)}"
    name = _text(persona.name, language)
    _customer(session, uid, name, persona, language, now)
    _history(session, uid, persona, now)
    session.flush()
    if scenario.channel == "chat":
        seat.conversation_id = _chat(session, scenario, uid, name, trainee, language, now)
    else:
        opening = turn_client_id(OPENING, 0)
        seat.ticket_id = _ticket(
            session, scenario, uid, trainee.id, language, now, opening_id=opening
        )
    for index in range(1, scenario.duplicates + 1):
        other = duplicate_uid(uid, index)
        _customer(session, other, _other_name(language, index), persona, language, now)
        session.flush()
        _ticket(session, scenario, other, trainee.id, language, now, opening_id=None)
    seat.customer_uid = uid
    seat.state = "running"
    seat.started_at = now
    session.flush()
