"""Identity verification records of a ticket or a chat: reading them, adding one, and folding
them into "check -> when it last passed" for the action gate (console.core.identity).

A record is only ever added. Its note is redacted like customer text (an agent pasting what a
customer sent must not store a seed phrase), and the agent who adds one to a chat must be the
chat's agent (or a supervisor): verification happens in the conversation itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_identity import VerificationCreate, VerificationOut, VerificationRecordOut
from console.core.domain import Role
from console.core.identity import Check, latest_passes
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models_chat import ChatConversation
from console.server.models_identity import VerificationRecord
from console.server.services import audit
from console.server.services.chat_records import load_conversation
from console.server.services.tickets import load_ticket

__all__ = [
    "chat_customer",
    "passes",
    "record_for_chat",
    "record_for_ticket",
    "verification_for_chat",
    "verification_for_ticket",
]

MAX_RECORDS = 200


def chat_customer(conv: ChatConversation) -> str:
    """The chat's customer; a guest (no UID) has no account to verify or act on."""
    if conv.customer_uid is None:
        raise ApiError(
            409, "guest_chat", "A guest's chat has no customer account to verify or act on."
        )
    return conv.customer_uid


def _records(
    session: Session, customer_uid: str, *, ticket_id: int | None, conversation_id: int | None
) -> list[VerificationRecord]:
    query = select(VerificationRecord).where(VerificationRecord.customer_uid == customer_uid)
    if ticket_id is not None:
        query = query.where(VerificationRecord.ticket_id == ticket_id)
    else:
        query = query.where(VerificationRecord.conversation_id == conversation_id)
    order = (VerificationRecord.created_at.desc(), VerificationRecord.id.desc())
    return list(session.scalars(query.order_by(*order).limit(MAX_RECORDS)))


def _out(
    rows: list[VerificationRecord],
    customer_uid: str,
    *,
    ticket_id: int | None,
    conversation_id: int | None,
) -> VerificationOut:
    return VerificationOut(
        ticket_id=ticket_id,
        conversation_id=conversation_id,
        customer_uid=customer_uid,
        records=[VerificationRecordOut.model_validate(r) for r in rows],
        server_time=utcnow(),
    )


def passes(
    session: Session,
    customer_uid: str,
    *,
    ticket_id: int | None = None,
    conversation_id: int | None = None,
) -> dict[Check, datetime]:
    rows = _records(session, customer_uid, ticket_id=ticket_id, conversation_id=conversation_id)
    return latest_passes((r.checks, r.created_at) for r in rows)


def verification_for_ticket(session: Session, ticket_id: int) -> VerificationOut:
    uid = load_ticket(session, ticket_id).customer_uid
    rows = _records(session, uid, ticket_id=ticket_id, conversation_id=None)
    return _out(rows, uid, ticket_id=ticket_id, conversation_id=None)


def verification_for_chat(session: Session, conversation_id: int) -> VerificationOut:
    uid = chat_customer(load_conversation(session, conversation_id))
    rows = _records(session, uid, ticket_id=None, conversation_id=conversation_id)
    return _out(rows, uid, ticket_id=None, conversation_id=conversation_id)


def _add(
    session: Session,
    actor: AgentOut,
    customer_uid: str,
    data: VerificationCreate,
    *,
    ticket_id: int | None,
    conversation_id: int | None,
) -> None:
    checks = [str(c) for c in data.checks]
    session.add(
        VerificationRecord(
            ticket_id=ticket_id,
            conversation_id=conversation_id,
            customer_uid=customer_uid,
            checks=checks,
            note=redact_secrets(data.note).text.strip(),
            agent_id=actor.id,
            agent_name=actor.display_name,
            created_at=utcnow(),
        )
    )
    audit.record(
        session,
        actor,
        "identity.verified",
        "customer",
        customer_uid,
        ticket_id=ticket_id,
        detail={"checks": checks, "conversation_id": conversation_id},
    )
    session.flush()


def record_for_ticket(
    session: Session, actor: AgentOut, ticket_id: int, data: VerificationCreate
) -> VerificationOut:
    uid = load_ticket(session, ticket_id, for_update=True).customer_uid
    _add(session, actor, uid, data, ticket_id=ticket_id, conversation_id=None)
    return verification_for_ticket(session, ticket_id)


def record_for_chat(
    session: Session, actor: AgentOut, conversation_id: int, data: VerificationCreate
) -> VerificationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    uid = chat_customer(conv)
    if conv.assigned_agent_id != actor.id and actor.role != Role.SUPERVISOR:
        raise ApiError(
            409, "conflict", "Only the agent of the chat (or a supervisor) can verify in it."
        )
    _add(session, actor, uid, data, ticket_id=None, conversation_id=conversation_id)
    return verification_for_chat(session, conversation_id)
