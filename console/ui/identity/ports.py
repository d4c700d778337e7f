"""What the identity views need from the session, as a small protocol.

Every call is online only: it runs at once against the server and reports to `done` on the GUI
thread, with a result, or None and a sentence saying what went wrong (nothing is queued to be
sent later: an agent must know whether an account is frozen).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from console.api.schemas_identity import AccountActionOut, VerificationOut

__all__ = ["IdentityIntents", "IdentitySnapshot", "IdentityTarget", "identity_intents_of"]


@dataclass(frozen=True, slots=True)
class IdentityTarget:
    """Where the customer is being verified: a ticket or a live chat."""

    kind: Literal["ticket", "chat"]
    id: int
    customer_uid: str


@dataclass(frozen=True, slots=True)
class IdentitySnapshot:
    verification: VerificationOut
    actions: Sequence[AccountActionOut] = field(default_factory=tuple)


class IdentityIntents(Protocol):
    def load(
        self,
        target: IdentityTarget,
        done: Callable[[IdentitySnapshot | None, str | None], None],
    ) -> None: ...

    def record(
        self,
        target: IdentityTarget,
        checks: Sequence[str],
        note: str,
        key: str,
        done: Callable[[VerificationOut | None, str | None], None],
    ) -> None:
        """Add a verification record; `key` is the Idempotency-Key (kept for a retry)."""
        ...

    def act(
        self,
        target: IdentityTarget,
        kind: str,
        reason: str,
        params: Mapping[str, str],
        key: str,
        done: Callable[[AccountActionOut | None, str | None], None],
    ) -> None:
        """Ask the server for an account action; a refusal comes back as the sentence."""
        ...


def identity_intents_of(owner: object) -> IdentityIntents | None:
    """The session's identity actions, from the session itself or from one of its children
    (the chat page holds the session's chat actions, whose Qt parent is the session)."""
    node: object | None = owner
    while node is not None:
        intents = getattr(node, "identity", None)
        if intents is not None:
            return intents  # type: ignore[no-any-return]
        node = node.parent() if isinstance(node, QObject) else None
    return None
