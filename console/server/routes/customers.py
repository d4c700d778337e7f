"""The customer panel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from console.api.schemas import CustomerDetail, ErrorBody
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.services.customers import get_customer

router = APIRouter(tags=["customers"])


@router.get(
    "/customers/{uid}", response_model=CustomerDetail, responses={404: {"model": ErrorBody}}
)
def customer(
    uid: Annotated[str, Path(min_length=1, max_length=40)], runtime: RuntimeDep, _agent: AgentDep
) -> CustomerDetail:
    with runtime.db.read() as session:
        return get_customer(session, uid)
