"""The customer panel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from console.api.schemas import CustomerDetail, ErrorBody
from console.server.routes.deps import AgentDep, RuntimeDep
from console.server.services.audit_pii import note_customer_view
from console.server.services.customers import get_customer

router = APIRouter(tags=["customers"])
CustomerUid = Annotated[str, Path(min_length=1, max_length=40)]


@router.get(
    "/customers/{uid}", response_model=CustomerDetail, responses={404: {"model": ErrorBody}}
)
def customer(uid: CustomerUid, runtime: RuntimeDep, agent: AgentDep) -> CustomerDetail:
    with runtime.db.read() as session:
        detail = get_customer(session, uid)
    note_customer_view(runtime.db, agent, detail.uid)  # personal data: who opened it is audited
    return detail
