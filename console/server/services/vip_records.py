"""What the VIP desk keeps: tier targets, assignments, a manager's private notes, follow-ups and
the contact log. Each write runs in the caller's transaction and is audited (ids, never a note's
text); announcing the changed portfolio row is the caller's (routes/vip.py), once per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
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
    VipTierTargetOut,
    VipTierTargetUpdate,
)
from console.core.domain import Role
from console.core.vip import DEFAULT_TARGET_MINUTES, MAX_TIER, MIN_TIER, ContactKind
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models import Agent
from console.server.models_chat import ChatConversation
from console.server.models_vip import (
    VipClient,
    VipContact,
    VipFollowUp,
    VipManagerNote,
    VipTierTarget,
)
from console.server.services import audit
from console.server.services.vip_access import load_client, require_client, require_own

RECENT_DONE_FOLLOW_UPS = 20
RECENT_CONTACTS = 100


def invalid(field: str, message: str) -> ApiError:
    """422 in the shape FastAPI gives a malformed body, at the offending field."""
    detail = {"loc": ["body", field], "msg": message, "type": "value_error"}
    return ApiError(422, "invalid_request", message, [detail])


def _aware(value: datetime, field: str) -> datetime:
    # A time without a zone would be read as UTC by some clients and as local time by others.
    if value.tzinfo is None:
        raise invalid(field, "A time zone is required (e.g. 2026-03-01T09:00:00Z).")
    return value


# --- tier targets ------------------------------------------------------------------------------


def tier_targets(session: Session) -> dict[int, float]:
    """Minutes to a first answer for tiers 1..9: stored rows override the defaults."""
    targets = {tier: float(minutes) for tier, minutes in DEFAULT_TARGET_MINUTES.items()}
    for tier, minutes in session.execute(select(VipTierTarget.tier, VipTierTarget.target_minutes)):
        if MIN_TIER <= tier <= MAX_TIER:
            targets[tier] = float(minutes)
    return targets


def target_delta(targets: dict[int, float], tier: int) -> timedelta:
    clamped = min(max(tier, MIN_TIER), MAX_TIER)
    return timedelta(minutes=targets[clamped])


def list_tiers(session: Session) -> list[VipTierTargetOut]:
    targets = tier_targets(session)
    return [VipTierTargetOut(tier=t, target_minutes=m) for t, m in sorted(targets.items())]


def set_tier_target(
    session: Session, actor: AgentOut, tier: int, data: VipTierTargetUpdate
) -> VipTierTargetOut:
    if not MIN_TIER <= tier <= MAX_TIER:
        raise not_found("VIP tier")
    row = session.get(VipTierTarget, tier, with_for_update=True)
    before = row.target_minutes if row is not None else DEFAULT_TARGET_MINUTES[tier]
    if row is None:
        row = VipTierTarget(tier=tier, target_minutes=data.target_minutes)
        session.add(row)
    row.target_minutes = data.target_minutes
    detail = {"tier": tier, "before": before, "after": data.target_minutes}
    audit.record(session, actor, "vip.tier_target_changed", "vip_tier", tier, detail=detail)
    return VipTierTargetOut(tier=tier, target_minutes=data.target_minutes)


# --- assignments -------------------------------------------------------------------------------


def _require_manager(session: Session, agent_id: int, field: str) -> None:
    role = session.scalar(select(Agent.role).where(Agent.id == agent_id))
    if role != Role.VIP_MANAGER:
        raise invalid(field, "Not a VIP manager.")


def set_assignment(
    session: Session, actor: AgentOut, uid: str, data: VipAssignmentUpdate
) -> tuple[VipAssignmentOut, set[int]]:
    """Gives the client a manager and a backup; returns the assignment and the managers who
    had the client before (they hear of the change too)."""
    client, customer = load_client(session, uid, for_update=True)
    _require_manager(session, data.manager_id, "manager_id")
    if data.backup_manager_id is not None:
        if data.backup_manager_id == data.manager_id:
            raise invalid("backup_manager_id", "The backup must be another manager.")
        _require_manager(session, data.backup_manager_id, "backup_manager_id")
    before = {client.manager_id, client.backup_manager_id} - {None}
    client.manager_id = data.manager_id
    client.backup_manager_id = data.backup_manager_id
    client.updated_at = utcnow()
    # Chat routing reads the manager from the customer, and from a chat already under way.
    customer.account_manager_id = data.manager_id
    session.execute(
        update(ChatConversation)
        .where(ChatConversation.customer_uid == uid, ChatConversation.state != "ended")
        .values(account_manager_id=data.manager_id)
    )
    detail = {"manager_id": data.manager_id, "backup_manager_id": data.backup_manager_id}
    audit.record(
        session, actor, "vip.assignment_changed", "customer", uid, customer_uid=uid, detail=detail
    )
    out = VipAssignmentOut(
        client_uid=uid, manager_id=client.manager_id, backup_manager_id=client.backup_manager_id
    )
    return out, {m for m in before if m is not None}


# --- notes: their author's alone ---------------------------------------------------------------


def _names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Agent.id, Agent.display_name).where(Agent.id.in_(set(ids))))
    return {agent_id: name for agent_id, name in rows}


def note_out(row: VipManagerNote, author_name: str) -> ManagerNoteOut:
    return ManagerNoteOut(
        id=row.id,
        client_uid=row.client_uid,
        author_id=row.author_id,
        author_name=author_name,
        body=row.body,
        created_at=row.created_at,
    )


def own_notes(session: Session, agent: AgentOut, uid: str) -> list[ManagerNoteOut]:
    """The caller's notes on the client, newest first; nobody else's, ever."""
    rows = session.scalars(
        select(VipManagerNote)
        .where(VipManagerNote.client_uid == uid, VipManagerNote.author_id == agent.id)
        .order_by(VipManagerNote.created_at.desc(), VipManagerNote.id.desc())
    )
    return [note_out(row, agent.display_name) for row in rows]


def list_notes(session: Session, agent: AgentOut, uid: str) -> list[ManagerNoteOut]:
    require_client(session, agent, uid)
    return own_notes(session, agent, uid)


def get_note(session: Session, agent: AgentOut, note_id: int) -> ManagerNoteOut:
    row = session.get(VipManagerNote, note_id)
    if row is None:
        raise not_found("Note")
    require_own(agent, row.author_id, "note")
    return note_out(row, agent.display_name)


def add_note(
    session: Session, agent: AgentOut, uid: str, data: ManagerNoteCreate
) -> ManagerNoteOut:
    client, _ = require_client(session, agent, uid)
    now = utcnow()
    row = VipManagerNote(client_uid=uid, author_id=agent.id, body=data.body, created_at=now)
    session.add(row)
    client.updated_at = now
    session.flush()
    audit.record(
        session, agent, "vip.note_added", "customer", uid, customer_uid=uid, detail={"id": row.id}
    )
    return note_out(row, agent.display_name)


# --- follow-ups --------------------------------------------------------------------------------


def follow_up_out(row: VipFollowUp) -> FollowUpOut:
    return FollowUpOut.model_validate(row)


def client_follow_ups(session: Session, uid: str) -> list[FollowUpOut]:
    """Open ones by due time, then the most recently done."""
    base = select(VipFollowUp).where(VipFollowUp.client_uid == uid)
    open_rows = session.scalars(
        base.where(VipFollowUp.done_at.is_(None)).order_by(VipFollowUp.due_at, VipFollowUp.id)
    )
    done_rows = session.scalars(
        base.where(VipFollowUp.done_at.is_not(None))
        .order_by(VipFollowUp.done_at.desc(), VipFollowUp.id.desc())
        .limit(RECENT_DONE_FOLLOW_UPS)
    )
    return [follow_up_out(row) for row in (*open_rows, *done_rows)]


def _record_follow_up(
    session: Session, agent: AgentOut, row: VipFollowUp, action: str, **detail: Any
) -> None:
    audit.record(
        session,
        agent,
        action,
        "customer",
        row.client_uid,
        customer_uid=row.client_uid,
        detail={"id": row.id, **detail},
    )


def add_follow_up(session: Session, agent: AgentOut, uid: str, data: FollowUpCreate) -> FollowUpOut:
    client, _ = require_client(session, agent, uid)
    now = utcnow()
    row = VipFollowUp(
        client_uid=uid,
        manager_id=agent.id,
        title=data.title,
        due_at=_aware(data.due_at, "due_at"),
        created_at=now,
    )
    session.add(row)
    client.updated_at = now
    session.flush()
    _record_follow_up(session, agent, row, "vip.follow_up_added", due_at=row.due_at.isoformat())
    return follow_up_out(row)


def update_follow_up(
    session: Session, agent: AgentOut, follow_up_id: int, change: FollowUpUpdate
) -> FollowUpOut:
    """Done (or open again), or moved: a moved follow-up is due again, so it alerts again."""
    row = session.get(VipFollowUp, follow_up_id, with_for_update=True)
    if row is None:
        raise not_found("Follow-up")
    require_own(agent, row.manager_id, "follow-up")
    now = utcnow()
    if change.due_at is not None:
        row.due_at = _aware(change.due_at, "due_at")
        row.notified_at = None
    if change.done is True and row.done_at is None:
        row.done_at = now
    elif change.done is False:
        row.done_at = None
    client = session.get(VipClient, row.client_uid)
    if client is not None:
        client.updated_at = now
    session.flush()
    _record_follow_up(session, agent, row, "vip.follow_up_updated", done=row.done_at is not None)
    return follow_up_out(row)


# --- the contact log ---------------------------------------------------------------------------


def contact_out(row: VipContact, manager_name: str) -> ContactLogOut:
    return ContactLogOut(
        id=row.id,
        client_uid=row.client_uid,
        manager_id=row.manager_id,
        manager_name=manager_name,
        kind=ContactKind(row.kind),
        outcome=row.outcome,
        summary=row.summary,
        at=row.at,
    )


def client_contacts(session: Session, uid: str) -> list[ContactLogOut]:
    rows = list(
        session.scalars(
            select(VipContact)
            .where(VipContact.client_uid == uid)
            .order_by(VipContact.at.desc(), VipContact.id.desc())
            .limit(RECENT_CONTACTS)
        )
    )
    names = _names(session, [r.manager_id for r in rows])
    return [contact_out(r, names.get(r.manager_id, "")) for r in rows]


def add_contact(
    session: Session, agent: AgentOut, uid: str, data: ContactLogCreate
) -> ContactLogOut:
    client, _ = require_client(session, agent, uid)
    now = utcnow()
    row = VipContact(
        client_uid=uid,
        manager_id=agent.id,
        kind=str(data.kind),
        outcome=data.outcome,
        summary=data.summary,
        at=_aware(data.at, "at") if data.at is not None else now,
    )
    session.add(row)
    client.updated_at = now
    session.flush()
    detail = {"id": row.id, "kind": row.kind}
    audit.record(
        session, agent, "vip.contact_logged", "customer", uid, customer_uid=uid, detail=detail
    )
    return contact_out(row, agent.display_name)
