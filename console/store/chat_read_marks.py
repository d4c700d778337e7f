"""The agent's read marks in live chats, and the unread counts they give, inside the caller's
transaction. A mark only moves forward; the server's agent_read_seq counts as well."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.store import tables

__all__ = ["raise_read_mark", "unread"]

_c = tables.chat_conversations
_m = tables.chat_messages
_r = tables.chat_read_marks


def raise_read_mark(conn: Connection, conversation_id: int, agent_id: int, up_to_seq: int) -> bool:
    """Remember that the agent has read up to `up_to_seq` (a mark only ever moves forward)."""
    stmt = sqlite_insert(_r).values(
        conversation_id=conversation_id, agent_id=agent_id, up_to_seq=up_to_seq
    )
    result = conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[_r.c.conversation_id, _r.c.agent_id],
            set_={"up_to_seq": stmt.excluded.up_to_seq},
            where=stmt.excluded.up_to_seq > _r.c.up_to_seq,
        )
    )
    return bool(result.rowcount)


def unread(conn: Connection, conversation_ids: Sequence[int], agent_id: int) -> dict[int, int]:
    """Customer messages after the agent's read position, per conversation: the later of the
    server's agent_read_seq and this console's own mark (not yet confirmed, or not sent)."""
    if not conversation_ids:
        return {}
    mark = (
        select(_r.c.up_to_seq)
        .where(_r.c.conversation_id == _m.c.conversation_id, _r.c.agent_id == agent_id)
        .scalar_subquery()
    )
    server = select(_c.c.agent_read_seq).where(_c.c.id == _m.c.conversation_id).scalar_subquery()
    read_up_to = func.max(func.coalesce(mark, 0), func.coalesce(server, 0))
    rows = conn.execute(
        select(_m.c.conversation_id, func.count())
        .where(
            _m.c.conversation_id.in_(list(conversation_ids)),
            _m.c.sender == "customer",
            _m.c.seq > read_up_to,
        )
        .group_by(_m.c.conversation_id)
    )
    counts = {int(cid): 0 for cid in conversation_ids}
    counts.update({int(row[0]): int(row[1]) for row in rows})
    return counts
