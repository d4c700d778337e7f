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
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import AgentOut, PresenceOut, TicketUpdate
from console.api.schemas_training import TRAINING_PATH
from console.core.domain import MessageKind, PresenceState, TicketStatus
from console.store import Store
from console.ui.aml.aml_actions import AmlActions
from console.ui.audit.audit_actions import AuditActions
from console.ui.change_bridge import ChangeBatch, ChangeBridge
from console.ui.chat.chat_actions import ChatActions
from console.ui.i18n import tr
from console.ui.identity.identity_actions import IdentityActions
from console.ui.kb.kb_actions import KbActions
from console.ui.macro_fill import macro_for_ticket
from console.ui.preview_files import PreviewFiles
from console.ui.shell.main_window import MainWindow
from console.ui.training.mock_mode import MockTicketMode
from console.ui.training.training_actions import TrainingActions

if TYPE_CHECKING:  # httpx and the sync engine load after the first paint, in attach()
    from console.api.client import SupportClient
    from console.sync import SyncEngine

__all__ = ["ConsoleSession"]

log = logging.getLogger(__name__)

# Who can be seated in a training session (trainers and compliance run or watch, not train).
TRAINEE_ROLES = frozenset({"agent", "vip_manager", "supervisor"})


class ConsoleSession(QObject):
    """Implements the views' TicketCommands by delegating to the sync engine."""

    sync_attached = Signal()
    sign_out_requested = Signal()
    session_expired = Signal()  # the server no longer accepts our token
    # For the shell: a sync Notification (assigned, customer_reply, sla_due_soon, sla_breached)
    # and "someone's presence on ticket N changed". Emitted on the GUI thread.
    notification = Signal(object)
    presence_changed = Signal(int)
    _notification_arrived = Signal(object)
    _presence_arrived = Signal(int)

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
        self._agents: list[AgentOut] = []
        self._previews = PreviewFiles("console-previews-")
        self._unsubscribe: list[Callable[[], object]] = []
        # Engine callbacks may come from any thread: hop to this object's thread first.
        queued = Qt.ConnectionType.QueuedConnection
        self._notification_arrived.connect(self.notification, queued)
        self._presence_arrived.connect(self.presence_changed, queued)
        self.bridge = ChangeBridge(store.hub, parent=self)
        self.kb = KbActions(  # before the window
            store,
            lambda: self.sync,
            self._spawn,
            retry=self.retry,
            discard=self.discard,
            parent=self,
        )
        self.chat = ChatActions(
            store, lambda: self.sync, self._spawn, me, agents=self.agents, parent=self
        )
        # Verification and account actions: online only, straight to the server (never queued).
        self.identity = IdentityActions(lambda: self.client, self._spawn, parent=self)
        self.aml = AmlActions(lambda: self.client, self._spawn, parent=self)  # online only
        self.audit = AuditActions(store, lambda: self.client, self._spawn, self.agents, self)
        # The training workspace: the trainer's page, and the trainee's invitations.
        self.training = TrainingActions(lambda: self.client, self._spawn, parent=self)
        # A trainee's way into the training workspace.
        self.mock_mode = MockTicketMode(self, self._spawn)
        if window is None:
            window = MainWindow(
                store, self.bridge, self, me, demo=demo, workspace_name=workspace_name
            )
        else:
            window.attach(store, self.bridge, self, me)
        self.window = window
        self.audit.watch(window)  # the composers' blocked messages go to the audit log
        self.bridge.changed.connect(self._on_changes)
        self.window.sign_out_requested.connect(self.sign_out_requested)
        self.presence_changed.connect(self.window.ticket_view.on_presence_changed)
        if client is not None:
            self.attach(client, sync)

    # --- lifecycle ---------------------------------------------------------------------------

    def attach(self, client: SupportClient, sync: SyncEngine | None = None) -> None:
        """Start talking to the server: the sync engine runs on the asyncio loop from now on."""
        from console.sync import SyncEngine

        self.client = client
        self.sync = sync if sync is not None else SyncEngine(client, self.store, self.me)
        self._run_task = asyncio.ensure_future(self._run_sync(self.sync))
        self._subscribe(self.sync)
        self.kb.listen(self.sync)
        self.chat.listen(self.sync)
        self._spawn(self._load_agents(client))
        self._spawn(self._load_vip_targets(client))
        if self.me.role in TRAINEE_ROLES and not client.base_url.endswith(TRAINING_PATH):
            self.training.watch_invitations()
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

    def _subscribe(self, sync: SyncEngine) -> None:
        for source, callback in (
            (sync.presence, self._presence_arrived.emit),
            (sync.notifications, self._notification_arrived.emit),
        ):
            unsubscribe = source.subscribe(callback)
            if callable(unsubscribe):
                self._unsubscribe.append(unsubscribe)

    async def _load_vip_targets(self, client: SupportClient) -> None:
        """The server's VIP response targets, for the countdowns on VIP chats."""
        from console.ui.chat.vip_countdown import remember_tier_targets

        try:
            remember_tier_targets(await client.vip_tiers())
        except ApiError as exc:  # offline: the default targets until the next session
            log.info("VIP targets not loaded: %r", exc)

    async def _load_agents(self, client: SupportClient) -> None:
        try:
            self._agents = await client.agents()
        except ApiError as exc:  # offline: the assignee menu offers me and "unassigned"
            log.info("agent list not loaded: %r", exc)

    async def aclose(self) -> None:
        """Stop syncing and release the client; drafts are saved first."""
        await self.mock_mode.close()
        self.window.ticket_view.leave()
        self.window.ticket_view.save_draft_now()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.kb.stop_listening()
        if self.window.chat_pages is not None:
            self.window.chat_pages.leave()  # "stopped typing" and the chat draft, before stop
        self.chat.close()
        self.audit.close()  # unsent reports stay in the store for the next session
        self.training.close()
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
        await asyncio.to_thread(self._previews.remove)

    # --- TicketCommands ----------------------------------------------------------------------

    def can_send(self) -> bool:
        return self.sync is not None

    def _engine(self) -> SyncEngine:
        if self.sync is None:
            raise RuntimeError("not connected yet")
        return self.sync

    def send_message(
        self, ticket_id: int, kind: str, body: str, files: Sequence[Path] = ()
    ) -> None:
        self._engine().send_message(ticket_id, kind, body, self.me.display_name, files)

    def send_and_set_status(
        self, ticket_id: int, body: str, status: str, files: Sequence[Path] = ()
    ) -> None:
        sync = self._engine()
        sync.send_message(ticket_id, MessageKind.REPLY, body, self.me.display_name, files)
        sync.update_ticket(ticket_id, TicketUpdate(status=TicketStatus(status)))

    def apply_macro(self, ticket_ids: Sequence[int], macro_id: int) -> int:
        sync = self._engine()
        macro = next((m for m in self.store.macros() if m.id == macro_id), None)
        if macro is None:
            raise LookupError(f"no macro {macro_id}")
        queued = 0
        for ticket_id in ticket_ids:
            ticket = self.store.ticket(ticket_id)
            if ticket is None:
                continue
            body = macro_for_ticket(self.store, macro, ticket, self.me.display_name)
            if body.strip():
                sync.send_message(ticket_id, MessageKind.REPLY, body, self.me.display_name)
            update: dict[str, Any] = {}
            if macro.set_status is not None:
                update["status"] = macro.set_status
            new_tags = [t for t in macro.add_tags if t not in ticket.tags]
            if new_tags:
                update["tags"] = [*ticket.tags, *new_tags]
            if update:
                sync.update_ticket(ticket_id, TicketUpdate(**update))
            queued += 1
        return queued

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None:
        self._engine().update_ticket(ticket_id, update)

    def escalate(self, ticket_id: int, department: str, note: str) -> None:
        self._engine().escalate(ticket_id, department, note)

    def close_escalation(self, escalation_id: int, ticket_id: int) -> None:
        self._engine().close_escalation(escalation_id, ticket_id)

    def merge(self, source_id: int, into_id: int) -> None:
        self._engine().merge(source_id, into_id)

    def link(self, ticket_id: int, other_id: int) -> None:
        self._engine().link(ticket_id, other_id)

    def unlink(self, ticket_id: int, other_id: int) -> None:
        self._engine().unlink(ticket_id, other_id)

    def set_presence(self, ticket_id: int, state: str) -> None:
        if self.sync is not None:
            try:
                self.sync.set_presence(ticket_id, PresenceState(state))
            except Exception:  # presence is a courtesy: it never stops the agent's work
                log.exception("presence for ticket %s not sent", ticket_id)
            if state == PresenceState.VIEWING:  # who was already there before I came
                self._spawn(self._fetch_presence(self.sync, ticket_id))

    async def _fetch_presence(self, sync: SyncEngine, ticket_id: int) -> None:
        try:
            await sync.fetch_presence(ticket_id)
        except ApiError as exc:
            log.info("presence of ticket %s not loaded: %r", ticket_id, exc)

    def presence(self, ticket_id: int) -> list[PresenceOut]:
        return self.sync.presence.on(ticket_id) if self.sync is not None else []

    def agents(self) -> list[AgentOut]:
        return list(self._agents)

    def fetch_escalations(self, ticket_id: int) -> None:
        if self.sync is not None:
            self._spawn(self._fetch_escalations(self.sync, ticket_id))

    async def _fetch_escalations(self, sync: SyncEngine, ticket_id: int) -> None:
        try:
            await sync.fetch_escalations(ticket_id)
        except ApiError as exc:  # the cached side threads stay on screen
            log.info("escalations of ticket %s not loaded: %r", ticket_id, exc)

    def download_attachment(self, attachment_id: int, dest: Path) -> None:
        sync = self._engine()
        self._spawn(self._download(sync, attachment_id, dest))

    async def _download(self, sync: SyncEngine, attachment_id: int, dest: Path) -> None:
        try:
            saved = await sync.download_attachment(attachment_id, dest)
        except ServerUnreachable:
            self.window.show_notice(tr("Offline: the file can be saved once the server is back."))
        except (ApiError, OSError) as exc:
            log.warning("saving attachment %s failed: %r", attachment_id, exc)
            self.window.show_notice(tr("The file could not be saved."))
        else:
            self.window.show_notice(tr("Saved {path}", path=str(saved or dest)))

    def load_preview(
        self, attachment_id: int, max_side: int, done: Callable[[QImage | None], None]
    ) -> None:
        if self.sync is None:
            done(None)
            return
        self._spawn(self._preview(self.sync, attachment_id, max_side, done))

    async def _preview(
        self,
        sync: SyncEngine,
        attachment_id: int,
        max_side: int,
        done: Callable[[QImage | None], None],
    ) -> None:
        done(await self._previews.image(attachment_id, max_side, sync.download_attachment))

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

    def refresh_ticket(self, ticket_id: int, done: Callable[[], None] | None = None) -> None:
        if self.sync is not None:
            self._spawn(self._refresh_ticket(self.sync, ticket_id, done))

    async def _refresh_ticket(
        self, sync: SyncEngine, ticket_id: int, done: Callable[[], None] | None
    ) -> None:
        try:
            await sync.open_ticket(ticket_id)
            if done is not None:
                done()
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
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop (a widget test without qasync): nothing to run it on
            coro.close()
            return
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
