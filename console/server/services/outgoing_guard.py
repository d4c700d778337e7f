"""What agents send to customers, checked again on the server: a reply or chat message that asks
for a seed phrase, key, password, 2FA code or remote access, or links outside the official
domains, is refused (the console checks first; this holds for any other client too).
Internal notes are not checked: customers never see them."""

from __future__ import annotations

from console.core.guard import check_outgoing
from console.server.errors import ApiError

__all__ = ["refuse_unsafe"]


def refuse_unsafe(body: str) -> None:
    """Raises 422 unsafe_message naming each problem; returns when the text is safe to send."""
    findings = check_outgoing(body)
    if not findings:
        return
    problems = "; ".join(f.detail for f in findings)
    raise ApiError(
        422,
        "unsafe_message",
        f"Not sent: {problems}. Support never asks customers for seed phrases, private keys, "
        "passwords, verification codes or remote access, and links only to official domains.",
        [{"loc": ["body", "body"], "msg": f.detail, "type": f.kind} for f in findings],
    )
