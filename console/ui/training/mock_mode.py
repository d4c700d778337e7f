"""Mock-ticket mode: a trainee's console moves into the training workspace and back.

Joining opens a second ConsoleSession on the training workspace (its own client, token and a
local store of its own that is wiped on entry and exit: nothing of training stays beside the
live cache) in a window with the training look; the live window is hidden meanwhile and the
live chat status set to away, so no live customer waits on someone practising. The server also
keeps live chats away from anyone with a seat in a running session. Leaving closes the training
window and brings the live one back as it was.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.ui.i18n import tr
from console.ui.training.training_actions import Spawn
from console.ui.training.training_look import TrainingBar, apply_training_look

if TYPE_CHECKING:
    from console.api.schemas_training import TrainingInvitationOut
    from console.store import Store
    from console.ui.session import ConsoleSession

__all__ = ["MockTicketMode", "training_store_path"]

log = logging.getLogger(__name__)


def training_store_path(live_store: Store, agent_id: int) -> Path:
    """Beside the live cache when it has a place on disk, else in the temporary directory."""
    base = live_store.data_dir.parent if live_store.data_dir is not None else None
    if base is None:
        base = Path(tempfile.gettempdir()) / "support-console"
    return base / "training" / f"agent-{agent_id}.sqlite3"


def _remove_store_files(path: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    shutil.rmtree(path.parent / f"{path.stem}-files", ignore_errors=True)


class MockTicketMode(QObject):
    entered = Signal(object)  # the training ConsoleSession, its window on screen
    left = Signal()

    def __init__(self, live: ConsoleSession, spawn: Spawn) -> None:
        super().__init__(live)
        self.live = live
        self._spawn = spawn
        self.session: ConsoleSession | None = None
        self.bar: TrainingBar | None = None
        self._path: Path | None = None
        self._busy = False
        self._live_status = "online"
        live.training.join_requested.connect(self.enter)
        live.training.invitation_changed.connect(self._on_invitation)

    @property
    def active(self) -> bool:
        return self.session is not None

    def enter(self, invitation: TrainingInvitationOut) -> None:
        if self.session is not None:
            self.session.window.raise_()
            self.session.window.activateWindow()
            return
        if not self._busy:
            self._busy = True
            self._spawn(self._enter(invitation))

    async def _enter(self, invitation: TrainingInvitationOut) -> None:
        try:
            await self._open(invitation)
        except (ApiError, ServerUnreachable) as exc:
            log.info("training not entered: %r", exc)
            self.live.window.show_notice(tr("Training could not start: {why}", why=str(exc)))
        finally:
            self._busy = False

    async def _open(self, invitation: TrainingInvitationOut) -> None:
        from console.store import Store
        from console.ui.session import ConsoleSession

        live_client = self.live.client
        if live_client is None:
            raise ServerUnreachable("not connected")
        training_pass = await live_client.enter_training()
        client = live_client.for_training(training_pass)
        path = training_store_path(self.live.store, self.live.me.id)
        await asyncio.to_thread(_remove_store_files, path)
        store = await asyncio.to_thread(Store.open, path)
        self._path = path
        session = ConsoleSession(
            store, self.live.me, workspace_name=tr("Training"), client=client, parent=self
        )
        self.session = session
        self.bar = apply_training_look(session.window, invitation, self.leave)
        session.window.closing.connect(self._on_training_window_closing)
        session.sign_out_requested.connect(self.leave)
        self._live_status = self.live.chat.status()
        self.live.chat.set_status("away")
        session.chat.set_status("online")  # the simulated customers' chats come to this window
        self.live.window.hide()
        session.window.show()
        self.entered.emit(session)

    def _on_invitation(self, invitation: Any) -> None:
        if invitation is None and self.bar is not None:
            self.bar.mark_ended()

    def _on_training_window_closing(self) -> None:
        if self.session is not None and not self._busy:
            self.leave()

    def leave(self) -> None:
        if self.session is not None and not self._busy:
            self._busy = True
            self._spawn(self._leave())

    async def _leave(self) -> None:
        try:
            await self.close()
        finally:
            self._busy = False
        self.live.window.show()
        self.live.window.raise_()
        self.live.chat.set_status(self._live_status)  # as the agent had it, "away" included
        self.left.emit()

    async def close(self) -> None:
        """Closes the training session and removes its local store (the live session stays)."""
        session, self.session = self.session, None
        self.bar = None
        if session is None:
            return
        await session.aclose()
        session.window.close()
        session.window.deleteLater()
        session.store.close()
        if self._path is not None:
            await asyncio.to_thread(_remove_store_files, self._path)
