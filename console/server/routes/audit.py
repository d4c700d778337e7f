"""The audit log: read by supervisors and compliance; the console reports what it blocked.

Also where a refused outgoing message (422 unsafe_message) is audited: the refused request's
transaction is rolled back, so the entry is written in one of its own on the way out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Query, Request, Response
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, ErrorBody
from console.api.schemas_audit import (
    DEFAULT_AUDIT_PAGE,
    MAX_AUDIT_PAGE,
    AuditEntryOut,
    AuditPage,
    GuardBlockReport,
)
from console.server.errors import error_response
from console.server.models_audit import AuditEntry
from console.server.models_chat import ChatConversation
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.runtime import Runtime
from console.server.services import audit
from console.server.services.audit_query import AuditFilters, list_entries
from console.server.services.chat_records import load_conversation
from console.server.services.outgoing_guard import UnsafeMessage
from console.server.services.ticket_query import MAX_ID
from console.server.services.tickets import load_ticket

__all__ = ["install_refusal_audit", "router"]

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=AuditPage, responses={422: {"model": ErrorBody}})
def get_audit(
    runtime: RuntimeDep,
    _agent: AgentDep,
    ticket_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    customer_uid: Annotated[str | None, Query(max_length=40)] = None,
    actor_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    action: Annotated[str | None, Query(max_length=60)] = None,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_PAGE)] = DEFAULT_AUDIT_PAGE,
) -> AuditPage:
    """Newest first; page with before_id = the page's next_before_id."""
    filters = AuditFilters(ticket_id, customer_uid or None, actor_id, action or None)
    with runtime.db.read() as session:
        return list_entries(session, filters, limit, before_id)


@router.post(
    "/audit/guard-blocks",
    status_code=201,
    response_model=AuditEntryOut,
    responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)
def report_guard_block(
    body: GuardBlockReport, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """The console kept a message from leaving (its own check, before sending)."""

    def action(session: Session) -> tuple[int, AuditEntryOut]:
        row = _record_block(
            session,
            agent,
            body.kind,
            body.categories,
            body.ticket_id,
            body.conversation_id,
            source="console",
        )
        session.flush()
        return 201, AuditEntryOut.model_validate(row)

    return run_mutation(runtime, agent, idem, action)


def _record_block(
    session: Session,
    agent: AgentOut | None,
    kind: str,
    categories: Sequence[str],
    ticket_id: int | None,
    conversation_id: int | None,
    *,
    source: str,
) -> AuditEntry:
    detail = {"kind": kind, "categories": list(categories), "source": source}
    if conversation_id is not None:
        conv: ChatConversation = load_conversation(session, conversation_id)
        return audit.record(
            session,
            agent,
            "guard.blocked",
            "chat",
            conv.id,
            ticket_id=conv.ticket_id,
            customer_uid=conv.customer_uid,
            detail=detail,
        )
    assert ticket_id is not None
    ticket = load_ticket(session, ticket_id)
    return audit.record(
        session,
        agent,
        "guard.blocked",
        "ticket",
        ticket.id,
        ticket_id=ticket.id,
        detail=detail,
    )


def _write_refusal(runtime: Runtime, exc: UnsafeMessage) -> None:
    with runtime.db.write() as session:
        _record_block(
            session,
            exc.actor,
            exc.kind,
            exc.categories,
            exc.ticket_id,
            exc.conversation_id,
            source="server",
        )


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UnsafeMessage)
    if exc.actor is not None:
        runtime: Runtime = request.app.state.runtime
        await anyio.to_thread.run_sync(_write_refusal, runtime, exc)
    return error_response(exc.status, exc.code, exc.message, exc.details)


def install_refusal_audit(app: FastAPI) -> None:
    """The handler of 422 unsafe_message: answers like any ApiError, after auditing it."""
    app.add_exception_handler(UnsafeMessage, _refused)
