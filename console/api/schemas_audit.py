"""Support API v1 wire schemas of the audit log: the entries, a page of them, and the console's
report of an outgoing message it blocked before sending.

A report names what was blocked (a ticket reply or a chat message), where, and which kinds of
request the guard found: never the text itself, which may quote a customer's secret.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from console.core.guard import GuardKind

__all__ = [
    "AUDIT_ACTIONS",
    "DEFAULT_AUDIT_PAGE",
    "MAX_AUDIT_PAGE",
    "AuditEntryOut",
    "AuditPage",
    "BlockedKind",
    "GuardBlockReport",
]

DEFAULT_AUDIT_PAGE = 50
MAX_AUDIT_PAGE = 200

# The actions the server records (other areas add theirs: an unknown action is still shown).
AUDIT_ACTIONS: tuple[str, ...] = (
    "auth.signed_in",
    "auth.signed_out",
    "agent.created",
    "customer.viewed",
    "ticket.updated",
    "ticket.replied",
    "ticket.noted",
    "ticket.merged",
    "ticket.linked",
    "ticket.unlinked",
    "escalation.created",
    "escalation.answered",
    "escalation.closed",
    "chat.accepted",
    "chat.transferred",
    "chat.ended",
    "chat.converted",
    "kb.revision_approved",
    "kb.revision_rejected",
    "sla.policy_changed",
    "guard.blocked",
)

BlockedKind = Literal["reply", "chat_message"]
# The largest id the server stores (a signed 64-bit integer).
MAX_ID_VALUE = 2**63 - 1


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)

    id: int
    at: datetime
    actor_id: int | None  # None: the server itself
    actor_name: str
    actor_role: str
    action: str
    target_kind: str  # ticket, customer, chat, article, revision, escalation, agent, sla_policy
    target_id: str
    ticket_id: int | None = None
    customer_uid: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class AuditPage(BaseModel):
    """Newest first; ask again with before_id=next_before_id for older entries (None: no more)."""

    items: list[AuditEntryOut]
    next_before_id: int | None = None


class GuardBlockReport(BaseModel):
    """The console kept a message from leaving: a ticket reply (ticket_id) or a chat message
    (conversation_id)."""

    model_config = ConfigDict(extra="forbid")

    kind: BlockedKind
    ticket_id: int | None = Field(default=None, ge=1, le=MAX_ID_VALUE)
    conversation_id: int | None = Field(default=None, ge=1, le=MAX_ID_VALUE)
    categories: list[GuardKind] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _one_place(self) -> GuardBlockReport:
        wanted = "ticket_id" if self.kind == "reply" else "conversation_id"
        if self.ticket_id is not None and self.conversation_id is not None:
            raise ValueError("give ticket_id or conversation_id, not both")
        if getattr(self, wanted) is None:
            raise ValueError(f"a blocked {self.kind} needs {wanted}")
        return self
