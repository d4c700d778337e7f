"""The session's side of the VIP views (ports.VipIntents), over the sync engine's `vip` (VipSync).

Cached reads go to the local store at once; the rest runs as a task on the qasync loop and
answers on the GUI thread. Nothing is queued: when the server cannot be reached the manager is
told so, and the editor keeps what they typed (the page decides that; here it is only said).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject

from console.api.errors import ApiError, ServerUnreachable
from console.store.vip import vip_cache
from console.ui.i18n import tr

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
    from console.store import Store
    from console.sync.vip import VipSync
    from console.ui.vip.ports import Answer

__all__ = ["VipActions", "failure_text"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def failure_text(exc: Exception) -> str:
    """Why a VIP desk action did not go through, for the manager."""
    if isinstance(exc, ServerUnreachable):
        return tr("You are offline: nothing was saved. Try again when the connection is back.")
    if isinstance(exc, ApiError):
        if exc.status == 401:
            return tr("Your session has ended. Sign in again, then retry.")
        if exc.status == 403:
            return tr("This client is not in your portfolio, or your role cannot do this.")
        if exc.status == 404:
            return tr("It no longer exists on the server.")
        if exc.status == 409:
            return tr("Not possible any more: {reason}", reason=exc.message)
        if exc.status == 422:
            return tr("The server did not accept it: {reason}", reason=exc.message)
        if exc.retryable:
            return tr("The server had a problem. Please try again in a moment.")
        return tr("That did not work: {reason}", reason=exc.message)
    return tr("That did not work. Please try again.")


class VipActions(QObject):
    def __init__(
        self,
        store: Store,
        me_id: int,
        vip: Callable[[], VipSync | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache = vip_cache(store)
        self._me_id = me_id
        self._vip = vip
        self._tasks: set[asyncio.Task[None]] = set()

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def _run(self, work: Callable[[VipSync], Coroutine[Any, Any, T]], done: Answer[T]) -> None:
        vip = self._vip()
        if vip is None:
            done(None, tr("Not connected yet. Please try again in a moment."))
            return

        async def run() -> None:
            try:
                result = await work(vip)
            except (ApiError, ValidationError) as exc:
                log.info("VIP action failed: %r", exc)
                done(None, failure_text(exc))
            else:
                done(result, None)

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a widget test without qasync): nothing would answer
            run().close()
            done(None, tr("Not connected yet. Please try again in a moment."))
            return
        task = loop.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- reading ---------------------------------------------------------------------------------

    def cached_portfolio(self) -> list[VipClientSummary]:
        return self._cache.portfolio(self._me_id)

    def load_portfolio(self, done: Answer[list[VipClientSummary]]) -> None:
        self._run(lambda vip: vip.load_portfolio(), done)

    def cached_client(self, uid: str) -> VipClientOut | None:
        return self._cache.client(self._me_id, uid)

    def load_client(self, uid: str, done: Answer[VipClientOut]) -> None:
        self._run(lambda vip: vip.load_client(uid), done)

    # --- writing ---------------------------------------------------------------------------------

    def add_note(self, uid: str, body: str, key: str, done: Answer[ManagerNoteOut]) -> None:
        self._run(lambda vip: vip.add_note(uid, body, key), done)

    def add_follow_up(
        self, uid: str, follow_up: FollowUpCreate, key: str, done: Answer[FollowUpOut]
    ) -> None:
        self._run(lambda vip: vip.add_follow_up(uid, follow_up, key), done)

    def complete_follow_up(self, uid: str, follow_up_id: int, done: Answer[FollowUpOut]) -> None:
        self._run(lambda vip: vip.complete_follow_up(uid, follow_up_id), done)

    def log_contact(
        self, uid: str, contact: ContactLogCreate, key: str, done: Answer[ContactLogOut]
    ) -> None:
        self._run(lambda vip: vip.log_contact(uid, contact, key), done)
