"""Uploaded files: stored in the database, attached to one message, downloaded as bytes."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, AttachmentOut
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_collab import Attachment, AttachmentBlob
from console.server.services.attachment_checks import check_content, content_type_for
from console.server.services.attachment_claims import already_sent, not_yours, uploads_named
from console.server.services.ticket_query import MAX_ID


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


def attachment_out(row: Attachment) -> AttachmentOut:
    return AttachmentOut.model_validate(row)


def store_upload(session: Session, agent: AgentOut, filename: str, data: bytes) -> AttachmentOut:
    """Checks and stores one upload of `agent`; `filename` is already cleaned."""
    content_type = content_type_for(filename)
    if not data:
        raise ApiError(422, "invalid_request", "The file is empty.")
    check_content(content_type, data)
    row = Attachment(
        agent_id=agent.id,
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    session.add(AttachmentBlob(attachment_id=row.id, data=data))
    session.flush()
    return attachment_out(row)


def load_download(session: Session, agent: AgentOut, attachment_id: int) -> Download:
    """The file; an upload not yet sent with a message is visible to its uploader only."""
    row = session.get(Attachment, attachment_id) if 0 < attachment_id <= MAX_ID else None
    if row is None or (row.message_id is None and row.agent_id != agent.id):
        raise not_found("Attachment")
    blob = session.get(AttachmentBlob, attachment_id)
    if blob is None:
        raise not_found("Attachment")
    return Download(row.filename, row.content_type, bytes(blob.data))


def by_message(session: Session, message_ids: Sequence[int]) -> dict[int, list[AttachmentOut]]:
    """Attachments of many messages in one query (a thread is serialised without N+1)."""
    result: dict[int, list[AttachmentOut]] = defaultdict(list)
    if not message_ids:
        return result
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.message_id.in_(list(message_ids)))
        .order_by(Attachment.id)
    )
    for row in rows:
        assert row.message_id is not None
        result[row.message_id].append(attachment_out(row))
    return result


def claimable(
    session: Session, agent: AgentOut, ticket_id: int, attachment_ids: Sequence[int]
) -> list[Attachment]:
    """The uploads a new message may carry: the agent's own, not yet sent with a message."""
    ids, rows = uploads_named(session, Attachment, attachment_ids)
    for attachment_id in ids:
        row = rows.get(attachment_id)
        if row is None or row.agent_id != agent.id:
            raise not_yours(attachment_id)
        if row.message_id is not None or (row.ticket_id not in (None, ticket_id)):
            raise already_sent(attachment_id)
    return [rows[i] for i in ids]


def attach(rows: Sequence[Attachment], ticket_id: int, message_id: int) -> list[AttachmentOut]:
    for row in rows:
        row.ticket_id = ticket_id
        row.message_id = message_id
    return [attachment_out(row) for row in rows]


def for_message(session: Session, message_id: int) -> list[AttachmentOut]:
    return by_message(session, [message_id]).get(message_id, [])
