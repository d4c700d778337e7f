"""The customer chat API under /customer: what an exchange's app widget calls. No agent sign-in:
starting a conversation returns its bearer token, which authorises everything else on it.

Hostile input gets the API's error shape: 413 for oversized bodies and files, 415 for files that
are not what they claim, 422 for bad text (control characters, bidi overrides, too long).
"""

from __future__ import annotations

import time
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from console.api.schemas import ErrorBody
from console.api.schemas_chat import (
    MAX_CHAT_WAIT_S,
    ChatAttachmentOut,
    ChatMessageOut,
    ChatReadUpdate,
    ChatTypingUpdate,
    ConversationOut,
    CustomerChatSession,
    CustomerChatStart,
    CustomerChatView,
    CustomerMessageCreate,
    CustomerRating,
)
from console.server.routes.chat_files import (
    UPLOAD_BODY,
    UPLOAD_ERRORS,
    download_response,
    read_upload,
)
from console.server.routes.deps import RuntimeDep, bearer_token
from console.server.runtime import Runtime
from console.server.services import chat_attachments, chat_conversations, chat_fast_path
from console.server.services.chat_context import chat_context
from console.server.services.ticket_query import MAX_ID

router = APIRouter(prefix="/customer", tags=["customer chat"])
ChatId = Annotated[int, Path(ge=1, le=MAX_ID)]
TokenDep = Annotated[str, Depends(bearer_token)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    422: {"model": ErrorBody},
}


def _json(status: int, model: Any) -> Response:
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")


def _for_customer(conversation: ConversationOut) -> ConversationOut:
    """The conversation as its customer may see it: a transfer note is for colleagues only."""
    return conversation.model_copy(update={"transfer_note": ""})


@router.post("/chats", status_code=201, response_model=CustomerChatSession, responses=_ERRORS)
def start_chat(body: CustomerChatStart, runtime: RuntimeDep) -> Response:
    ctx = chat_context(runtime)
    with runtime.db.write() as session:
        conversation, token = chat_conversations.start(session, ctx, body)
    return _json(201, CustomerChatSession(conversation=_for_customer(conversation), token=token))


def _read_view(
    runtime: Runtime, conversation_id: int, token: str, after_seq: int
) -> CustomerChatView:
    ctx = chat_context(runtime)
    with runtime.db.read() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        view = chat_conversations.view(session, ctx, conversation_id, after_seq)
    return view.model_copy(update={"conversation": _for_customer(view.conversation)})


def _news(view: CustomerChatView, first: CustomerChatView, after_version: int | None) -> bool:
    if view.messages:
        return True
    if after_version is not None and view.conversation.version != after_version:
        return True
    seen = (first.conversation.version, first.queue_position, first.agent_typing)
    return seen != (view.conversation.version, view.queue_position, view.agent_typing)


@router.get("/chats/{conversation_id}", response_model=CustomerChatView, responses=_ERRORS)
async def get_chat(
    conversation_id: ChatId,
    runtime: RuntimeDep,
    token: TokenDep,
    after_seq: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    wait: Annotated[float, Query(ge=0, le=MAX_CHAT_WAIT_S)] = 0.0,
    after_version: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
) -> CustomerChatView:
    """The conversation, its messages after `after_seq`, queue position and estimated wait.
    With `wait`, held until something is new (a message, a change of the conversation, of the
    queue position or of the agent's typing; or a version other than `after_version`)."""
    deadline = time.monotonic() + wait
    poll_s = runtime.settings.event_poll_s
    first: CustomerChatView | None = None
    with runtime.db.notifier.subscribe() as subscription:
        while True:
            subscription.clear()
            view = await anyio.to_thread.run_sync(
                _read_view, runtime, conversation_id, token, after_seq
            )
            first = first or view
            remaining = deadline - time.monotonic()
            if remaining <= 0 or runtime.stopping or _news(view, first, after_version):
                return view
            await subscription.wait(min(poll_s, remaining))


@router.post(
    "/chats/{conversation_id}/messages",
    status_code=201,
    response_model=ChatMessageOut,
    responses=_ERRORS,
)
async def post_message(
    conversation_id: ChatId, body: CustomerMessageCreate, runtime: RuntimeDep, token: TokenDep
) -> Response:
    """Idempotent on client_id: the same client_id again returns the stored message (200)."""
    # The plain case (text in a chat an agent holds) is a few statements: written here on the
    # loop when the database is free, which spares the hand-over to a worker thread and back.
    with runtime.db.write_now() as session:
        tried_fast = session is not None
        if session is not None:
            fast = chat_fast_path.customer_message(session, conversation_id, token, body)
            if fast is not None:
                return _json(201, fast)
    out, created = await anyio.to_thread.run_sync(
        _post_message, runtime, conversation_id, token, body, tried_fast
    )
    return _json(201 if created else 200, out)


def _post_message(
    runtime: Runtime,
    conversation_id: int,
    token: str,
    body: CustomerMessageCreate,
    tried_fast: bool,
) -> tuple[ChatMessageOut, bool]:
    ctx = chat_context(runtime)
    with runtime.db.write() as session:
        # Another writer held the lock on the loop: the plain case may still apply here.
        if not tried_fast:
            fast = chat_fast_path.customer_message(session, conversation_id, token, body)
            if fast is not None:
                return fast, True
        chat_conversations.authenticate(session, conversation_id, token)
        return chat_conversations.customer_message(session, ctx, conversation_id, body)


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
    token: TokenDep,
    x_filename: Annotated[str | None, Header(description="percent-encoded UTF-8")] = None,
) -> Response:
    filename, data = await read_upload(request, x_filename)

    def store() -> ChatAttachmentOut:
        with runtime.db.write() as session:
            conv = chat_conversations.authenticate(session, conversation_id, token)
            return chat_attachments.store_upload(session, conv, "customer", None, filename, data)

    return _json(201, await anyio.to_thread.run_sync(store))


@router.get(
    "/chats/{conversation_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
def download(
    conversation_id: ChatId,
    attachment_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    runtime: RuntimeDep,
    token: TokenDep,
) -> Response:
    with runtime.db.read() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        file = chat_attachments.load_download(
            session, attachment_id, conversation_id=conversation_id
        )
    return download_response(file)


@router.put("/chats/{conversation_id}/typing", status_code=204, responses=_ERRORS)
def typing(
    conversation_id: ChatId, body: ChatTypingUpdate, runtime: RuntimeDep, token: TokenDep
) -> Response:
    with runtime.db.write() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        chat_conversations.customer_typing(session, conversation_id, body.typing)
    return Response(status_code=204)


@router.post("/chats/{conversation_id}/read", response_model=ConversationOut, responses=_ERRORS)
def read(
    conversation_id: ChatId, body: ChatReadUpdate, runtime: RuntimeDep, token: TokenDep
) -> ConversationOut:
    with runtime.db.write() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        out = chat_conversations.customer_read(session, conversation_id, body.up_to_seq)
    return _for_customer(out)


@router.post("/chats/{conversation_id}/end", response_model=ConversationOut, responses=_ERRORS)
def end(conversation_id: ChatId, runtime: RuntimeDep, token: TokenDep) -> ConversationOut:
    ctx = chat_context(runtime)
    with runtime.db.write() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        out = chat_conversations.customer_end(session, ctx, conversation_id)
    return _for_customer(out)


@router.post("/chats/{conversation_id}/rating", response_model=ConversationOut, responses=_ERRORS)
def rating(
    conversation_id: ChatId, body: CustomerRating, runtime: RuntimeDep, token: TokenDep
) -> ConversationOut:
    with runtime.db.write() as session:
        chat_conversations.authenticate(session, conversation_id, token)
        out = chat_conversations.rate(session, conversation_id, body)
    return _for_customer(out)
