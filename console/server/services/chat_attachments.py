"""Files in a chat: uploaded by the customer or an agent into one conversation, then sent with one
message of the same side. The checks are the ticket attachments' (attachment_checks.py): an
allowed extension, content that really is that type (415 otherwise), at most 10 MB (413)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.api.schemas_chat import ChatAttachmentOut
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_chat import ChatAttachment, ChatAttachmentBlob, ChatConversation
from console.server.services.attachment_checks import check_content, content_type_for
from console.server.services.attachment_claims import already_sent, not_yours, uploads_named
from console.server.services.chat_records import attachment_out
from console.server.services.ticket_query import MAX_ID

# The customer side takes what a phone sends: pictures, PDFs and plain text.
CUSTOMER_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"}
)


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


def store_upload(
    session: Session,
    conv: ChatConversation,
    uploader: str,
    agent_id: int | None,
    filename: str,
    data: bytes,
) -> ChatAttachmentOut:
    """Checks and stores one upload; `filename` is already cleaned."""
    content_type = content_type_for(filename)
    if uploader == "customer" and content_type not in CUSTOMER_TYPES:
        raise ApiError(
            415, "unsupported_type", "Chats take images (png, jpeg, gif, webp), PDF and text."
        )
    if not data:
        raise ApiError(422, "invalid_request", "The file is empty.")
    check_content(content_type, data)
    if conv.state == "ended":
        raise ApiError(409, "conflict", "This chat has ended.")
    row = ChatAttachment(
        conversation_id=conv.id,
        uploader=uploader,
        agent_id=agent_id,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    session.add(ChatAttachmentBlob(attachment_id=row.id, data=data))
    session.flush()
    return attachment_out(row)


def claimable(
    session: Session,
    conversation_id: int,
    uploader: str,
    agent_id: int | None,
    attachment_ids: Sequence[int],
) -> list[ChatAttachment]:
    """The uploads a new message may carry: this side's own in this conversation, not sent yet."""
    ids, rows = uploads_named(session, ChatAttachment, attachment_ids)
    for attachment_id in ids:
        row = rows.get(attachment_id)
        mine = (
            row is not None
            and row.conversation_id == conversation_id
            and row.uploader == uploader
            and (uploader == "customer" or row.agent_id == agent_id)
        )
        if row is None or not mine:
            raise not_yours(attachment_id, " in this chat")
        if row.message_id is not None:
            raise already_sent(attachment_id)
    return [rows[i] for i in ids]


def load_download(
    session: Session,
    attachment_id: int,
    *,
    conversation_id: int | None = None,
    agent_id: int | None = None,
) -> Download:
    """A file for an agent (conversation_id None) or for the customer of `conversation_id`.
    Not yet sent with a message, it is visible to its uploader only."""
    row = session.get(ChatAttachment, attachment_id) if 0 < attachment_id <= MAX_ID else None
    if row is None:
        raise not_found("Attachment")
    if conversation_id is not None:
        visible = row.conversation_id == conversation_id and (
            row.message_id is not None or row.uploader == "customer"
        )
    else:
        visible = row.message_id is not None or (
            row.uploader == "agent" and row.agent_id == agent_id
        )
    blob = session.get(ChatAttachmentBlob, attachment_id) if visible else None
    if blob is None:
        raise not_found("Attachment")
    return Download(row.filename, row.content_type, bytes(blob.data))
