"""What agents send to customers, checked again on the server: a reply or chat message that asks
for a seed phrase, key, password, 2FA code or remote access, or links outside the official
domains, is refused (the console checks first; this holds for any other client too).
Internal notes are not checked: customers never see them.

A refusal is audited (`guard.blocked`) although the request fails: the exception carries who
tried what where, and `routes.audit` records it in a transaction of its own once the refused
one has been rolled back.
"""

from __future__ import annotations

from typing import Any

from console.api.schemas import AgentOut
from console.core.guard import check_outgoing
from console.server.errors import ApiError

__all__ = ["UnsafeMessage", "refuse_unsafe"]


class UnsafeMessage(ApiError):
    """422 unsafe_message, with what the audit log needs (never the text)."""

    def __init__(
        self,
        message: str,
        details: Any,
        *,
        categories: list[str],
        actor: AgentOut | None,
        kind: str,
        ticket_id: int | None,
        conversation_id: int | None,
    ) -> None:
        super().__init__(422, "unsafe_message", message, details)
        self.categories = categories
        self.actor = actor
        self.kind = kind
        self.ticket_id = ticket_id
        self.conversation_id = conversation_id


def refuse_unsafe(
    body: str,
    *,
    actor: AgentOut | None = None,
    ticket_id: int | None = None,
    conversation_id: int | None = None,
) -> None:
    """Raises UnsafeMessage naming each problem; returns when the text is safe to send."""
    findings = check_outgoing(body)
    if not findings:
        return
    problems = "; ".join(f.detail for f in findings)
    raise UnsafeMessage(
        f"Not sent: {problems}. Support never asks customers for seed phrases, private keys, "
        "passwords, verification codes or remote access, and links only to official domains.",
        [{"loc": ["body", "body"], "msg": f.detail, "type": f.kind} for f in findings],
        categories=list(dict.fromkeys(str(f.kind) for f in findings)),
        actor=actor,
        kind="reply" if conversation_id is None else "chat_message",
        ticket_id=ticket_id,
        conversation_id=conversation_id,
    )
