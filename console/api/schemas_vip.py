"""Support API v1 wire schemas of the VIP desk: portfolios, client pages, notes, follow-ups,
contact log, tier targets, assignments and outreach.

Need-to-know, enforced by the server: a vip_manager reads the clients they manage or back up;
a manager's private notes are theirs alone (another manager gets 403); agents see a client's tier
(in CustomerOut) but never a portfolio or a note. Supervisors read every portfolio, not notes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from console.core.vip import (
    AssetBand,
    ContactKind,
    OutreachStatus,
    RiskSignal,
    RoutingStage,
    VipAlertKind,
)

__all__ = [
    "ContactLogCreate",
    "ContactLogOut",
    "FollowUpCreate",
    "FollowUpOut",
    "FollowUpUpdate",
    "ManagerNoteCreate",
    "ManagerNoteOut",
    "OutreachCreate",
    "OutreachOut",
    "OutreachRecipientOut",
    "VipAlertOut",
    "VipAssignmentOut",
    "VipAssignmentUpdate",
    "VipClientOut",
    "VipClientSummary",
    "VipItemOut",
    "VipTierTargetOut",
    "VipTierTargetUpdate",
    "VipTimelineEntry",
]

_MAX_TEXT = 10_000
_MAX_CLIENTS = 1_000


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


# --- tiers and assignments ---------------------------------------------------------------------


class VipTierTargetOut(_Response):
    """GET /vip/tiers: minutes to a first answer, tiers 1..9."""

    tier: int
    target_minutes: float


class VipTierTargetUpdate(_Request):
    """PUT /vip/tiers/{tier} (supervisor). Fractions of a minute allowed (short test targets)."""

    target_minutes: float = Field(gt=0, le=24 * 60)


class VipAssignmentOut(_Response):
    client_uid: str
    manager_id: int
    backup_manager_id: int | None = None


class VipAssignmentUpdate(_Request):
    """PUT /vip/clients/{uid}/assignment (supervisor)."""

    manager_id: int
    backup_manager_id: int | None = None


# --- the portfolio -----------------------------------------------------------------------------


class VipItemOut(_Response):
    """A waiting item of a client: an open ticket or chat whose last word is the client's."""

    kind: str  # "ticket" | "chat"
    id: int
    subject: str
    status: str
    waiting_since: datetime | None = None  # the client's unanswered message; None: answered
    due_at: datetime | None = None  # waiting_since + the tier's target
    stage: RoutingStage | None = None  # for a chat still being routed
    assignee_id: int | None = None
    updated_at: datetime


class VipClientSummary(_Response):
    """One row of GET /vip/portfolio: ordered by the server, the one needing attention first."""

    uid: str
    display_name: str
    tier: int
    language: str
    manager_id: int
    manager_name: str
    backup_manager_id: int | None = None
    target_minutes: float
    volume_30d_usd: Decimal
    asset_band: AssetBand
    contact_hours: str  # e.g. "09:00-18:00 Asia/Shanghai"
    products: list[str]
    open_items: int
    waiting_items: int
    due_at: datetime | None = None  # the earliest target among waiting items
    last_contact_at: datetime | None = None
    next_follow_up_at: datetime | None = None
    risks: list[RiskSignal] = []
    updated_at: datetime


class VipTimelineEntry(_Response):
    at: datetime
    kind: str  # contact | ticket | chat | deposit | withdrawal | security | follow_up
    title: str
    detail: str = ""
    ref_id: int | None = None  # the ticket, chat, transfer, ... it is about


class ManagerNoteCreate(_Request):
    body: str = Field(min_length=1, max_length=_MAX_TEXT)


class ManagerNoteOut(_Response):
    id: int
    client_uid: str
    author_id: int
    author_name: str
    body: str
    created_at: datetime


class FollowUpCreate(_Request):
    due_at: datetime
    title: str = Field(min_length=1, max_length=300)


class FollowUpUpdate(_Request):
    """PATCH /vip/follow-ups/{id}: done, or moved."""

    done: bool | None = None
    due_at: datetime | None = None


class FollowUpOut(_Response):
    id: int
    client_uid: str
    manager_id: int
    title: str
    due_at: datetime
    done_at: datetime | None = None
    notified_at: datetime | None = None  # when the due alert went out
    created_at: datetime


class ContactLogCreate(_Request):
    kind: ContactKind
    outcome: str = Field(min_length=1, max_length=300)
    summary: str = Field(default="", max_length=_MAX_TEXT)
    at: datetime | None = None  # None: now


class ContactLogOut(_Response):
    id: int
    client_uid: str
    manager_id: int
    manager_name: str
    kind: ContactKind
    outcome: str
    summary: str
    at: datetime


class VipClientOut(VipClientSummary):
    """GET /vip/clients/{uid}: the client page. `notes` holds the caller's own notes only."""

    email: str
    phone: str | None = None
    kyc_level: int
    account_status: str
    region: str
    items: list[VipItemOut]  # every open ticket and chat
    timeline: list[VipTimelineEntry]  # newest first, last 90 days
    notes: list[ManagerNoteOut]
    follow_ups: list[FollowUpOut]  # open ones first, then the last done
    contacts: list[ContactLogOut]  # newest first


# --- alerts ------------------------------------------------------------------------------------


class VipAlertOut(_Response):
    """Payload of a `vip.alert` event, sent to the manager (and backup) alone."""

    kind: VipAlertKind
    client_uid: str
    client_name: str
    tier: int
    title: str  # one line, English; the console words it in the agent's language by kind
    ticket_id: int | None = None
    conversation_id: int | None = None
    follow_up_id: int | None = None
    due_at: datetime | None = None
    created_at: datetime


# --- outreach ----------------------------------------------------------------------------------


class OutreachCreate(_Request):
    """POST /vip/outreach: one message to chosen clients, each in their language.

    `bodies` maps a language ("zh", "en", ...) to the text; a client whose language has no text
    gets `fallback_language`'s, or is FAILED when that is missing too. Idempotent on client_id."""

    client_id: str = Field(min_length=1, max_length=100)
    subject: str = Field(min_length=1, max_length=300)
    bodies: dict[str, str] = Field(min_length=1, max_length=10)
    fallback_language: str = "en"
    client_uids: list[str] = Field(min_length=1, max_length=_MAX_CLIENTS)


class OutreachRecipientOut(_Response):
    client_uid: str
    client_name: str
    language: str  # the language of the text sent
    status: OutreachStatus
    ticket_id: int | None = None  # the client's in-app ticket that carries it
    delivered_at: datetime | None = None
    replied_at: datetime | None = None
    reply_message_id: int | None = None


class OutreachOut(_Response):
    id: int
    subject: str
    created_by: int
    created_by_name: str
    created_at: datetime
    recipients: list[OutreachRecipientOut]
