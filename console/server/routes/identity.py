"""Routes of the identity area: verification records of a ticket or chat, and the account
actions they unlock (console/server/services/account_actions.py says what each does)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from console.api.schemas import ErrorBody
from console.api.schemas_identity import (
    AccountActionCreate,
    AccountActionOut,
    VerificationCreate,
    VerificationOut,
)
from console.server.errors import ApiError
from console.server.routes.chat_agent import ChatId
from console.server.routes.customers import CustomerUid
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.routes.tickets import TicketId
from console.server.services import account_actions, audit, identity

router = APIRouter(tags=["identity"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


@router.get("/tickets/{ticket_id}/verification", response_model=VerificationOut, responses=_ERRORS)
def ticket_verification(
    ticket_id: TicketId, runtime: RuntimeDep, _agent: AgentDep
) -> VerificationOut:
    with runtime.db.read() as session:
        return identity.verification_for_ticket(session, ticket_id)


@router.post(
    "/tickets/{ticket_id}/verification",
    status_code=201,
    response_model=VerificationOut,
    responses=_ERRORS,
)
def record_ticket_verification(
    ticket_id: TicketId,
    body: VerificationCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, identity.record_for_ticket(session, agent, ticket_id, body)),
    )


@router.get(
    "/chats/{conversation_id}/verification", response_model=VerificationOut, responses=_ERRORS
)
def chat_verification(
    conversation_id: ChatId, runtime: RuntimeDep, _agent: AgentDep
) -> VerificationOut:
    with runtime.db.read() as session:
        return identity.verification_for_chat(session, conversation_id)


@router.post(
    "/chats/{conversation_id}/verification",
    status_code=201,
    response_model=VerificationOut,
    responses=_ERRORS,
)
def record_chat_verification(
    conversation_id: ChatId,
    body: VerificationCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, identity.record_for_chat(session, agent, conversation_id, body)),
    )


@router.get("/customers/{uid}/actions", response_model=list[AccountActionOut], responses=_ERRORS)
def customer_actions(
    uid: CustomerUid, runtime: RuntimeDep, _agent: AgentDep
) -> list[AccountActionOut]:
    with runtime.db.read() as session:
        return account_actions.list_actions(session, uid)


@router.post(
    "/customers/{uid}/actions",
    status_code=201,
    response_model=AccountActionOut,
    responses=_ERRORS,
)
def perform_action(
    uid: CustomerUid,
    body: AccountActionCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    """Refused with 409 verification_required while the ticket's or chat's verification does
    not cover the action; details name the missing checks. Refusals are audited too."""
    try:
        return run_mutation(
            runtime,
            agent,
            idem,
            lambda session: (201, account_actions.perform(session, agent, uid, body)),
        )
    except ApiError as exc:
        # The action's transaction was rolled back: the refusal is written on its own.
        with runtime.db.write() as session:
            audit.record(
                session,
                agent,
                f"account.{body.kind}.refused",
                "customer",
                uid,
                ticket_id=body.ticket_id,
                detail={
                    "code": exc.code,
                    "status": exc.status,
                    "conversation_id": body.conversation_id,
                    "missing": exc.details if exc.code == "verification_required" else None,
                },
            )
        raise
