"""Live chat for signed-in agents: status (and heartbeat), lists, offers, messages, files, typing,
read marks, transfer, convert to ticket, end. Mutations take an Idempotency-Key like the rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Header, Path, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from console.api.schemas import ErrorBody, TicketOut
from console.api.schemas_chat import (
    AgentChatStatusOut,
    ChatAttachmentOut,
    ChatMessageCreate,
    ChatMessageOut,
    ChatReadUpdate,
    ChatStatusUpdate,
    ChatTransfer,
    ChatTypingUpdate,
    ConversationOut,
)
from console.server.errors import ApiError
from console.server.routes.chat_files import (
    UPLOAD_BODY,
    UPLOAD_ERRORS,
    download_response,
    read_upload,
)
from console.server.routes.deps import (
    AgentDep,
    IdempotencyContext,
    IdempotencyDep,
    RuntimeDep,
)
from console.server.routes.mutation import run_mutation
from console.server.services import (
    chat_agent_actions,
    chat_agents,
    chat_attachments,
    chat_convert,
)
from console.server.services.chat_context import chat_context
from console.server.services.chat_records import (
    conversation_out,
    load_conversation,
    messages_after,
)
from console.server.services.idempotency import MAX_KEY_CHARS, request_hash
from console.server.services.ticket_query import MAX_ID
from console.server.training.scope import works_own_only

router = APIRouter(tags=["chat"])
ChatId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def _ok(result: BaseModel) -> tuple[int, BaseModel]:
    return 200, result


@router.put("/chat/status", response_model=AgentChatStatusOut, responses=_ERRORS)
def put_status(
    body: ChatStatusUpdate, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """Also the heartbeat (PUT every 10 s while online). Idempotent by nature: no key stored."""
    ctx = chat_context(runtime)
    unrecorded = IdempotencyContext(None, idem.request_hash)
    return run_mutation(
        runtime, agent, unrecorded, lambda s: _ok(chat_agents.put_status(s, ctx, agent, body))
    )


@router.get("/chat/status", response_model=list[AgentChatStatusOut])
def get_statuses(runtime: RuntimeDep, _agent: AgentDep) -> list[AgentChatStatusOut]:
    with runtime.db.read() as session:
        return chat_agents.list_statuses(session, chat_context(runtime))


@router.get("/chats", response_model=list[ConversationOut], responses=_ERRORS)
def list_chats(
    runtime: RuntimeDep,
    agent: AgentDep,
    scope: Annotated[Literal["mine", "queue", "all"], Query()] = "mine",
) -> list[ConversationOut]:
    """mine: offered to me or active with me; queue: waiting, in queue order; all: not ended
    (a trainee's "all" in training: their own)."""
    if scope == "all" and works_own_only(runtime.settings.training, agent):
        scope = "mine"
    with runtime.db.read() as session:
        return chat_agent_actions.list_conversations(session, agent, scope)


@router.get("/chats/{conversation_id}", response_model=ConversationOut, responses=_ERRORS)
def get_chat(conversation_id: ChatId, runtime: RuntimeDep, _agent: AgentDep) -> ConversationOut:
    with runtime.db.read() as session:
        return conversation_out(load_conversation(session, conversation_id))


@router.get(
    "/chats/{conversation_id}/messages", response_model=list[ChatMessageOut], responses=_ERRORS
)
def get_messages(
    conversation_id: ChatId,
    runtime: RuntimeDep,
    _agent: AgentDep,
    after_seq: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[ChatMessageOut]:
    """Messages with seq > after_seq in seq order (at most 1000; ask again after the last)."""
    with runtime.db.read() as session:
        load_conversation(session, conversation_id)
        return messages_after(session, conversation_id, after_seq)


def _mutate(
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
    action: Callable[[Session], BaseModel],
    status: int = 200,
) -> Response:
    return run_mutation(runtime, agent, idem, lambda s: (status, action(s)))


@router.post("/chats/{conversation_id}/accept", response_model=ConversationOut, responses=_ERRORS)
def accept(
    conversation_id: ChatId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    ctx = chat_context(runtime)
    return _mutate(
        runtime, agent, idem, lambda s: chat_agent_actions.accept(s, ctx, agent, conversation_id)
    )


@router.post("/chats/{conversation_id}/decline", response_model=ConversationOut, responses=_ERRORS)
def decline(
    conversation_id: ChatId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    ctx = chat_context(runtime)
    return _mutate(
        runtime, agent, idem, lambda s: chat_agent_actions.decline(s, ctx, agent, conversation_id)
    )


@router.post("/chats/{conversation_id}/end", response_model=ConversationOut, responses=_ERRORS)
def end(
    conversation_id: ChatId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    ctx = chat_context(runtime)
    return _mutate(
        runtime, agent, idem, lambda s: chat_agent_actions.agent_end(s, ctx, agent, conversation_id)
    )


@router.post(
    "/chats/{conversation_id}/messages",
    status_code=201,
    response_model=ChatMessageOut,
    responses=_ERRORS,
)
def post_message(
    conversation_id: ChatId,
    body: ChatMessageCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    """Only the agent the chat is active with; idempotent on client_id (a repeat is a 200)."""

    def action(session: Session) -> tuple[int, BaseModel]:
        out, created = chat_agent_actions.agent_message(session, agent, conversation_id, body)
        return (201 if created else 200), out

    return run_mutation(runtime, agent, idem, action)


@router.post(
    "/chats/{conversation_id}/attachments",
    status_code=201,
    response_model=ChatAttachmentOut,
    responses=UPLOAD_ERRORS,
    openapi_extra=UPLOAD_BODY,
)
async def upload(
    conversation_id: ChatId,
    request: Request,
    runtime: RuntimeDep,
    agent: AgentDep,
    x_filename: Annotated[str | None, Header(description="percent-encoded UTF-8")] = None,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> Response:
    if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_KEY_CHARS:
        raise ApiError(
            422, "invalid_request", f"Idempotency-Key must be 1 to {MAX_KEY_CHARS} characters."
        )
    filename, data = await read_upload(request, x_filename)
    digest = request_hash("POST", f"{request.url.path}\n{filename}", data)

    def action(session: Session) -> tuple[int, BaseModel]:
        conv = load_conversation(session, conversation_id, for_update=True)
        if conv.assigned_agent_id != agent.id or conv.state != "active":
            raise ApiError(409, "conflict", "This chat is not active with you.")
        return 201, chat_attachments.store_upload(session, conv, "agent", agent.id, filename, data)

    idem = IdempotencyContext(idempotency_key, digest)
    return await anyio.to_thread.run_sync(lambda: run_mutation(runtime, agent, idem, action))


@router.get(
    "/chat-attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": ErrorBody}},
)
def download(
    attachment_id: Annotated[int, Path(ge=1, le=MAX_ID)], runtime: RuntimeDep, agent: AgentDep
) -> Response:
    with runtime.db.read() as session:
        file = chat_attachments.load_download(session, attachment_id, agent_id=agent.id)
    return download_response(file)


@router.put("/chats/{conversation_id}/typing", status_code=204, responses=_ERRORS)
def typing(
    conversation_id: ChatId, body: ChatTypingUpdate, runtime: RuntimeDep, agent: AgentDep
) -> Response:
    with runtime.db.write() as session:
        chat_agent_actions.agent_typing(session, agent, conversation_id, body.typing)
    return Response(status_code=204)


@router.post("/chats/{conversation_id}/read", response_model=ConversationOut, responses=_ERRORS)
def read(
    conversation_id: ChatId,
    body: ChatReadUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return _mutate(
        runtime,
        agent,
        idem,
        lambda s: chat_agent_actions.agent_read(s, agent, conversation_id, body.up_to_seq),
    )


@router.post("/chats/{conversation_id}/transfer", response_model=ConversationOut, responses=_ERRORS)
def transfer(
    conversation_id: ChatId,
    body: ChatTransfer,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    ctx = chat_context(runtime)
    return _mutate(
        runtime,
        agent,
        idem,
        lambda s: chat_agent_actions.transfer(s, ctx, agent, conversation_id, body),
    )


@router.post("/chats/{conversation_id}/convert", response_model=TicketOut, responses=_ERRORS)
def convert(
    conversation_id: ChatId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    """A ticket with the transcript; converting again returns the same ticket."""
    return _mutate(runtime, agent, idem, lambda s: chat_convert.convert(s, agent, conversation_id))
