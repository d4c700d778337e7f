"""The session's side of the knowledge views (ports.KbIntents) over the sync engine.

Feedback, flags and proposed edits go through the outbox (they survive a restart and wait for
the network). The review actions need the server: they run on the asyncio loop and report to a
callback on the GUI thread with None, or a sentence saying what went wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject, Qt, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.store import KB_OUTBOX_KINDS
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.schemas import EventOut
    from console.api.schemas_kb import KbFlagOut, KbRevisionCreate, KbRevisionOut
    from console.store import OutboxItem, Store
    from console.sync import SyncEngine
    from console.ui.kb.ports import Done

__all__ = ["KbActions", "failure_text"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, None]], None]


def failure_text(exc: Exception) -> str:
    """What the agent reads when an online knowledge-base action failed."""
    if isinstance(exc, ServerUnreachable):
        return tr("Offline: this needs a connection to the server. Please try again later.")
    if isinstance(exc, ApiError):
        if exc.status == 403:
            return tr("Your role cannot do this.")
        if exc.status == 404:
            return tr("It no longer exists on the server.")
        if exc.status == 409:
            return tr("Not possible any more: {reason}", reason=exc.message)
        return tr("That did not work: {reason}", reason=exc.message)
    return tr("That did not work. Please try again.")


class KbActions(QObject):
    review_changed = Signal()
    _event_arrived = Signal()

    def __init__(
        self,
        store: Store,
        engine: Callable[[], SyncEngine | None],
        spawn: Spawn,
        *,
        retry: Callable[[int], None],
        discard: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.retry = retry  # the session's: through the engine when connected, else the store
        self.discard = discard
        self._engine = engine
        self._spawn = spawn
        self._listening: SyncEngine | None = None
        # kb_listeners run on the engine's worker thread: hop to the GUI thread first.
        self._event_arrived.connect(self.review_changed, Qt.ConnectionType.QueuedConnection)

    def listen(self, sync: SyncEngine) -> None:
        self.stop_listening()
        sync.kb_listeners.append(self._on_event)
        self._listening = sync

    def stop_listening(self) -> None:
        if self._listening is not None and self._on_event in self._listening.kb_listeners:
            self._listening.kb_listeners.remove(self._on_event)
        self._listening = None

    def _on_event(self, _event: EventOut) -> None:
        self._event_arrived.emit()

    def _sync(self) -> SyncEngine:
        sync = self._engine()
        if sync is None:
            raise RuntimeError("not connected yet")
        return sync

    # --- queued ------------------------------------------------------------------------------

    def rate_article(self, article_id: int, helpful: bool) -> None:
        self._sync().rate_article(article_id, helpful)

    def flag_article(self, article_id: int, comment: str) -> None:
        try:
            self._sync().flag_article(article_id, comment)
        except ValidationError as exc:
            raise ValueError(
                tr("The comment cannot be sent: it is empty, too long or has hidden characters.")
            ) from exc

    def propose_revision(self, article_id: int, revision: KbRevisionCreate) -> None:
        try:
            self._sync().propose_revision(article_id, revision)
        except ValidationError as exc:
            raise ValueError(tr("The edit is not valid: {reason}", reason=str(exc))) from exc

    def failed_items(self) -> list[OutboxItem]:
        return [item for item in self._store.failed_outbox() if item.kind in KB_OUTBOX_KINDS]

    # --- online ------------------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[SyncEngine], Coroutine[Any, Any, T]],
        ok: Callable[[T], None],
        failed: Callable[[str], None],
    ) -> None:
        sync = self._engine()
        if sync is None:
            failed(tr("Not connected yet. Please try again in a moment."))
            return

        async def run() -> None:
            try:
                result = await work(sync)
            except (ApiError, ValidationError) as exc:
                log.info("knowledge-base action failed: %r", exc)
                failed(failure_text(exc))
            else:
                ok(result)

        self._spawn(run())

    def load_history(
        self, article_id: int, done: Callable[[list[KbRevisionOut] | None, str | None], None]
    ) -> None:
        self._run(
            lambda s: s.fetch_kb_history(article_id),
            lambda revisions: done(revisions, None),
            lambda error: done(None, error),
        )

    def load_review_queue(
        self,
        done: Callable[[list[KbFlagOut] | None, list[KbRevisionOut] | None, str | None], None],
    ) -> None:
        async def both(s: SyncEngine) -> tuple[list[KbFlagOut], list[KbRevisionOut]]:
            return await s.fetch_kb_flags(), await s.fetch_kb_revisions()

        self._run(
            both,
            lambda pair: done(pair[0], pair[1], None),
            lambda error: done(None, None, error),
        )

    def _decide(
        self, work: Callable[[SyncEngine], Coroutine[Any, Any, object]], done: Done
    ) -> None:
        self._run(work, lambda _result: done(None), done)

    def approve_revision(self, revision_id: int, comment: str, done: Done) -> None:
        self._decide(lambda s: s.approve_revision(revision_id, comment), done)

    def reject_revision(self, revision_id: int, comment: str, done: Done) -> None:
        self._decide(lambda s: s.reject_revision(revision_id, comment), done)

    def resolve_flag(self, flag_id: int, done: Done) -> None:
        self._decide(lambda s: s.resolve_kb_flag(flag_id), done)

    def mark_reviewed(self, article_id: int, done: Done) -> None:
        self._decide(lambda s: s.mark_article_reviewed(article_id), done)
