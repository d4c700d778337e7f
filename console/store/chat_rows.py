"""Live chat rows in the local store: conversations and messages, inside the caller's transaction
(ChatStore, the event batches and the outbox all write through here; read marks are in
chat_read_marks.py).

Conversations: the newest copy wins (higher version; same version: later updated_at; same both:
a different body), so a late or repeated copy changes nothing. Messages: the server's copy is
keyed by its id; mine are stored first without one and the server's copy takes over that row by
(conversation, client_id), so a message is never shown twice, whichever of the outbox answer and
the event stream brings it first, and however often.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, func, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas_chat import ChatAttachmentOut, ChatMessageOut, ConversationOut
from console.core.secrets import redact_secrets
from console.store import tables
from console.store.records import ChatLocalMessage, MessageState, OutboxKind, OutboxState
from console.store.timestamps import from_micros, now_micros, to_micros

__all__ = [
    "add_local",
    "clear",
    "conversations",
    "delete_local",
    "known_seq",
    "messages_for",
    "mine",
    "queued",
    "upsert_conversations",
    "upsert_messages",
]

_c = tables.chat_conversations
_m = tables.chat_messages
_o = tables.outbox

_LIVE_OUTBOX = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED)


# --- conversations ------------------------------------------------------------------------------


def upsert_conversations(conn: Connection, items: Sequence[ConversationOut]) -> list[int]:
    """Keep the newest copy of each conversation; returns the ids whose row was written."""
    latest: dict[int, ConversationOut] = {}
    for conversation in items:
        known = latest.get(conversation.id)
        if known is None or _order(conversation) >= _order(known):
            latest[conversation.id] = conversation
    written: list[int] = []
    for conversation in latest.values():
        updated = to_micros(conversation.updated_at)
        stmt = sqlite_insert(_c).values(
            id=conversation.id,
            state=conversation.state,
            priority=conversation.priority,
            vip_tier=conversation.vip_tier,
            assigned_agent_id=conversation.assigned_agent_id,
            offered_agent_id=conversation.offered_agent_id,
            queued_at=to_micros(conversation.queued_at) if conversation.queued_at else None,
            last_seq=conversation.last_seq,
            agent_read_seq=conversation.agent_read_seq,
            version=conversation.version,
            updated_at=updated,
            activity_at=max(updated, _newest_message_at(conn, conversation.id)),
            data=conversation.model_dump_json(),
        )
        same_version = stmt.excluded.version == _c.c.version
        newer = (
            (stmt.excluded.version > _c.c.version)
            | (same_version & (stmt.excluded.updated_at > _c.c.updated_at))
            | (
                same_version
                & (stmt.excluded.updated_at == _c.c.updated_at)
                & (stmt.excluded.data != _c.c.data)
            )
        )
        copied = (
            "state",
            "priority",
            "vip_tier",
            "assigned_agent_id",
            "offered_agent_id",
            "queued_at",
            "last_seq",
            "agent_read_seq",
            "version",
            "updated_at",
            "data",
        )
        set_: dict[str, Any] = {name: stmt.excluded[name] for name in copied}
        set_["activity_at"] = func.max(_c.c.activity_at, stmt.excluded.activity_at)
        result = conn.execute(
            stmt.on_conflict_do_update(index_elements=[_c.c.id], set_=set_, where=newer)
        )
        if result.rowcount:
            written.append(conversation.id)
    return sorted(written)


def _order(conversation: ConversationOut) -> tuple[int, int]:
    return conversation.version, to_micros(conversation.updated_at)


def _newest_message_at(conn: Connection, conversation_id: int) -> int:
    newest = conn.execute(
        select(func.max(_m.c.created_at)).where(_m.c.conversation_id == conversation_id)
    ).scalar()
    return int(newest or 0)


def _touch(conn: Connection, conversation_id: int, at: int) -> None:
    conn.execute(_TOUCH, {"b_id": conversation_id, "b_at": at})


def conversations(conn: Connection, ids: Iterable[int]) -> dict[int, ConversationOut]:
    rows = conn.execute(select(_c.c.id, _c.c.data).where(_c.c.id.in_(list(ids))))
    return {row.id: ConversationOut.model_validate_json(row.data) for row in rows}


def mine(conn: Connection, agent_id: int) -> list[ConversationOut]:
    """Offered to the agent or active with them, newest activity first."""
    rows = conn.execute(
        select(_c.c.data)
        .where(
            or_(
                and_(_c.c.state == "offered", _c.c.offered_agent_id == agent_id),
                and_(_c.c.state == "active", _c.c.assigned_agent_id == agent_id),
            )
        )
        .order_by(_c.c.activity_at.desc(), _c.c.id.desc())
    ).scalars()
    return [ConversationOut.model_validate_json(data) for data in rows]


def queued(conn: Connection) -> list[ConversationOut]:
    """Waiting for an agent, in the server's queue order: priority (security, high, normal),
    then VIP tier (highest first), then the longest waiting."""
    rows = conn.execute(
        select(_c.c.data)
        .where(_c.c.state == "queued")
        .order_by(
            case((_c.c.priority == "security", 0), (_c.c.priority == "high", 1), else_=2),
            _c.c.vip_tier.desc(),
            _c.c.queued_at,
            _c.c.id,
        )
    ).scalars()
    return [ConversationOut.model_validate_json(data) for data in rows]


def known_seq(conn: Connection, conversation_id: int) -> int:
    """The highest seq up to which every server message of the conversation is stored (what
    to fetch after: a gap left by a missed event is filled, nothing stored is fetched again)."""
    seqs = conn.execute(
        select(_m.c.seq)
        .where(_m.c.conversation_id == conversation_id, _m.c.seq.is_not(None))
        .order_by(_m.c.seq)
    ).scalars()
    known = 0
    for seq in seqs:
        if seq > known + 1:
            break
        known = max(known, seq)
    return known


def clear(conn: Connection) -> None:
    """Forget the server's chat data; my messages not yet confirmed and read marks stay."""
    conn.execute(_c.delete())
    conn.execute(_m.delete().where(_m.c.server_id.is_not(None)))


# --- messages -----------------------------------------------------------------------------------


def _server_values(message: ChatMessageOut) -> dict[str, object]:
    return {
        "server_id": message.id,
        "conversation_id": message.conversation_id,
        "seq": message.seq,
        "sender": message.sender,
        "agent_id": message.agent_id,
        "author_name": message.author_name,
        # A second line behind the server's: a customer's seed phrase or key is never kept.
        "body": redact_secrets(message.body).text if message.sender == "customer" else message.body,
        "created_at": to_micros(message.created_at),
        "attachments": json.dumps(
            [a.model_dump(mode="json") for a in message.attachments], ensure_ascii=False
        )
        if message.attachments
        else "[]",
        "local_files": "[]",
    }


def upsert_messages(conn: Connection, items: Sequence[ChatMessageOut]) -> set[int]:
    """Store server messages; returns the ids of the conversations whose messages changed."""
    touched: set[int] = set()
    for message in items:
        values = _server_values(message)
        conversation_id = message.conversation_id
        touched.add(conversation_id)
        if message.client_id:
            mine = {"b_conversation_id": conversation_id, "b_client_id": message.client_id}
            replaced = conn.execute(_TAKE_OVER, {**values, **mine})
            if not replaced.rowcount:
                owner = conn.execute(_CLIENT_ID_OWNER, mine).first()
                # Keep the client_id only where it is still free in this conversation (it is
                # the same message again, or another sender reused the id: shown, not lost).
                if owner is None:
                    values["client_id"] = message.client_id
                    conn.execute(_INSERT_OR_UPDATE_WITH_CLIENT_ID, values)
                else:
                    conn.execute(_INSERT_OR_UPDATE, values)
        else:
            conn.execute(_INSERT_OR_UPDATE, values)
        _touch(conn, conversation_id, to_micros(message.created_at))
    return touched


# Built once: these run for every message that arrives, and building a statement costs more
# than running it (SQLAlchemy then also finds the compiled form by the statement's cache key).
_SERVER_COLUMNS = (
    "server_id",
    "conversation_id",
    "seq",
    "sender",
    "agent_id",
    "author_name",
    "body",
    "created_at",
    "attachments",
    "local_files",
)
_TAKE_OVER = (
    _m.update()
    .where(
        _m.c.conversation_id == bindparam("b_conversation_id"),
        _m.c.client_id == bindparam("b_client_id"),
        _m.c.server_id.is_(None),
    )
    .values({name: bindparam(name) for name in _SERVER_COLUMNS})
)
_CLIENT_ID_OWNER = select(_m.c.local_id).where(
    _m.c.conversation_id == bindparam("b_conversation_id"),
    _m.c.client_id == bindparam("b_client_id"),
)


def _insert_or_update_statement(columns: tuple[str, ...]) -> Any:
    stmt = sqlite_insert(_m).values({name: bindparam(name) for name in columns})
    return stmt.on_conflict_do_update(
        index_elements=[_m.c.server_id],
        set_={k: stmt.excluded[k] for k in _SERVER_COLUMNS if k != "server_id"},
    )


_INSERT_OR_UPDATE = _insert_or_update_statement(_SERVER_COLUMNS)
_INSERT_OR_UPDATE_WITH_CLIENT_ID = _insert_or_update_statement((*_SERVER_COLUMNS, "client_id"))
_TOUCH = (
    _c.update()
    .where(_c.c.id == bindparam("b_id"))
    .values(activity_at=func.max(_c.c.activity_at, bindparam("b_at")))
)


def add_local(
    conn: Connection,
    conversation_id: int,
    body: str,
    client_id: str,
    author_name: str,
    agent_id: int | None,
    local_files: Sequence[str] = (),
) -> None:
    """My message, shown at once; the server's copy takes this row over by client_id."""
    at = now_micros()
    conn.execute(
        _m.insert().values(
            server_id=None,
            conversation_id=conversation_id,
            seq=None,
            sender="agent",
            agent_id=agent_id,
            author_name=author_name,
            body=body,
            client_id=client_id,
            created_at=at,
            attachments="[]",
            local_files=json.dumps(list(local_files), ensure_ascii=False),
        )
    )
    _touch(conn, conversation_id, at)


def delete_local(conn: Connection, conversation_id: int, client_id: str) -> bool:
    """Drop my unconfirmed message (its outbox item was discarded)."""
    result = conn.execute(
        _m.delete().where(
            _m.c.conversation_id == conversation_id,
            _m.c.client_id == client_id,
            _m.c.server_id.is_(None),
        )
    )
    return bool(result.rowcount)


def messages_for(conn: Connection, conversation_id: int) -> list[ChatLocalMessage]:
    """The server's messages in seq order, then mine not yet confirmed in the order written."""
    stmt = (
        select(_m, _o.c.id.label("outbox_id"), _o.c.state, _o.c.error)
        .outerjoin(
            _o,
            and_(
                _m.c.server_id.is_(None),
                _o.c.client_id == _m.c.client_id,
                _o.c.kind == OutboxKind.CHAT_MESSAGE,
                _o.c.target_id == _m.c.conversation_id,
                _o.c.state.in_(_LIVE_OUTBOX),
            ),
        )
        .where(_m.c.conversation_id == conversation_id)
        .order_by(_m.c.seq.is_(None), _m.c.seq, _m.c.local_id)
    )
    result: list[ChatLocalMessage] = []
    for row in conn.execute(stmt).mappings():
        local = row["server_id"] is None
        state = MessageState(row["state"] or MessageState.QUEUED) if local else MessageState.SENT
        attachments = row["attachments"]
        result.append(
            ChatLocalMessage(
                id=row["server_id"],
                conversation_id=row["conversation_id"],
                seq=row["seq"],
                sender=row["sender"],
                agent_id=row["agent_id"],
                author_name=row["author_name"],
                body=row["body"],
                client_id=row["client_id"],
                created_at=from_micros(row["created_at"]),
                state=str(state),
                error=row["error"] if local else None,
                outbox_id=row["outbox_id"],
                attachments=[ChatAttachmentOut.model_validate(a) for a in json.loads(attachments)]
                if attachments != "[]"
                else [],
                local_files=json.loads(row["local_files"]),
            )
        )
    return result
