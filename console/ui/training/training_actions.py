"""The session's door to the training workspace, straight over the API (no outbox: a trainer's
start or comment is done now or the trainer is told it was not).

The live client asks for a pass (`enter_training`); the pass makes a second client, of the
training workspace, kept for the session and renewed when the workspace no longer accepts it.
Pages call `request(call, done, failed)`: `call` gets the training client; `done` gets the
answer and `failed` a sentence, both on the GUI thread.

Agents (not trainers) are also asked every few seconds whether a session waits for them
(`invitation_changed`); `join_requested` carries the invitation to whoever opens the training
window (the launcher).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.api.schemas_training import TrainingInvitationOut, TrainingPassOut

__all__ = ["TrainingActions", "training_failure_text"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, None]], None]
INVITATION_POLL_MS = 4000


def training_failure_text(exc: Exception) -> str:
    if isinstance(exc, ServerUnreachable):
        return tr("The server cannot be reached. Check the connection and try again.")
    if isinstance(exc, ApiError):
        if exc.status == 403:
            return tr("Your role cannot do this in training.")
        if exc.status == 404:
            return tr("This is no longer in the training workspace.")
        if exc.status == 422:
            return exc.message
        return tr("The training workspace refused this: {message}", message=exc.message)
    return tr("Something went wrong; try again.")


class TrainingActions(QObject):
    invitation_changed = Signal(object)  # TrainingInvitationOut | None
    join_requested = Signal(object)  # TrainingInvitationOut

    def __init__(
        self,
        live_client: Callable[[], SupportClient | None],
        spawn: Spawn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._live_client = live_client
        self._spawn = spawn
        self._client: SupportClient | None = None
        self._pass: TrainingPassOut | None = None
        self._lock = asyncio.Lock()
        self._closed = False
        self.invitation: TrainingInvitationOut | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(INVITATION_POLL_MS)
        self._poll.timeout.connect(self.check_invitation)

    # --- the training workspace's client -------------------------------------------------------

    async def client(self) -> SupportClient:
        """The training workspace's client, asking the live server for a pass the first time."""
        async with self._lock:
            if self._client is not None:
                return self._client
            live = self._live_client()
            if live is None:
                raise ServerUnreachable("not connected yet")
            self._pass = await live.enter_training()
            self._client = live.for_training(self._pass)
            return self._client

    async def _drop_client(self) -> None:
        async with self._lock:
            client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def call(self, call: Callable[[SupportClient], Awaitable[T]]) -> T:
        """`call` with the training client; once more with a fresh pass if it was refused."""
        try:
            return await call(await self.client())
        except ApiError as exc:
            if exc.status != 401:
                raise
            await self._drop_client()
            return await call(await self.client())

    def request(
        self,
        call: Callable[[SupportClient], Awaitable[T]],
        done: Callable[[T], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        async def run() -> None:
            try:
                value = await self.call(call)
            except (ApiError, ServerUnreachable) as exc:
                log.info("training request failed: %r", exc)
                if failed is not None and not self._closed:
                    failed(training_failure_text(exc))
                return
            if not self._closed:
                done(value)

        self._spawn(run())

    # --- invitations (agents) -----------------------------------------------------------------

    def watch_invitations(self) -> None:
        """Ask now and every few seconds whether a session waits for this agent."""
        self.check_invitation()
        self._poll.start()

    def check_invitation(self) -> None:
        live = self._live_client()
        if live is None or self._closed:
            return

        async def ask(client: SupportClient) -> None:
            try:
                found = await client.training_invitation()
            except (ApiError, ServerUnreachable) as exc:
                log.debug("training invitation not checked: %r", exc)
                return
            changed = (found and found.session_id) != (
                self.invitation and self.invitation.session_id
            )
            self.invitation = found
            if changed and not self._closed:
                self.invitation_changed.emit(found)

        self._spawn(ask(live))

    def join(self) -> None:
        if self.invitation is not None:
            self.join_requested.emit(self.invitation)

    def close(self) -> None:
        self._closed = True
        self._poll.stop()
        if self._client is not None:
            self._spawn(self._drop_client())
