"""The session's side of the chat views (ports.ChatIntents) over the sync engine.

Messages and read marks go through the outbox (shown at once, never lost, sent exactly once).
Accept, decline, end, transfer and convert need the server now (an offer is only good for 30 s):
they run on the asyncio loop and report to a callback on the GUI thread with None, or a sentence
saying what went wrong. Typing and status changes arrive from the engine's listeners on its
thread and are passed on as Qt signals on the GUI thread.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Qt, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.ui.i18n import tr
from console.ui.preview_files import PreviewFiles

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from console.api.schemas import AgentOut
    from console.store import Store
    from console.sync import SyncEngine
    from console.ui.chat.ports import Done

__all__ = ["ChatActions", "chat_failure_text"]

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], None]


def chat_failure_text(exc: Exception) -> str:
    """What the agent reads when an online chat action failed."""
    if isinstance(exc, ServerUnreachable):
        return tr("Offline: this needs a connection to the server. Please try again.")
    if isinstance(exc, ApiError):
        if exc.status == 409:
            return tr("Not possible any more: {reason}", reason=exc.message)
        if exc.status == 404:
            return tr("This chat no longer exists on the server.")
        if exc.status == 403:
            return tr("Your role cannot do this.")
        return tr("That did not work: {reason}", reason=exc.message)
    if isinstance(exc, ValidationError):
        return tr("That cannot be sent: it is too long or has hidden characters.")
    return tr("That did not work. Please try again.")


class ChatActions(QObject):
    typing_changed = Signal(int)  # conversation id
    status_changed = Signal(str)  # my chat status
    _typing_arrived = Signal(int)  # conversation id
    _status_arrived = Signal(int)  # agent id

    def __init__(
        self,
        store: Store,
        engine: Callable[[], SyncEngine | None],
        spawn: Spawn,
        me: AgentOut,
        *,
        agents: Callable[[], list[AgentOut]] = list,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._engine = engine
        self._spawn = spawn
        self._me = me
        self._agents = agents
        self._previews = PreviewFiles("console-chat-previews-")
        self._status = "offline"
        self._listening: SyncEngine | None = None
        self._unsubscribe: list[Callable[[], object]] = []
        queued = Qt.ConnectionType.QueuedConnection
        self._typing_arrived.connect(self._on_typing, queued)
        self._status_arrived.connect(self._on_agent_status, queued)

    # --- engine boards (their listeners run on any thread) -----------------------------------

    def listen(self, sync: SyncEngine) -> None:
        self.stop_listening()
        self._listening = sync
        self._unsubscribe = [
            sync.chat_typing.subscribe(self._typing_arrived.emit),
            sync.chat_status.subscribe(self._status_arrived.emit),
        ]
        wanted = sync.chat_status_wanted
        mine = sync.chat_status.mine
        self._on_status(wanted or (mine.status if mine is not None else self._status))

    def stop_listening(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._listening = None

    def _on_typing(self, conversation_id: int) -> None:
        self.typing_changed.emit(conversation_id)

    def _on_agent_status(self, agent_id: int) -> None:
        sync = self._listening
        if agent_id != self._me.id or sync is None:
            return
        mine = sync.chat_status.mine
        if mine is not None:
            self._on_status(str(mine.status))

    def _on_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)

    # --- reads -------------------------------------------------------------------------------

    def status(self) -> str:
        return self._status

    def customer_typing(self, conversation_id: int) -> bool:
        sync = self._listening
        return sync is not None and sync.chat_typing.customer_typing(conversation_id)

    def agents(self) -> list[AgentOut]:
        return list(self._agents())

    # --- queued / best effort ----------------------------------------------------------------

    def _sync(self) -> SyncEngine:
        sync = self._engine()
        if sync is None:
            raise RuntimeError("not connected yet")
        return sync

    def send_message(self, conversation_id: int, body: str, files: Sequence[Path] = ()) -> None:
        try:
            self._sync().send_chat_message(conversation_id, body, tuple(files))
        except ValidationError as exc:
            raise ValueError(
                tr("The message cannot be sent: it is too long or has hidden characters.")
            ) from exc
        except ValueError as exc:  # a file the server would refuse
            raise ValueError(tr("Not sent: {reason}", reason=str(exc))) from exc

    def set_typing(self, conversation_id: int, typing: bool) -> None:
        sync = self._engine()
        if sync is not None:
            self._call(sync, "set_chat_typing", conversation_id, typing)

    def mark_read(self, conversation_id: int, up_to_seq: int) -> None:
        sync = self._engine()
        if sync is not None:
            self._call(sync, "mark_chat_read", conversation_id, up_to_seq)

    def set_status(self, status: str) -> None:
        self._on_status(status)
        sync = self._engine()
        if sync is None:
            return

        def failed(error: str) -> None:
            log.info("chat status not set: %s", error)

        self._run(lambda s: s.set_chat_status(status, None), lambda _r: None, failed)

    def _call(self, sync: SyncEngine, name: str, *args: Any) -> None:
        """A best-effort call that may be plain or a coroutine; failures are only logged."""
        try:
            result = getattr(sync, name)(*args)
        except Exception:
            log.info("%s failed", name, exc_info=True)
            return
        if inspect.isawaitable(result):

            async def wait() -> None:
                try:
                    await result
                except (ApiError, ValidationError) as exc:
                    log.info("%s failed: %r", name, exc)

            self._spawn(wait())

    # --- online ------------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[SyncEngine], Any],
        ok: Callable[[Any], None],
        failed: Callable[[str], None],
    ) -> None:
        sync = self._engine()
        if sync is None:
            failed(tr("Not connected yet. Please try again in a moment."))
            return
        try:
            result = work(sync)
        except (ApiError, ValidationError) as exc:
            failed(chat_failure_text(exc))
            return
        if not inspect.isawaitable(result):
            ok(result)
            return

        async def run() -> None:
            try:
                value = await result
            except (ApiError, ValidationError) as exc:
                log.info("chat action failed: %r", exc)
                failed(chat_failure_text(exc))
            else:
                ok(value)

        self._spawn(run())

    def _decide(self, work: Callable[[SyncEngine], Any], done: Done) -> None:
        self._run(work, lambda _result: done(None), done)

    def accept(self, conversation_id: int, done: Done) -> None:
        self._decide(lambda s: s.accept_chat(conversation_id), done)

    def decline(self, conversation_id: int, done: Done) -> None:
        self._decide(lambda s: s.decline_chat(conversation_id), done)

    def end(self, conversation_id: int, done: Done) -> None:
        self._decide(lambda s: s.end_chat(conversation_id), done)

    def transfer(
        self,
        conversation_id: int,
        to_agent_id: int | None,
        to_skill: str | None,
        note: str,
        done: Done,
    ) -> None:
        self._decide(
            lambda s: s.transfer_chat(conversation_id, to_agent_id, to_skill, note),
            done,
        )

    def convert(self, conversation_id: int, done: Callable[[int | None, str | None], None]) -> None:
        def ok(result: Any) -> None:
            ticket_id = getattr(result, "id", result)
            done(int(ticket_id) if ticket_id is not None else None, None)

        self._run(
            lambda s: s.convert_chat(conversation_id),
            ok,
            lambda error: done(None, error),
        )

    # --- files ------------------------------------------------------------------------------

    def load_preview(
        self, attachment_id: int, max_side: int, done: Callable[[QImage | None], None]
    ) -> None:
        sync = self._engine()
        if sync is None:
            done(None)
            return
        self._spawn(self._preview(sync, attachment_id, max_side, done))

    async def _preview(
        self,
        sync: SyncEngine,
        attachment_id: int,
        max_side: int,
        done: Callable[[QImage | None], None],
    ) -> None:
        done(await self._previews.image(attachment_id, max_side, sync.download_chat_attachment))

    def save_attachment(self, attachment_id: int, dest: Path, done: Done) -> None:
        async def save(s: SyncEngine) -> None:
            try:
                await s.download_chat_attachment(attachment_id, dest)
            except OSError as exc:
                log.warning("saving chat attachment %s failed: %r", attachment_id, exc)
                raise ApiError(0, "io_error", tr("The file could not be saved.")) from exc

        self._decide(save, done)

    def close(self) -> None:
        """Remove the downloaded previews (the session calls this when it closes)."""
        self.stop_listening()
        self._previews.remove()
