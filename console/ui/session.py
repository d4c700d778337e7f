"""A signed-in session: store + change bridge + (client, sync engine) + main window.

The window can open from the local cache before there is any client (a cold start shows the
inbox at once); `attach()` adds the client and starts the sync engine when the server is known.
Tests build the real window with `ConsoleSession(store, me)` and, against a real server,
`ConsoleSession(store, me, client=SupportClient(url, token))`. A cold start passes the window
it already painted from the cache (`window=`), which the session completes instead of building
a new one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import AgentOut, TicketUpdate
from console.store import Store
from console.ui.change_bridge import ChangeBatch, ChangeBridge
from console.ui.i18n import tr
from console.ui.shell.main_window import MainWindow

if TYPE_CHECKING:  # httpx and the sync engine load after the first paint, in attach()
    from console.api.client import SupportClient
    from console.sync import SyncEngine

__all__ = ["ConsoleSession"]

log = logging.getLogger(__name__)


class ConsoleSession(QObject):
    """Implements the views' TicketCommands by delegating to the sync engine."""

    sync_attached = Signal()
    sign_out_requested = Signal()
    session_expired = Signal()  # the server no longer accepts our token

    def __init__(
        self,
        store: Store,
        me: AgentOut,
        *,
        demo: bool = False,
        workspace_name: str = "",
        client: SupportClient | None = None,
        sync: SyncEngine | None = None,
        parent: QObject | None = None,
        window: MainWindow | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.me = me
        self.demo = demo
        self.client: SupportClient | None = None
        self.sync: SyncEngine | None = None
        self._run_task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._expired = False
        self.bridge = ChangeBridge(store.hub, parent=self)
        if window is None:
            window = MainWindow(
                store, self.bridge, self, me, demo=demo, workspace_name=workspace_name
            )
        else:
            window.attach(store, self.bridge, self, me)
        self.window = window
        self.bridge.changed.connect(self._on_changes)
        self.window.sign_out_requested.connect(self.sign_out_requested)
        if client is not None:
            self.attach(client, sync)

    # --- lifecycle ---------------------------------------------------------------------------

    def attach(self, client: SupportClient, sync: SyncEngine | None = None) -> None:
        """Start talking to the server: the sync engine runs on the asyncio loop from now on."""
        from console.sync import SyncEngine

        self.client = client
        self.sync = sync if sync is not None else SyncEngine(client, self.store, self.me)
        self._run_task = asyncio.ensure_future(self._run_sync(self.sync))
        self.window.set_can_send(True)
        self._show_connection_state()
        self.sync_attached.emit()

    async def _run_sync(self, sync: SyncEngine) -> None:
        try:
            await sync.run()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the sync engine stopped")
            self.window.set_connection_state("offline")
            self.window.show_notice(
                tr("Live updates stopped. Restart the console to reconnect."), 0
            )

    async def aclose(self) -> None:
        """Stop syncing and release the client; drafts are saved first."""
        self.window.ticket_view.save_draft_now()
        self.bridge.close()
        if self.sync is not None:
            await self.sync.stop()
        if self._run_task is not None:
            if not self._run_task.done():
                self._run_task.cancel()
            await asyncio.gather(self._run_task, return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.client is not None:
            await self.client.aclose()

    # --- TicketCommands ----------------------------------------------------------------------

    def can_send(self) -> bool:
        return self.sync is not None

    def send_message(self, ticket_id: int, kind: str, body: str) -> None:
        if self.sync is None:
            raise RuntimeError("not connected yet")
        self.sync.send_message(ticket_id, kind, body, self.me.display_name)

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None:
        if self.sync is None:
            raise RuntimeError("not connected yet")
        self.sync.update_ticket(ticket_id, update)

    def retry(self, outbox_id: int) -> None:
        if self.sync is not None:
            self.sync.retry(outbox_id)
        else:
            self.store.requeue(outbox_id)

    def discard(self, outbox_id: int) -> None:
        if self.sync is not None:
            self.sync.discard(outbox_id)
        else:
            self.store.discard(outbox_id)

    def refresh_ticket(self, ticket_id: int) -> None:
        if self.sync is not None:
            self._spawn(self._refresh_ticket(self.sync, ticket_id))

    async def _refresh_ticket(self, sync: SyncEngine, ticket_id: int) -> None:
        try:
            await sync.open_ticket(ticket_id)
        except ServerUnreachable:
            self.window.show_notice(tr("Offline: showing the saved copy of this ticket."))
        except ApiError as exc:
            log.warning("loading ticket %s failed: %s", ticket_id, exc)
            if exc.code == "not_found":
                self.window.show_notice(tr("This ticket no longer exists on the server."))
            else:
                self.window.show_notice(tr("The latest messages could not be loaded."))

    # --- reactions ---------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("connection"):
            self._show_connection_state()
            error = self.sync.last_error if self.sync is not None else None
            if error is not None and error.status == 401 and not self._expired:
                self._expired = True
                self.session_expired.emit()

    def _show_connection_state(self) -> None:
        if self.sync is None:
            self.window.set_connection_state("connecting")
        else:
            self.window.set_connection_state(str(self.sync.state))
