"""What the VIP desk's views ask of the layer below (the session's VipActions, or a test's fake).

`cached_*` read the local store at once (the portfolio paints from it at start-up and offline).
Everything else is online and answers once, on the GUI thread, through `done`: the result and
None, or None and a sentence for the manager saying why it did not work (nothing was changed
then). Writes take an idempotency key that the caller keeps while the input is unchanged, so a
retry after a lost answer writes once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from console.api.schemas_vip import (
        ContactLogCreate,
        ContactLogOut,
        FollowUpCreate,
        FollowUpOut,
        ManagerNoteOut,
        VipClientOut,
        VipClientSummary,
    )

__all__ = ["Answer", "VipIntents"]

T = TypeVar("T")
Answer = Callable[[T | None, str | None], None]


class VipIntents(Protocol):
    def cached_portfolio(self) -> list[VipClientSummary]: ...

    def load_portfolio(self, done: Answer[list[VipClientSummary]]) -> None: ...

    def cached_client(self, uid: str) -> VipClientOut | None: ...

    def load_client(self, uid: str, done: Answer[VipClientOut]) -> None: ...

    def add_note(self, uid: str, body: str, key: str, done: Answer[ManagerNoteOut]) -> None: ...

    def add_follow_up(
        self, uid: str, follow_up: FollowUpCreate, key: str, done: Answer[FollowUpOut]
    ) -> None: ...

    def complete_follow_up(
        self, uid: str, follow_up_id: int, done: Answer[FollowUpOut]
    ) -> None: ...

    def log_contact(
        self, uid: str, contact: ContactLogCreate, key: str, done: Answer[ContactLogOut]
    ) -> None: ...
