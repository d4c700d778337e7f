"""The busiest write of a chat floor, a customer's text in a chat an agent holds, in plain SQL.

Every other change goes through the ORM. This one arrives dozens of times a second on a busy
floor, and the ORM's bookkeeping cost about 3.5 ms of the server's time for it (loading the
conversation, the client-id check, two flushes), against about 0.3 ms for the same statements
on the driver's connection. The message reaches the agent only after that commit, so it is
delivery time. The path takes only the plain case and gives back None for anything else: no
chat, a chat the bot or the queue holds, an ended chat, a repeated client id, files, an empty
text, a secret to redact, or a client of the VIP desk (whose managers may need an alert,
vip_ladder.client_wrote_chat). The caller then takes the ORM path (`customer_message`), in the
same transaction, with nothing written yet. SQLite only: on other databases it always declines.

What it writes is what the ORM path writes for the plain case, row for row and event for event
(tests/server/test_chat_fast_path.py compares the two).
"""

from __future__ import annotations

import functools
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from console.api.schemas_chat import ChatMessageOut, CustomerMessageCreate
from console.core.domain import EventType
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.db import EVENTS_WRITTEN
from console.server.db_types import UTCDateTime
from console.server.errors import ApiError, not_found
from console.server.security import token_hash
from console.server.services.ticket_query import MAX_ID

__all__ = ["customer_message"]

_CONVERSATION = (
    "SELECT token_hash, state, assigned_agent_id, offered_agent_id, last_seq, updated_at,"
    " customer_name, vip_tier > 0 AND EXISTS"
    " (SELECT 1 FROM vip_clients WHERE vip_clients.uid = chat_conversations.customer_uid)"
    " FROM chat_conversations WHERE id = ?"
)
_KNOWN = (
    "SELECT 1 FROM chat_messages"
    " WHERE conversation_id = ? AND sender = 'customer' AND client_id = ?"
)
_INSERT_MESSAGE = (
    "INSERT INTO chat_messages"
    " (conversation_id, seq, sender, agent_id, author_name, body, client_id, created_at)"
    " VALUES (?, ?, 'customer', NULL, ?, ?, ?, ?)"
)
_UPDATE_CONVERSATION = (
    "UPDATE chat_conversations SET last_seq = ?, version = version + 1, updated_at = ? WHERE id = ?"
)
_INSERT_EVENT = (
    "INSERT INTO events (type, ticket_id, payload, created_at, audience_agent_id)"
    " VALUES (?, NULL, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class _EventRow:
    """An events row as Database.write announces it (the attributes EventOut reads)."""

    id: int
    type: str
    ticket_id: int | None
    payload: dict[str, Any]
    created_at: datetime
    audience_agent_id: int | None


class _Times:
    """Datetimes to and from the text SQLite holds, through the column type the ORM uses."""

    def __init__(self, dialect: Dialect) -> None:
        kind = UTCDateTime().dialect_impl(dialect)
        to_db = kind.bind_processor(dialect)
        from_db = kind.result_processor(dialect, None)
        # SQLite keeps datetimes as text: there is always a conversion each way.
        assert to_db is not None and from_db is not None
        self.to_db = to_db
        self._from_db = from_db

    def from_db(self, value: Any) -> datetime:
        result = self._from_db(value)
        assert isinstance(result, datetime)
        return result


@functools.cache
def _times(dialect: Dialect) -> _Times:
    return _Times(dialect)


def customer_message(
    session: Session, conversation_id: int, token: str, data: CustomerMessageCreate
) -> ChatMessageOut | None:
    """The stored message, or None when the plain case does not apply (nothing written).
    Raises 401 for a token not issued for the conversation, 404 for no such conversation."""
    if session.get_bind().dialect.name != "sqlite" or data.attachment_ids:
        return None
    if not 0 < conversation_id <= MAX_ID:
        raise not_found("Conversation")
    if not data.body.strip() or redact_secrets(data.body).findings:
        return None
    # The session's connection: its transaction (BEGIN IMMEDIATE) and the commit at the end.
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return _write(session, cursor, conversation_id, token, data)
    finally:
        cursor.close()


def _write(
    session: Session, cursor: Any, conversation_id: int, token: str, data: CustomerMessageCreate
) -> ChatMessageOut | None:
    row = cursor.execute(_CONVERSATION, (conversation_id,)).fetchone()
    if row is None:
        raise not_found("Conversation")
    hashed, state, assigned, offered, last_seq, updated_at, customer_name, vip_desk = row
    if not hmac.compare_digest(hashed, token_hash(token)):
        raise ApiError(401, "unauthorized", "This chat token is not valid for the conversation.")
    audience = assigned if state == "active" else offered if state == "offered" else None
    if audience is None:
        return None  # the bot's or the queue's: news for every agent, the ORM path's work
    if vip_desk:
        return None  # the ORM path tells the client's managers (throttled there)
    if cursor.execute(_KNOWN, (conversation_id, data.client_id)).fetchone() is not None:
        return None
    times = _times(session.get_bind().dialect)
    now = utcnow()
    seq = last_seq + 1
    author = customer_name[:100]
    cursor.execute(
        _INSERT_MESSAGE,
        (conversation_id, seq, author, data.body, data.client_id, times.to_db(now)),
    )
    out = ChatMessageOut(
        id=cursor.lastrowid,
        conversation_id=conversation_id,
        seq=seq,
        sender="customer",
        author_name=author,
        body=data.body,
        client_id=data.client_id,
        created_at=now,
    )
    touched = max(now, times.from_db(updated_at))
    cursor.execute(_UPDATE_CONVERSATION, (seq, times.to_db(touched), conversation_id))
    payload = out.model_dump(mode="json")
    event_at = utcnow()
    cursor.execute(
        _INSERT_EVENT,
        (str(EventType.CHAT_MESSAGE_CREATED), json.dumps(payload), times.to_db(event_at), audience),
    )
    event = _EventRow(
        cursor.lastrowid, str(EventType.CHAT_MESSAGE_CREATED), None, payload, event_at, audience
    )
    session.info.setdefault(EVENTS_WRITTEN, []).append(event)
    return out
