"""SupportClient methods of the VIP desk. A mixin over SupportClient's plumbing (see client.py).

Notes, follow-ups, contacts and outreach carry an Idempotency-Key chosen by the caller, so a
retry after a lost answer writes once; outreach is idempotent on its own client_id as well.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import parse, parse_list
from console.api.schemas_vip import (
    ContactLogCreate,
    ContactLogOut,
    FollowUpCreate,
    FollowUpOut,
    FollowUpUpdate,
    ManagerNoteCreate,
    ManagerNoteOut,
    OutreachCreate,
    OutreachOut,
    VipAssignmentOut,
    VipAssignmentUpdate,
    VipClientOut,
    VipClientSummary,
    VipTierTargetOut,
    VipTierTargetUpdate,
)

_TIERS = TypeAdapter(list[VipTierTargetOut])
_PORTFOLIO = TypeAdapter(list[VipClientSummary])
_NOTES = TypeAdapter(list[ManagerNoteOut])
_OUTREACH = TypeAdapter(list[OutreachOut])


def _client_path(uid: str) -> str:
    return f"/vip/clients/{quote(uid, safe='')}"


class VipMethods(RequestMixin):
    async def vip_tiers(self) -> list[VipTierTargetOut]:
        return parse_list(await self._request("GET", "/vip/tiers"), _TIERS)

    async def set_vip_tier_target(self, tier: int, minutes: float) -> VipTierTargetOut:
        body = VipTierTargetUpdate(target_minutes=minutes)
        return parse(await self._request("PUT", f"/vip/tiers/{tier}", body=body), VipTierTargetOut)

    async def vip_portfolio(self, manager_id: int | None = None) -> list[VipClientSummary]:
        params: dict[str, Any] = {} if manager_id is None else {"manager_id": manager_id}
        return parse_list(await self._request("GET", "/vip/portfolio", params=params), _PORTFOLIO)

    async def vip_client(self, uid: str) -> VipClientOut:
        return parse(await self._request("GET", _client_path(uid)), VipClientOut)

    async def set_vip_assignment(
        self, uid: str, assignment: VipAssignmentUpdate
    ) -> VipAssignmentOut:
        response = await self._request("PUT", f"{_client_path(uid)}/assignment", body=assignment)
        return parse(response, VipAssignmentOut)

    async def vip_notes(self, uid: str) -> list[ManagerNoteOut]:
        return parse_list(await self._request("GET", f"{_client_path(uid)}/notes"), _NOTES)

    async def vip_note(self, note_id: int) -> ManagerNoteOut:
        return parse(await self._request("GET", f"/vip/notes/{note_id}"), ManagerNoteOut)

    async def add_vip_note(self, uid: str, body: str, idempotency_key: str) -> ManagerNoteOut:
        response = await self._request(
            "POST",
            f"{_client_path(uid)}/notes",
            body=ManagerNoteCreate(body=body),
            idempotency_key=idempotency_key,
        )
        return parse(response, ManagerNoteOut)

    async def add_follow_up(
        self, uid: str, follow_up: FollowUpCreate, idempotency_key: str
    ) -> FollowUpOut:
        response = await self._request(
            "POST",
            f"{_client_path(uid)}/follow-ups",
            body=follow_up,
            idempotency_key=idempotency_key,
        )
        return parse(response, FollowUpOut)

    async def update_follow_up(self, follow_up_id: int, change: FollowUpUpdate) -> FollowUpOut:
        response = await self._request("PATCH", f"/vip/follow-ups/{follow_up_id}", body=change)
        return parse(response, FollowUpOut)

    async def log_contact(
        self, uid: str, contact: ContactLogCreate, idempotency_key: str
    ) -> ContactLogOut:
        response = await self._request(
            "POST",
            f"{_client_path(uid)}/contacts",
            body=contact,
            idempotency_key=idempotency_key,
        )
        return parse(response, ContactLogOut)

    async def send_outreach(self, outreach: OutreachCreate) -> OutreachOut:
        # Idempotent on outreach.client_id: sending the same one again returns it unchanged.
        return parse(await self._request("POST", "/vip/outreach", body=outreach), OutreachOut)

    async def outreach_list(self) -> list[OutreachOut]:
        return parse_list(await self._request("GET", "/vip/outreach"), _OUTREACH)

    async def outreach(self, outreach_id: int) -> OutreachOut:
        return parse(await self._request("GET", f"/vip/outreach/{outreach_id}"), OutreachOut)
