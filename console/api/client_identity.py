"""SupportClient methods of identity verification and account actions (freeze, 2FA reset, ...).
A mixin over SupportClient's plumbing (see client.py). Sensitive actions are online only: the
caller sees ServerUnreachable and nothing is queued."""

from __future__ import annotations

from urllib.parse import quote

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import parse, parse_list
from console.api.schemas_identity import (
    AccountActionCreate,
    AccountActionOut,
    VerificationCreate,
    VerificationOut,
)

_ACTIONS = TypeAdapter(list[AccountActionOut])


def _uid(uid: str) -> str:
    return quote(uid, safe="")


class IdentityMethods(RequestMixin):
    async def ticket_verification(self, ticket_id: int) -> VerificationOut:
        response = await self._request("GET", f"/tickets/{ticket_id}/verification")
        return parse(response, VerificationOut)

    async def record_ticket_verification(
        self, ticket_id: int, body: VerificationCreate, *, idempotency_key: str
    ) -> VerificationOut:
        response = await self._request(
            "POST",
            f"/tickets/{ticket_id}/verification",
            body=body,
            idempotency_key=idempotency_key,
        )
        return parse(response, VerificationOut)

    async def chat_verification(self, conversation_id: int) -> VerificationOut:
        response = await self._request("GET", f"/chats/{conversation_id}/verification")
        return parse(response, VerificationOut)

    async def record_chat_verification(
        self, conversation_id: int, body: VerificationCreate, *, idempotency_key: str
    ) -> VerificationOut:
        response = await self._request(
            "POST",
            f"/chats/{conversation_id}/verification",
            body=body,
            idempotency_key=idempotency_key,
        )
        return parse(response, VerificationOut)

    async def customer_actions(self, uid: str) -> list[AccountActionOut]:
        response = await self._request("GET", f"/customers/{_uid(uid)}/actions")
        return parse_list(response, _ACTIONS)

    async def account_action(
        self, uid: str, body: AccountActionCreate, *, idempotency_key: str
    ) -> AccountActionOut:
        """Raises ApiError 409 `verification_required` (details: the missing checks) when the
        ticket's or chat's verification does not cover the action."""
        response = await self._request(
            "POST", f"/customers/{_uid(uid)}/actions", body=body, idempotency_key=idempotency_key
        )
        return parse(response, AccountActionOut)
