"""A chat becomes a ticket: what the customer wrote is the ticket's first message, the whole
transcript (bot, system and agent lines included) an internal note, and the converting agent the
assignee. The conversation keeps a pointer to the ticket; converting again returns that ticket."""

from __future__ import annotations

from sqlalchemy.orm import Session

from console.api.schemas import (
    MAX_MESSAGE_CHARS,
    MAX_SUBJECT_CHARS,
    AgentOut,
    MessageCreate,
    TicketCreate,
    TicketOut,
    TicketUpdate,
)
from console.api.schemas_chat import ChatMessageOut
from console.core.domain import Category, Channel, MessageKind, Priority, Role
from console.server.errors import ApiError
from console.server.services import audit, messages, tickets
from console.server.services.chat_records import (
    all_messages,
    conflict,
    load_conversation,
    touch,
)

SUBJECT_PREFIX = "Live chat: "
_TRUNCATED = "\n…"
_PRIORITY = {"security": Priority.URGENT, "high": Priority.HIGH, "normal": Priority.NORMAL}


def transcript_line(m: ChatMessageOut) -> str:
    stamp = m.created_at.strftime("%Y-%m-%d %H:%M:%S")
    files = "".join(f"\n  [file: {f.filename}]" for f in m.attachments)
    return f"[{stamp}] {m.author_name} ({m.sender}): {m.body}{files}"


def _fit(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - len(_TRUNCATED)] + _TRUNCATED


def convert(session: Session, agent: AgentOut, conversation_id: int) -> TicketOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.ticket_id is not None:
        return tickets.get_ticket(session, conv.ticket_id)
    if agent.id != conv.assigned_agent_id and agent.role != Role.SUPERVISOR:
        raise conflict("Only the agent of the chat (or a supervisor) can convert it.")
    if conv.customer_uid is None:
        raise ApiError(
            409, "conflict", "A guest's chat cannot become a ticket: the customer has no UID."
        )
    history = all_messages(session, conv.id)
    said = [m for m in history if m.sender == "customer" and m.body.strip()]
    first = said[0].body if said else f"Live chat #{conv.id}"
    subject = " ".join(first.split())[: MAX_SUBJECT_CHARS - len(SUBJECT_PREFIX)]
    body = "\n\n".join(m.body for m in said) or first
    ticket = tickets.create_ticket(
        session,
        TicketCreate(
            subject=SUBJECT_PREFIX + (subject or f"#{conv.id}"),
            body=_fit(body),
            customer_uid=conv.customer_uid,
            channel=Channel.IN_APP,
            category=Category(conv.topic) if conv.topic else Category.ACCOUNT_SECURITY,
            language=conv.language,
            priority=_PRIORITY.get(conv.priority, Priority.NORMAL),
        ),
        customer_name=conv.customer_name,
    )
    note = f"Chat transcript (live chat #{conv.id}):\n\n" + "\n".join(
        transcript_line(m) for m in history
    )
    messages.add_agent_message(
        session, agent, ticket.id, MessageCreate(kind=MessageKind.NOTE, body=_fit(note))
    )
    ticket = tickets.update_ticket(session, ticket.id, TicketUpdate(assignee_id=agent.id))
    conv.ticket_id = ticket.id
    touch(session, conv)
    audit.record(session, agent, "chat.converted", "chat", conv.id, ticket_id=ticket.id)
    return ticket
