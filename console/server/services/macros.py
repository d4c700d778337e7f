"""Macros: canned answers with a body per language, an optional status and tags to add."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import MacroOut
from console.core.domain import TicketStatus
from console.server.models_collab import Macro

PLACEHOLDERS = ("{customer_name}", "{uid}", "{ticket_id}", "{agent_name}")


def macro_out(row: Macro) -> MacroOut:
    return MacroOut.model_validate(row)


def list_macros(session: Session) -> list[MacroOut]:
    rows = session.scalars(select(Macro).order_by(Macro.position, Macro.id))
    return [macro_out(r) for r in rows]


def add_macros(
    session: Session,
    macros: Iterable[tuple[str, dict[str, str], TicketStatus | None, list[str]]],
) -> list[MacroOut]:
    """Adds (name, bodies, set_status, add_tags) in order, after the existing ones."""
    start = len(list(session.scalars(select(Macro.id))))
    rows = [
        Macro(
            name=name,
            bodies=dict(bodies),
            set_status=str(status) if status is not None else None,
            add_tags=list(tags),
            position=start + i,
        )
        for i, (name, bodies, status, tags) in enumerate(macros)
    ]
    session.add_all(rows)
    session.flush()
    return [macro_out(r) for r in rows]
