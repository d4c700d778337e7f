"""Custom inbox views an agent saved: a name and a TicketQuery kept as JSON, per agent."""

from __future__ import annotations

import json

from sqlalchemy import Connection, delete, select

from console.store import tables
from console.store.records import SavedView, TicketQuery
from console.store.timestamps import now_micros

_v = tables.saved_views


def list_for(conn: Connection, agent_id: int) -> list[SavedView]:
    rows = conn.execute(
        select(_v.c.id, _v.c.name, _v.c.query).where(_v.c.agent_id == agent_id).order_by(_v.c.id)
    )
    return [SavedView(r[0], r[1], TicketQuery.from_dict(json.loads(r[2]))) for r in rows]


def save(conn: Connection, agent_id: int, name: str, query: TicketQuery) -> SavedView:
    # `now` pins the SLA views to one moment: a saved view always follows the clock.
    stored = TicketQuery.from_dict({**query.to_dict(), "now": None})
    result = conn.execute(
        _v.insert().values(
            agent_id=agent_id,
            name=name,
            query=json.dumps(stored.to_dict(), ensure_ascii=False),
            created_at=now_micros(),
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return SavedView(int(pk[0]), name, stored)


def remove(conn: Connection, agent_id: int, view_id: int) -> bool:
    result = conn.execute(delete(_v).where(_v.c.id == view_id, _v.c.agent_id == agent_id))
    return result.rowcount > 0
