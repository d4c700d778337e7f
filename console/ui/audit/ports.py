"""What the audit page asks of the layer below (the session's AuditActions, or a test's fake).

`load_page` is online and answers once, on the GUI thread, through `done`: the page and None,
or None and a sentence saying why it did not work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_audit import AuditPage

__all__ = ["Answer", "AuditIntents", "AuditQuery"]

T = TypeVar("T")
Answer = Callable[[T | None, str | None], None]


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """The page's filters; None (or "") for "any"."""

    ticket_id: int | None = None
    customer_uid: str | None = None
    actor_id: int | None = None
    action: str | None = None


class AuditIntents(Protocol):
    def load_page(
        self, query: AuditQuery, before_id: int | None, done: Answer[AuditPage]
    ) -> None: ...

    def agents(self) -> list[AgentOut]: ...
