"""The session's side of outreach (console/sync/vip_outreach.py) for the dialog, the tracking view
and the history: online calls run as tasks on the qasync loop and answer on the GUI thread through
`done(result, None)` or `done(None, a sentence for the manager)`; live updates come as `updated`.

One per window (`outreach_actions(context)`), so every view of an outreach hears the same
updates. When the sync engine owns an OutreachSync (`engine.vip.outreach`, fed from the live
stream) that one is used; until then a local one, whose updates are the answers it fetches.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject, Qt, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.store.vip import vip_cache
from console.sync.vip_outreach import OutreachSync
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.schemas_vip import OutreachCreate, OutreachOut, VipClientSummary
    from console.ui.shell.role_pages import RolePageContext

__all__ = ["OutreachActions", "failure_text", "outreach_actions"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Answer = Callable[[T | None, str | None], None]
_NAME = "vipOutreachActions"


def failure_text(exc: Exception) -> str:
    """Why sending or loading outreach did not work; the texts stay in the dialog."""
    if isinstance(exc, (ServerUnreachable, ConnectionError)):
        return tr(
            "The server cannot be reached, so nothing was sent. Your texts are kept: send "
            "again when the connection is back (nobody gets the message twice)."
        )
    if isinstance(exc, ApiError):
        if exc.status == 401:
            return tr("Your session has ended. Sign in again, then retry.")
        if exc.status == 403:
            return tr("Some of these clients are not yours: you neither manage nor back them up.")
        if exc.status == 404:
            return tr("It no longer exists on the server.")
        if exc.status == 409:
            return tr("Not possible any more: {reason}", reason=exc.message)
        if exc.status == 422:
            return tr("The server did not accept it: {reason}", reason=exc.message)
        if exc.retryable:
            return tr(
                "The server had a problem, so nothing was sent. Try again in a moment "
                "(nobody gets the message twice)."
            )
        return tr("That did not work: {reason}", reason=exc.message)
    if isinstance(exc, ValidationError):
        return tr("The message is not complete: check the subject and the texts.")
    return tr("That did not work. Please try again.")


class OutreachActions(QObject):
    updated = Signal(object)  # OutreachOut, on the GUI thread
    _arrived = Signal(object)

    def __init__(self, context: RolePageContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.context = context
        self._session = context.commands
        self._cache = vip_cache(context.store)
        self._me_id = context.me.id
        self._local = OutreachSync(lambda: getattr(self._session, "client", None))
        self._subscribed: list[OutreachSync] = []
        self._unsubscribe: list[Callable[[], None]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        # Engine listeners run on a worker thread: hop to the GUI thread first.
        self._arrived.connect(self.updated, Qt.ConnectionType.QueuedConnection)
        unsubscribe = self._unsubscribe  # not self: it is going away when this runs
        self.destroyed.connect(lambda *_: [u() for u in unsubscribe])

    @property
    def sync(self) -> OutreachSync:
        engine = getattr(self._session, "sync", None)
        owned = getattr(getattr(engine, "vip", None), "outreach", None)
        chosen = owned if isinstance(owned, OutreachSync) else self._local
        if chosen not in self._subscribed:
            self._subscribed.append(chosen)
            self._unsubscribe.append(chosen.subscribe(self._arrived.emit))
        return chosen

    def is_online(self) -> bool:
        engine = getattr(self._session, "sync", None)
        return engine is not None and str(getattr(engine, "state", "")) == "online"

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _run(self, work: Coroutine[Any, Any, T], done: Answer[T]) -> None:
        async def run() -> None:
            try:
                result = await work
            except (ApiError, ConnectionError, ValidationError) as exc:
                log.info("outreach action failed: %r", exc)
                done(None, failure_text(exc))
            else:
                done(result, None)

        try:
            task = asyncio.ensure_future(run())
        except RuntimeError:  # no loop (a widget test without qasync)
            work.close()
            done(None, tr("Not connected yet. Please try again in a moment."))
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- outreach ---------------------------------------------------------------------------------

    def send(self, request: OutreachCreate, done: Answer[OutreachOut]) -> None:
        sync = self.sync

        async def send() -> OutreachOut:
            sent = await sync.send(request)
            sync.publish(sent)  # every open view of it, and the history, show it at once
            return sent

        self._run(send(), done)

    def history(self, done: Answer[list[OutreachOut]]) -> None:
        self._run(self.sync.history(), done)

    def load(self, outreach_id: int, done: Answer[OutreachOut]) -> None:
        sync = self.sync

        async def load() -> OutreachOut:
            fresh = await sync.load(outreach_id)
            sync.publish(fresh)
            return fresh

        self._run(load(), done)

    # --- where the views lead (slots: a dialog's signals hold no reference to the window) --------

    def open_ticket(self, ticket_id: int) -> None:
        opener = getattr(self.context.window, "open_ticket", None)
        if callable(opener):
            opener(ticket_id)

    def open_history(self) -> None:
        from console.ui.vip.outreach_history import open_outreach_history

        open_outreach_history(self.context.window, self.context)

    # --- the clients ------------------------------------------------------------------------------

    def cached_clients(self, uids: list[str]) -> list[VipClientSummary]:
        """The portfolio rows of these clients, in the order given (unknown ones left out)."""
        rows = {row.uid: row for row in self._cache.portfolio(self._me_id)}
        return [rows[uid] for uid in uids if uid in rows]

    def load_clients(self, uids: list[str], done: Answer[list[VipClientSummary]]) -> None:
        """From the server when the cache does not know them all (a client added meanwhile)."""
        client = getattr(self._session, "client", None)
        if client is None:
            done(None, failure_text(ConnectionError()))
            return

        async def load() -> list[VipClientSummary]:
            rows = {row.uid: row for row in await client.vip_portfolio()}
            return [rows[uid] for uid in uids if uid in rows]

        self._run(load(), done)


def outreach_actions(context: RolePageContext) -> OutreachActions:
    """The window's one OutreachActions."""
    window = context.window
    found = window.findChild(OutreachActions, _NAME)
    return found if found is not None else OutreachActions(context, parent=window)
