"""Small server documents cached whole: macros, SLA policies and escalations per ticket."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas import EscalationOut, MacroOut, SlaPolicyOut
from console.store import tables
from console.store.timestamps import to_micros

_mac = tables.macros
_esc = tables.escalations
_sla = tables.sla_policies


def set_macros(conn: Connection, items: Sequence[MacroOut]) -> None:
    """Replace the whole list: a macro deleted on the server disappears here too."""
    conn.execute(delete(_mac))
    if items:
        conn.execute(_mac.insert(), [{"id": m.id, "data": m.model_dump_json()} for m in items])


def macros(conn: Connection) -> list[MacroOut]:
    rows = conn.execute(select(_mac.c.data).order_by(_mac.c.id)).scalars()
    return [MacroOut.model_validate_json(data) for data in rows]


def set_sla_policies(conn: Connection, items: Sequence[SlaPolicyOut]) -> None:
    conn.execute(delete(_sla))
    if items:
        conn.execute(
            _sla.insert(),
            [{"priority": str(p.priority), "data": p.model_dump_json()} for p in items],
        )


def sla_policies(conn: Connection) -> list[SlaPolicyOut]:
    rows = conn.execute(select(_sla.c.data)).scalars()
    return [SlaPolicyOut.model_validate_json(data) for data in rows]


def upsert_escalations(conn: Connection, items: Sequence[EscalationOut]) -> set[int]:
    """Keep the newest copy of each escalation; returns the ticket ids whose list changed."""
    touched: set[int] = set()
    for item in items:
        stmt = sqlite_insert(_esc).values(
            id=item.id,
            ticket_id=item.ticket_id,
            updated_at=to_micros(item.updated_at),
            data=item.model_dump_json(),
        )
        result = conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[_esc.c.id],
                set_={
                    "ticket_id": stmt.excluded.ticket_id,
                    "updated_at": stmt.excluded.updated_at,
                    "data": stmt.excluded.data,
                },
                where=stmt.excluded.updated_at >= _esc.c.updated_at,
            )
        )
        if result.rowcount:
            touched.add(item.ticket_id)
    return touched


def escalations(conn: Connection, ticket_id: int) -> list[EscalationOut]:
    rows = conn.execute(
        select(_esc.c.data).where(_esc.c.ticket_id == ticket_id).order_by(_esc.c.id)
    ).scalars()
    return [EscalationOut.model_validate_json(data) for data in rows]


def escalation(conn: Connection, escalation_id: int) -> EscalationOut | None:
    data = conn.execute(select(_esc.c.data).where(_esc.c.id == escalation_id)).scalar()
    return EscalationOut.model_validate_json(data) if data is not None else None
