"""Each trainee works their own exercises only, as each agent of a class sits their own exam.

A trainee's mock tickets and chats are assigned to them when their seat starts. In the training
workspace a trainee (anyone who does not run training) therefore:
- lists only the tickets assigned to them, and "all chats" means their own;
- gets 404 for another trainee's ticket, chat or simulated customer, as for one that does not
  exist (`own_exercises`, a router dependency, before any route runs);
- hears only of their own tickets: an event about a ticket is addressed to the ticket's
  assignee when its transaction commits (`address_ticket_events`), so neither the live stream
  nor the catch-up pages carry a classmate's work.
Trainers see everything, as they do through sessions and reports.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.server.db import EVENTS_WRITTEN, Database
from console.server.errors import ApiError
from console.server.models import Ticket
from console.server.models_chat import ChatConversation
from console.server.services import auth
from console.server.training.sessions import is_trainer

__all__ = ["address_ticket_events", "install_scope", "own_exercises", "works_own_only"]

_TICKET_PARAMS = ("ticket_id", "other_id")


def works_own_only(training: bool, agent: AgentOut) -> bool:
    return training and not is_trainer(agent)


def install_scope(db: Database) -> None:
    db.before_each_commit(address_ticket_events)


def address_ticket_events(session: Session) -> None:
    """Events about a ticket that has an assignee go to that assignee alone."""
    for row in session.info.get(EVENTS_WRITTEN, ()):
        if row.ticket_id is None or row.audience_agent_id is not None:
            continue
        ticket = session.get(Ticket, row.ticket_id)
        if ticket is not None and ticket.assignee_id is not None:
            row.audience_agent_id = ticket.assignee_id


def _not_found(kind: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {kind} in this workspace.")


def own_exercises(db: Database) -> Callable[[Request], None]:
    """A router dependency of the training workspace: a trainee's path ids must be theirs.

    Runs in a worker thread (a plain function), as it reads the database. A request without a
    valid token passes untouched: the route's own sign-in check answers it."""

    def check(request: Request) -> None:
        params = request.path_params
        tickets = [int(params[n]) for n in _TICKET_PARAMS if str(params.get(n, "")).isdigit()]
        raw_chat = str(params.get("conversation_id", ""))
        chat = int(raw_chat) if raw_chat.isdigit() else None
        uid = params.get("uid")
        if not tickets and chat is None and not isinstance(uid, str):
            return
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return
        with db.read() as session:
            try:
                agent = auth.authenticate(session, token.strip())
            except ApiError:
                return
            if is_trainer(agent):
                return
            for ticket_id in tickets:
                ticket = session.get(Ticket, ticket_id)
                if ticket is not None and ticket.assignee_id != agent.id:
                    raise _not_found("ticket")
            if chat is not None:
                conv = session.get(ChatConversation, chat)
                if conv is not None and agent.id not in (
                    conv.assigned_agent_id,
                    conv.offered_agent_id,
                ):
                    raise _not_found("conversation")
            if isinstance(uid, str) and not _customer_of(session, uid, agent.id):
                raise _not_found("customer")

    return check


def _customer_of(session: Session, uid: str, agent_id: int) -> bool:
    """The customer is in one of the agent's tickets or chats (or is nobody's, and the route
    answers 404 itself)."""
    mine = or_(
        exists().where(Ticket.customer_uid == uid, Ticket.assignee_id == agent_id),
        exists().where(
            ChatConversation.customer_uid == uid,
            ChatConversation.assigned_agent_id == agent_id,
        ),
    )
    if session.scalar(select(mine)):
        return True
    anyone = or_(
        exists().where(Ticket.customer_uid == uid),
        exists().where(ChatConversation.customer_uid == uid),
    )
    return not session.scalar(select(anyone))
