"""The VIP desk's routes: tiers, portfolios, client pages, notes, follow-ups, contact log.

The role matrix keeps agents out; the services check the finer rules (a manager's own clients,
a note's author). Every write to a client announces its fresh portfolio row (vip.client.updated)
to the client's managers in the same transaction; a note's text never travels in an event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from console.api.schemas import ErrorBody
from console.api.schemas_vip import (
    ContactLogCreate,
    ContactLogOut,
    FollowUpCreate,
    FollowUpOut,
    FollowUpUpdate,
    ManagerNoteCreate,
    ManagerNoteOut,
    VipAssignmentOut,
    VipAssignmentUpdate,
    VipClientOut,
    VipClientSummary,
    VipTierTargetOut,
    VipTierTargetUpdate,
)
from console.core.vip import MAX_TIER, MIN_TIER
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import vip_portfolio, vip_records
from console.server.services.audit_pii import note_customer_view
from console.server.services.ticket_query import MAX_ID
from console.server.services.vip_access import portfolio_scope

router = APIRouter(tags=["vip"])
ClientUid = Annotated[str, Path(min_length=1, max_length=40)]
Tier = Annotated[int, Path(ge=MIN_TIER, le=MAX_TIER)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody}}
_ONE: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
}


ClientRecord = ManagerNoteOut | FollowUpOut | ContactLogOut


def _announcing(
    write: Callable[[Session], ClientRecord], status: int = 201
) -> Callable[[Session], tuple[int, BaseModel]]:
    """`write`, then the client's fresh portfolio row to their managers, in one transaction."""

    def action(session: Session) -> tuple[int, BaseModel]:
        out = write(session)
        vip_portfolio.announce(session, out.client_uid)
        return status, out

    return action


# --- tiers ------------------------------------------------------------------------------------


@router.get("/vip/tiers", response_model=list[VipTierTargetOut])
def tiers(runtime: RuntimeDep, _agent: AgentDep) -> list[VipTierTargetOut]:
    """Minutes to a first answer, tiers 1..9 (the defaults unless a supervisor changed them)."""
    with runtime.db.read() as session:
        return vip_records.list_tiers(session)


@router.put("/vip/tiers/{tier}", response_model=VipTierTargetOut, responses=_ONE)
def set_tier(
    tier: Tier,
    body: VipTierTargetUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, vip_records.set_tier_target(session, agent, tier, body)),
    )


# --- portfolios and client pages ---------------------------------------------------------------


@router.get("/vip/portfolio", response_model=list[VipClientSummary], responses=_ONE)
def portfolio(
    runtime: RuntimeDep,
    agent: AgentDep,
    manager_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> list[VipClientSummary]:
    """A manager's clients (managed and backed up), or for a supervisor every client or one
    manager's; the client who needs attention first is first."""
    scope = portfolio_scope(agent, manager_id)
    with runtime.db.read() as session:
        return vip_portfolio.summaries(session, scope)


@router.get("/vip/clients/{uid}", response_model=VipClientOut, responses=_ONE)
def client(uid: ClientUid, runtime: RuntimeDep, agent: AgentDep) -> VipClientOut:
    with runtime.db.read() as session:
        page = vip_portfolio.client_page(session, agent, uid)
    note_customer_view(runtime.db, agent, uid)  # personal data: who opened it is audited
    return page


@router.put("/vip/clients/{uid}/assignment", response_model=VipAssignmentOut, responses=_ONE)
def set_assignment(
    uid: ClientUid,
    body: VipAssignmentUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    """Manager and backup of a client; the managers who lose the client hear of it too."""

    def action(session: Session) -> tuple[int, BaseModel]:
        out, before = vip_records.set_assignment(session, agent, uid, body)
        vip_portfolio.announce(session, uid, also=before)
        return 200, out

    return run_mutation(runtime, agent, idem, action)


# --- notes: the caller's own -------------------------------------------------------------------


@router.get("/vip/clients/{uid}/notes", response_model=list[ManagerNoteOut], responses=_ONE)
def notes(uid: ClientUid, runtime: RuntimeDep, agent: AgentDep) -> list[ManagerNoteOut]:
    with runtime.db.read() as session:
        return vip_records.list_notes(session, agent, uid)


@router.post(
    "/vip/clients/{uid}/notes", status_code=201, response_model=ManagerNoteOut, responses=_ONE
)
def add_note(
    uid: ClientUid,
    body: ManagerNoteCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    write = _announcing(lambda s: vip_records.add_note(s, agent, uid, body))
    return run_mutation(runtime, agent, idem, write)


@router.get("/vip/notes/{note_id}", response_model=ManagerNoteOut, responses=_ONE)
def note(note_id: RowId, runtime: RuntimeDep, agent: AgentDep) -> ManagerNoteOut:
    """The note, to its author only: another manager gets 403."""
    with runtime.db.read() as session:
        return vip_records.get_note(session, agent, note_id)


# --- follow-ups and the contact log ------------------------------------------------------------


@router.post(
    "/vip/clients/{uid}/follow-ups", status_code=201, response_model=FollowUpOut, responses=_ONE
)
def add_follow_up(
    uid: ClientUid,
    body: FollowUpCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    write = _announcing(lambda s: vip_records.add_follow_up(s, agent, uid, body))
    return run_mutation(runtime, agent, idem, write)


@router.patch("/vip/follow-ups/{follow_up_id}", response_model=FollowUpOut, responses=_ONE)
def update_follow_up(
    follow_up_id: RowId,
    body: FollowUpUpdate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    """Done, or moved to another time (it alerts again when that comes); its manager only."""
    write = _announcing(
        lambda s: vip_records.update_follow_up(s, agent, follow_up_id, body), status=200
    )
    return run_mutation(runtime, agent, idem, write)


@router.post(
    "/vip/clients/{uid}/contacts", status_code=201, response_model=ContactLogOut, responses=_ONE
)
def log_contact(
    uid: ClientUid,
    body: ContactLogCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    write = _announcing(lambda s: vip_records.add_contact(s, agent, uid, body))
    return run_mutation(runtime, agent, idem, write)
