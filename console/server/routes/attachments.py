"""Uploading and downloading attachments.

The upload body is the file's raw bytes (the body guard lets this one path through up to
MAX_ATTACHMENT_BYTES without parsing it as JSON); its name travels in X-Filename.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Header, Path, Request, Response

from console.api.schemas import MAX_ATTACHMENT_BYTES, AttachmentOut, ErrorBody
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, IdempotencyContext, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import attachments
from console.server.services.attachment_checks import clean_filename, decode_header_name
from console.server.services.idempotency import MAX_KEY_CHARS, request_hash
from console.server.services.ticket_query import MAX_ID

router = APIRouter(tags=["attachments"])
UPLOAD_PATH = "/attachments"


@router.post(
    UPLOAD_PATH,
    status_code=201,
    response_model=AttachmentOut,
    responses={
        413: {"model": ErrorBody},
        415: {"model": ErrorBody},
        422: {"model": ErrorBody},
    },
    openapi_extra={"requestBody": {"content": {"application/octet-stream": {}}, "required": True}},
)
async def upload(
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
    filename = clean_filename(decode_header_name(x_filename))
    data = await request.body()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "payload_too_large", "The file is larger than the upload limit.")
    # The name is part of what is asked: the same key with another name is another request.
    digest = request_hash("POST", f"{request.url.path}\n{filename}", data)
    idem = IdempotencyContext(idempotency_key, digest)
    return await anyio.to_thread.run_sync(
        lambda: run_mutation(
            runtime,
            agent,
            idem,
            lambda session: (201, attachments.store_upload(session, agent, filename, data)),
        )
    )


def content_disposition(filename: str) -> str:
    """RFC 6266/5987: a plain ASCII fallback and the exact UTF-8 name."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@router.get(
    "/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": ErrorBody}},
)
def download(
    attachment_id: Annotated[int, Path(ge=1, le=MAX_ID)], runtime: RuntimeDep, agent: AgentDep
) -> Response:
    with runtime.db.read() as session:
        file = attachments.load_download(session, agent, attachment_id)
    return Response(
        content=file.data,
        media_type=file.content_type,
        headers={
            "Content-Disposition": content_disposition(file.filename),
            "X-Content-Type-Options": "nosniff",
            # Even opened by hand in a browser, the file runs nothing and loads nothing.
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )
