"""Tickets and their messages."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy.orm import Session

from console.api.schemas import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ErrorBody,
    MessageCreate,
    MessageOut,
    TicketCreate,
    TicketOut,
    TicketPage,
    TicketUpdate,
)
from console.core.domain import Category, Channel, Priority, TicketStatus
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import messages, tickets
from console.server.services.ticket_query import MAX_ID, TicketFilters, list_tickets
from console.server.training.scope import works_own_only

router = APIRouter(tags=["tickets"])


class SlaFilter(StrEnum):
    DUE_SOON = "due_soon"
    BREACHED = "breached"


TicketId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}


def _bad_query(name: str, message: str) -> ApiError:
    return ApiError(
        422, "invalid_request", message, [{"loc": ["query", name], "msg": message, "type": "enum"}]
    )


def _split(value: str | None, name: str, allowed: type[StrEnum] | None = None) -> tuple[str, ...]:
    if not value:
        return ()
    items = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    if allowed is not None:
        known = {m.value for m in allowed}
        unknown = [v for v in items if v not in known]
        if unknown:
            raise _bad_query(name, f"Unknown {name}: {', '.join(unknown)}.")
    return items


def _assignee(value: str | None, me: int) -> int | str | None:
    if value is None or value == "":
        return None
    if value == "me":
        return me
    if value == "none":
        return "none"
    if value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    raise _bad_query("assignee", "assignee is 'me', 'none' or an agent id.")


@router.get("/tickets", response_model=TicketPage, responses={422: {"model": ErrorBody}})
def get_tickets(
    runtime: RuntimeDep,
    agent: AgentDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(description="comma-separated statuses")] = None,
    assignee: Annotated[str | None, Query(description="'me', 'none' or an agent id")] = None,
    channel: Annotated[str | None, Query(description="comma-separated channels")] = None,
    category: Annotated[str | None, Query(description="comma-separated categories")] = None,
    language: Annotated[str | None, Query(description="comma-separated languages")] = None,
    priority: Annotated[str | None, Query(description="comma-separated priorities")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="text in subject/body/uid; email, tx hash")
    ] = None,
    tag: Annotated[str | None, Query(description="comma-separated tags (any)")] = None,
    vip: Annotated[bool | None, Query(description="true: VIP customers only")] = None,
    sla: Annotated[SlaFilter | None, Query(description="SLA state right now")] = None,
    group: Annotated[str | None, Query(description="comma-separated groups")] = None,
) -> TicketPage:
    wanted = _assignee(assignee, agent.id)
    if works_own_only(runtime.settings.training, agent):
        wanted = agent.id if wanted in (None, agent.id) else -1  # a classmate's: none of them
    filters = TicketFilters(
        statuses=_split(status, "status", TicketStatus),
        assignee=wanted,
        channels=_split(channel, "channel", Channel),
        categories=_split(category, "category", Category),
        languages=_split(language, "language"),
        priorities=_split(priority, "priority", Priority),
        text=q or "",
        tags=_split(tag, "tag"),
        vip=vip,
        sla=sla.value if sla is not None else None,
        groups=_split(group, "group"),
    )
    with runtime.db.read() as session:
        return list_tickets(session, filters, limit, cursor)


@router.post("/tickets", status_code=201, response_model=TicketOut, responses=_ERRORS)
def create_ticket(
    body: TicketCreate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    def action(session: Session) -> tuple[int, TicketOut]:
        ticket = tickets.create_ticket(session, body)
        if works_own_only(runtime.settings.training, agent):
            # A trainee's own ticket in training: theirs to work, and theirs alone to see.
            ticket = tickets.update_ticket(session, ticket.id, TicketUpdate(assignee_id=agent.id))
        return 201, ticket

    return run_mutation(runtime, agent, idem, action)


@router.get("/tickets/{ticket_id}", response_model=TicketOut, responses=_ERRORS)
def get_ticket(ticket_id: TicketId, runtime: RuntimeDep, _agent: AgentDep) -> TicketOut:
    with runtime.db.read() as session:
        return tickets.get_ticket(session, ticket_id)


@router.patch(
    "/tickets/{ticket_id}",
    response_model=TicketOut,
    responses={**_ERRORS, 409: {"model": ErrorBody}},
)
def patch_ticket(
    ticket_id: TicketId,
    body: TicketUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, tickets.update_ticket(session, ticket_id, body, actor=agent)),
    )


@router.get("/tickets/{ticket_id}/messages", response_model=list[MessageOut], responses=_ERRORS)
def get_messages(ticket_id: TicketId, runtime: RuntimeDep, _agent: AgentDep) -> list[MessageOut]:
    with runtime.db.read() as session:
        return messages.list_messages(session, ticket_id)


@router.post(
    "/tickets/{ticket_id}/messages",
    status_code=201,
    response_model=MessageOut,
    responses={**_ERRORS, 409: {"model": ErrorBody}},
)
def post_message(
    ticket_id: TicketId,
    body: MessageCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    def action(session: Session) -> tuple[int, MessageOut]:
        out, created = messages.add_agent_message(session, agent, ticket_id, body)
        return (201 if created else 200), out

    return run_mutation(runtime, agent, idem, action)
