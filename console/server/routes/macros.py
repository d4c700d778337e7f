"""Macros (canned answers)."""

from __future__ import annotations

from fastapi import APIRouter

from console.api.schemas import MacroOut
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.services.macros import list_macros

router = APIRouter(tags=["macros"])


@router.get("/macros", response_model=list[MacroOut])
def macros(runtime: RuntimeDep, _agent: AgentDep) -> list[MacroOut]:
    with runtime.db.read() as session:
        return list_macros(session)
