"""Reading a chat upload and answering a chat download, for both sides of a chat.

An upload is the file's raw bytes (the body guard lets the chat upload paths through up to
MAX_ATTACHMENT_BYTES), its name percent-encoded in X-Filename, as on /attachments.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response

from console.api.schemas import MAX_ATTACHMENT_BYTES, ErrorBody
from console.server.errors import ApiError
from console.server.routes.attachments import content_disposition
from console.server.services.attachment_checks import clean_filename, decode_header_name
from console.server.services.chat_attachments import Download

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    413: {"model": ErrorBody},
    415: {"model": ErrorBody},
    422: {"model": ErrorBody},
}
UPLOAD_BODY = {"requestBody": {"content": {"application/octet-stream": {}}, "required": True}}


async def read_upload(request: Request, x_filename: str | None) -> tuple[str, bytes]:
    """(clean file name, bytes); 422 for a missing or bad name, 413 when too large."""
    filename = clean_filename(decode_header_name(x_filename))
    data = await request.body()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, "payload_too_large", "The file is larger than the upload limit.")
    return filename, data


def download_response(file: Download) -> Response:
    return Response(
        content=file.data,
        media_type=file.content_type,
        headers={
            "Content-Disposition": content_disposition(file.filename),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )
