"""What the outgoing guard reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ASK_KINDS", "KINDS", "LINK_KINDS", "GuardFinding", "GuardKind"]

GuardKind = Literal[
    "asks_secret",
    "asks_password",
    "asks_code",
    "asks_remote_access",
    "link_unofficial",
    "link_lookalike",
]
ASK_KINDS: tuple[GuardKind, ...] = (
    "asks_secret",
    "asks_password",
    "asks_code",
    "asks_remote_access",
)
LINK_KINDS: tuple[GuardKind, ...] = ("link_unofficial", "link_lookalike")
KINDS: tuple[GuardKind, ...] = ASK_KINDS + LINK_KINDS


@dataclass(frozen=True, slots=True)
class GuardFinding:
    """Something an outgoing message must not say: `text[start:end]` is the request or the link.

    `detail` is a short English explanation that names what was found (the phrase or the host),
    for the agent who is blocked and for the supervisor who reviews the attempt.
    """

    kind: GuardKind
    start: int
    end: int
    detail: str
