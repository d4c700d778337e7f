"""What the training pages need from the session: one way to the training workspace.

`TrainingActions` (training_actions.py) is the real one; `call` gets a client of the training
workspace, `done` the answer and `failed` a translated sentence, both on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from console.api.client import SupportClient

__all__ = ["TrainingRequests"]


class TrainingRequests(Protocol):
    def request(
        self,
        call: Callable[[SupportClient], Awaitable[Any]],
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None: ...
