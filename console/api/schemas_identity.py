"""Support API v1 wire schemas of identity verification and account actions.

A verification is a list of append-only records on one ticket or chat: which checks an agent saw
pass, when, and how (a short note). An account action (freeze, unfreeze, 2FA reset, email
change, withdrawal investigation, address whitelist) names the ticket or chat whose verification
it relies on; the server refuses it with 409 `verification_required` while checks are missing,
the details saying which (`Shortfall.as_dict()` of console.core.identity).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from console.core.domain import AccountStatus
from console.core.identity import ActionKind, Check
from console.core.text_safety import text_problem

__all__ = [
    "MAX_ACTION_REASON_CHARS",
    "MAX_VERIFICATION_NOTE_CHARS",
    "AccountActionCreate",
    "AccountActionOut",
    "VerificationCreate",
    "VerificationOut",
    "VerificationRecordOut",
]

MAX_VERIFICATION_NOTE_CHARS = 500
MAX_ACTION_REASON_CHARS = 1000
MAX_PARAM_CHARS = 200
# Parameters each kind accepts; every value a short single-line string.
ACTION_PARAMS: dict[ActionKind, frozenset[str]] = {
    ActionKind.FREEZE: frozenset(),
    ActionKind.UNFREEZE: frozenset(),
    ActionKind.RESET_2FA: frozenset(),
    ActionKind.CHANGE_EMAIL: frozenset({"new_email"}),
    ActionKind.INVESTIGATE_WITHDRAWAL: frozenset({"transfer_id", "tx_hash"}),
    ActionKind.WHITELIST_ADDRESS: frozenset({"address", "network"}),
}
REQUIRED_PARAMS: dict[ActionKind, frozenset[str]] = {
    ActionKind.CHANGE_EMAIL: frozenset({"new_email"}),
    ActionKind.WHITELIST_ADDRESS: frozenset({"address", "network"}),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TOKEN = re.compile(r"[A-Za-z0-9:_\-.]+")


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


def _safe(value: str, *, multiline: bool) -> str:
    # Tabs stay allowed on one line too; line breaks only where the field has lines.
    if text_problem(value, multiline=True) or (not multiline and ("\n" in value or "\r" in value)):
        raise ValueError("must not hold control or bidi characters")
    return value


class VerificationCreate(_Request):
    checks: list[Check] = Field(min_length=1, max_length=len(Check))
    # How it was checked ("matched the 0.5 BTC withdrawal of 3 March"): never a secret.
    note: str = Field(default="", max_length=MAX_VERIFICATION_NOTE_CHARS)

    @field_validator("checks")
    @classmethod
    def _distinct(cls, value: list[Check]) -> list[Check]:
        if len(set(value)) != len(value):
            raise ValueError("each check at most once")
        return value

    @field_validator("note")
    @classmethod
    def _plain(cls, value: str) -> str:
        return _safe(value, multiline=True)


class VerificationRecordOut(_Response):
    id: int
    ticket_id: int | None = None
    conversation_id: int | None = None
    customer_uid: str
    checks: list[str]  # Check values; a newer server may know more
    note: str = ""
    agent_id: int
    agent_name: str
    created_at: datetime


class VerificationOut(_Response):
    """Every record of one ticket or chat, newest first, and the server's clock to judge them."""

    ticket_id: int | None = None
    conversation_id: int | None = None
    customer_uid: str
    records: list[VerificationRecordOut] = []
    server_time: datetime


class AccountActionCreate(_Request):
    kind: ActionKind
    ticket_id: int | None = Field(default=None, ge=1)
    conversation_id: int | None = Field(default=None, ge=1)
    reason: str = Field(min_length=1, max_length=MAX_ACTION_REASON_CHARS)
    params: dict[str, str] = Field(default_factory=dict, max_length=4)

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a reason is required")
        return _safe(value, multiline=True)

    @model_validator(mode="after")
    def _context_and_params(self) -> AccountActionCreate:
        if (self.ticket_id is None) == (self.conversation_id is None):
            raise ValueError("give exactly one of ticket_id and conversation_id")
        allowed = ACTION_PARAMS[self.kind]
        unknown = sorted(set(self.params) - allowed)
        if unknown:
            raise ValueError(f"unknown params for {self.kind}: {', '.join(unknown)}")
        missing = sorted(REQUIRED_PARAMS.get(self.kind, frozenset()) - set(self.params))
        if missing:
            raise ValueError(f"{self.kind} needs params: {', '.join(missing)}")
        for name, value in self.params.items():
            value = value.strip()
            if not value or len(value) > MAX_PARAM_CHARS:
                raise ValueError(f"param {name} must be 1 to {MAX_PARAM_CHARS} characters")
            _safe(value, multiline=False)
            if name == "new_email" and not _EMAIL.fullmatch(value):
                raise ValueError("new_email is not an email address")
            if name in ("address", "network", "tx_hash") and not _TOKEN.fullmatch(value):
                raise ValueError(f"param {name} has characters an {name} never has")
            if name == "transfer_id" and not value.isdigit():
                raise ValueError("transfer_id must be a number")
            self.params[name] = value
        return self


class AccountActionOut(_Response):
    id: int
    kind: ActionKind
    customer_uid: str
    ticket_id: int | None = None
    conversation_id: int | None = None
    reason: str
    params: dict[str, Any] = {}
    agent_id: int
    agent_name: str
    created_at: datetime
    # The account after the action, and what the flow did besides.
    account_status: AccountStatus
    escalation_id: int | None = None
    customer_notified: bool = False
    already: bool = False  # nothing to change (frozen already, say): nothing was done twice
