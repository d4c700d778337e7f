"""The uploads a new message names, for tickets and chats alike: ids checked, rows locked.

Who may send which upload differs (an agent's own on a ticket; this side's own in a chat), so
each caller checks ownership on the rows; the refusals read the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.server.errors import ApiError
from console.server.models_chat import ChatAttachment
from console.server.models_collab import Attachment
from console.server.services.ticket_query import MAX_ID

__all__ = ["already_sent", "not_yours", "refuse", "uploads_named"]

Upload = TypeVar("Upload", Attachment, ChatAttachment)


def refuse(message: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        message,
        [{"loc": ["body", "attachment_ids"], "msg": message, "type": "value_error"}],
    )


def not_yours(attachment_id: int, where: str = "") -> ApiError:
    return refuse(f"Attachment {attachment_id} is not one of your uploads{where}.")


def already_sent(attachment_id: int) -> ApiError:
    return refuse(f"Attachment {attachment_id} was already sent with another message.")


def uploads_named(
    session: Session, model: type[Upload], attachment_ids: Sequence[int]
) -> tuple[list[int], dict[int, Upload]]:
    """The ids in the order given, without repeats, and the rows found for them (locked for
    this transaction where the database locks rows). Ids out of range are refused."""
    ids = list(dict.fromkeys(attachment_ids))
    if not ids:
        return [], {}
    if any(not 0 < i <= MAX_ID for i in ids):
        raise refuse("Unknown attachment id.")
    rows = session.scalars(select(model).where(model.id.in_(ids)).with_for_update())
    return ids, {row.id: row for row in rows}
