"""The sync engine: keeps the local store in step with the server in both directions.

Tasks under run(): the follower (bootstrap, catch up, live stream; reconnects with backoff
on any failure), the flusher (sends the outbox whenever the console is online and something
was queued), the presence renewer (every 10 s; my_presence.py) and the due-soon check (every
30 s). Store calls go through asyncio.to_thread so the event loop (the GUI's, under qasync)
never waits on the disk. Commands from the agent (send_message, update_ticket, escalate, merge,
link, ...) are plain methods (commands.py): they write the store at once and wake the flusher.

Events pass the PresenceBoard (`engine.presence`) and the NotificationCenter
(`engine.notifications`) before the store applies them; knowledge-base flag and revision
events also go to `engine.kb_listeners` (they are not stored). The knowledge base's commands
and online actions are KbCommands (kb.py); its articles are fetched at every connect. Live chat
is ChatCommands (chat.py): `engine.chat_typing` and `engine.chat_status` are its live boards;
its heartbeat and message fetcher run beside the tasks above. The VIP desk is VipSync (vip.py,
`engine.vip`): its portfolio refresher runs beside them too.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from console.api.client import SupportClient, new_idempotency_key
from console.api.errors import ApiError
from console.api.schemas import (
    AgentOut,
    EscalationOut,
    EventOut,
    PresenceOut,
    TicketUpdate,
)
from console.core.domain import EventType, PresenceState, Role
from console.core.secrets import prepare_detector
from console.core.waiting import wait_set
from console.store import Change, OutboxKind, Store
from console.sync.attachments import discard_copies
from console.sync.backoff import Backoff
from console.sync.chat import ChatCommands
from console.sync.commands import InboxCommands
from console.sync.feed import EventFeed
from console.sync.kb import KbCommands, fetch_all_articles
from console.sync.my_presence import MyPresence
from console.sync.notifications import NotificationCenter
from console.sync.outbox import OutboxSender
from console.sync.presence import PresenceBoard
from console.sync.state import ConnectionState
from console.sync.vip import VipSync

__all__ = ["OFFLINE_AFTER_FAILURES", "SyncEngine"]

log = logging.getLogger(__name__)

KB_FIRST_FILL_DELAY_S = 3.0

# After this many failed connection attempts in a row the console shows itself offline.
OFFLINE_AFTER_FAILURES = 3


DUE_SOON_CHECK_S = 30.0

# Knowledge-base events that are not stored: review pages refresh from them (kb_listeners).
KB_REVIEW_EVENTS = frozenset(
    {
        EventType.KB_FLAG_CREATED,
        EventType.KB_FLAG_UPDATED,
        EventType.KB_REVISION_PROPOSED,
        EventType.KB_REVISION_DECIDED,
    }
)

KbListener = Callable[[EventOut], None]


class SyncEngine(InboxCommands, KbCommands, ChatCommands, MyPresence):
    def __init__(
        self,
        client: SupportClient,
        store: Store,
        me: AgentOut,
        *,
        backoff_initial: float = 0.5,
        backoff_max: float = 15.0,
        batch_max: int = 500,
        rng: random.Random | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self.me = me
        self.kb_first_fill_delay_s = KB_FIRST_FILL_DELAY_S
        self._rng = rng or random.Random()
        self._reconnect = Backoff(backoff_initial, backoff_max, rng=self._rng)
        self._retry_send = Backoff(backoff_initial, backoff_max, rng=self._rng)
        self.presence = PresenceBoard(me.id)
        self.notifications = NotificationCenter(
            store, me.id, datetime.now(UTC), supervisor=me.role == Role.SUPERVISOR
        )
        # Called with each kb.flag.* / kb.revision.* event, on a worker thread, before the
        # store applies its batch: keep them quick and hand the work to your own thread.
        self.kb_listeners: list[KbListener] = []
        self._feed = EventFeed(client, store, batch_max=batch_max, before_apply=self._route)
        self._sender = OutboxSender(client, store)
        self._my_presence: dict[int, PresenceState] = {}
        self._state = ConnectionState.OFFLINE
        self._failures = 0
        # The last failure to connect (None while online); status 401 means: sign in again.
        self.last_error: ApiError | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._stop_requested: asyncio.Event | None = None
        self._flush_wanted: asyncio.Event | None = None
        self._reconnect_wanted: asyncio.Event | None = None
        self._stopped: asyncio.Event | None = None
        self._side_tasks: set[asyncio.Task[None]] = set()
        self._init_chat()
        # The VIP desk (managers and supervisors): portfolio cache, client pages, refreshes.
        self.vip = VipSync(client, store, me)

    # --- state -------------------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        return self._state

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self._state:
            log.info("connection %s -> %s", self._state, state)
            self._state = state
            self._store.hub.publish(Change("connection"))

    # --- lifecycle ---------------------------------------------------------------------------

    async def run(self) -> None:
        """Sync until stop(). Never raises for server or network trouble."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._stop_requested = asyncio.Event()
        self._flush_wanted = asyncio.Event()
        self._reconnect_wanted = asyncio.Event()
        self._stopped = asyncio.Event()
        self._flush_wanted.set()  # work left from the last session goes out once online
        tasks = [
            asyncio.create_task(self._follow_forever(), name="sync-follow"),
            asyncio.create_task(self._flush_forever(), name="sync-flush"),
            asyncio.create_task(self._renew_presence_forever(), name="sync-presence"),
            asyncio.create_task(self._check_due_soon_forever(), name="sync-due-soon"),
            *(asyncio.create_task(chat, name="sync-chat") for chat in self._chat_tasks()),
            asyncio.create_task(self.vip.run_refresher(), name="sync-vip"),
            # The store redacts secrets in arriving customer messages: its tables are built
            # now, not while the first chat message waits.
            asyncio.create_task(asyncio.to_thread(prepare_detector), name="secret-tables"),
        ]
        try:
            await self._stop_requested.wait()
        finally:
            for task in [*tasks, *self._side_tasks]:
                task.cancel()
            await asyncio.gather(*tasks, *self._side_tasks, return_exceptions=True)
            self._set_state(ConnectionState.OFFLINE)
            self._stopped.set()

    async def stop(self) -> None:
        if self._stop_requested is None or self._stopped is None:
            return
        self._stop_requested.set()
        await self._stopped.wait()

    # --- read path ---------------------------------------------------------------------------

    async def _follow_forever(self) -> None:
        while True:
            if self._reconnect_wanted is not None:
                self._reconnect_wanted.clear()
            try:
                await self._connect_and_follow()
                log.info("event stream ended; reconnecting")
            except ApiError as exc:
                self.last_error = exc
                log.info("sync connection failed: %r", exc)
            except Exception:  # a bug or a disk error must not end syncing for the session
                log.exception("sync loop failed; retrying")
            self._failures += 1
            delay = self._reconnect.next_delay()
            signed_out = self.last_error is not None and self.last_error.status == 401
            if signed_out:
                # The token is gone: only signing in again helps (then call reconnect_now()).
                delay = self._reconnect.maximum
            failing = signed_out or self._failures >= OFFLINE_AFTER_FAILURES
            self._set_state(ConnectionState.OFFLINE if failing else ConnectionState.RECONNECTING)
            await self._pause(delay)

    async def _pause(self, delay: float) -> None:
        wake = self._reconnect_wanted
        if wake is None:
            await asyncio.sleep(delay)
            return
        await wait_set(wake, delay)

    def reconnect_now(self) -> None:
        """Cut the current backoff wait short (after signing in again, or a "Retry" click)."""
        self._set_from_any_thread(self._reconnect_wanted)

    async def _connect_and_follow(self) -> None:
        cursor = await self._feed.cursor()
        if cursor is None:
            cursor = await self._feed.bootstrap(
                on_reachable=lambda: self._set_state(ConnectionState.SYNCING)
            )
        cursor = await self._feed.catch_up(cursor)
        self._went_online()
        self._spawn(self._refresh_workspace_data())
        self._spawn(self._refresh_kb_articles())
        self._spawn(self._refresh_chats())
        self.vip.request_refresh()  # what changed while we were away
        await self._feed.follow(cursor)

    def _route(self, events: Sequence[EventOut]) -> None:
        """Before the store applies events (on a worker thread): presence and notifications."""
        for event in events:
            if event.type is EventType.PRESENCE_CHANGED:
                try:
                    self.presence.update(PresenceOut.model_validate(event.payload))
                except ValidationError:
                    log.warning("skipping malformed presence event %s", event.id)
        self._route_chat(events)
        self.vip.observe(events)  # vip.client.updated rows into the cache, refresh requests
        self.notifications.observe(events)
        for event in events:
            if event.type in KB_REVIEW_EVENTS:
                for listener in list(self.kb_listeners):
                    try:
                        listener(event)
                    except Exception:
                        log.exception("knowledge-base listener failed")

    async def _refresh_workspace_data(self) -> None:
        """Macros and SLA policies, at every connect. Best effort: the cache serves meanwhile."""
        try:
            macros, policies = await asyncio.gather(
                self._client.macros(), self._client.sla_policies()
            )
        except ApiError as exc:
            log.info("could not fetch macros / SLA policies: %r", exc)
            return
        await asyncio.to_thread(self._store.set_macros, macros)
        await asyncio.to_thread(self._store.set_sla_policies, policies)

    async def _refresh_kb_articles(self) -> None:
        """Every published article when the cache has none (the first sync, or after a reset);
        afterwards the event stream, replayed from the cursor after a disconnect, keeps them
        current. The first fill waits a moment: parsing and indexing a few hundred articles
        in four languages would otherwise compete with the agent's first keystrokes.
        Best effort: the stored articles serve search meanwhile."""
        if await asyncio.to_thread(self._store.kb.count) > 0:
            return
        await asyncio.sleep(self.kb_first_fill_delay_s)
        try:
            count = await fetch_all_articles(self._client, self._store)
        except ApiError as exc:
            log.info("could not fetch knowledge-base articles: %r", exc)
            return
        log.info("knowledge base: %d articles fetched", count)

    def _went_online(self) -> None:
        self._failures = 0
        self.last_error = None
        self._reconnect.reset()
        self._set_state(ConnectionState.ONLINE)
        self._wake_flusher()

    # --- write path --------------------------------------------------------------------------

    def _wake_flusher(self) -> None:
        # Not running: run() flushes whatever is queued when it starts.
        self._set_from_any_thread(self._flush_wanted)

    def _set_from_any_thread(self, event: asyncio.Event | None) -> None:
        loop = self._loop
        if event is None or loop is None:
            return
        if threading.get_ident() != self._loop_thread:
            loop.call_soon_threadsafe(event.set)
        else:
            event.set()

    async def _flush_forever(self) -> None:
        assert self._flush_wanted is not None
        while True:
            await self._flush_wanted.wait()
            self._flush_wanted.clear()
            if self._state is not ConnectionState.ONLINE:
                continue  # _went_online() wakes us again
            try:
                await self._sender.flush()
                self._retry_send.reset()
            except Exception as exc:
                if not isinstance(exc, ApiError):
                    log.exception("outbox flush failed")
                delay = self._retry_send.next_delay()
                log.info("outbox flush paused %.1fs: %r", delay, exc)
                await asyncio.sleep(delay)
                self._flush_wanted.set()

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> int:
        """Apply the change to the cached ticket at once and queue it; returns the outbox id."""
        payload = update.model_dump(mode="json", exclude_unset=True)
        item_id = self._store.queue_ticket_update(ticket_id, payload, new_idempotency_key())
        self._wake_flusher()
        return item_id

    def retry(self, outbox_id: int) -> bool:
        done = self._store.requeue(outbox_id)
        if done:
            self._wake_flusher()
        return done

    def discard(self, outbox_id: int) -> bool:
        item = self._store.outbox_item(outbox_id)
        done = self._store.discard(outbox_id)
        if done and item is not None and item.kind == OutboxKind.TICKET_UPDATE:
            self._spawn(self._sender.refresh_ticket(item.target_id))
        if done and item is not None and item.kind in (OutboxKind.MESSAGE, OutboxKind.CHAT_MESSAGE):
            discard_copies(self._store.data_dir, item.client_id)
        return done

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        loop = self._loop
        if loop is None or not loop.is_running() or threading.get_ident() != self._loop_thread:
            coro.close()  # not running here: the live stream brings the server's state later
            return
        task = loop.create_task(coro)
        self._side_tasks.add(task)
        task.add_done_callback(self._side_tasks.discard)

    # --- due-soon checks ---------------------------------------------------------------------

    async def _check_due_soon_forever(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.notifications.check_due_soon)
            except Exception:
                log.exception("due-soon check failed")
            await asyncio.sleep(DUE_SOON_CHECK_S)

    # --- on demand ---------------------------------------------------------------------------

    async def download_attachment(self, attachment_id: int, dest: Path) -> Path:
        """Save an attachment where the agent chose (never opened). Raises ApiError."""
        return await self._client.download_attachment(attachment_id, dest)

    async def fetch_escalations(self, ticket_id: int) -> list[EscalationOut]:
        """The ticket's escalations from the server, into the store. Raises ApiError."""
        items = await self._client.escalations(ticket_id)
        await asyncio.to_thread(self._store.upsert_escalations, items)
        return items

    async def open_ticket(self, ticket_id: int) -> None:
        """Fetch the ticket, its messages and its customer into the store. Raises ApiError."""
        ticket, messages = await asyncio.gather(
            self._client.get_ticket(ticket_id), self._client.messages(ticket_id)
        )
        customer = await self._client.customer(ticket.customer_uid)
        await asyncio.to_thread(self._store.upsert_tickets, [ticket])
        await asyncio.to_thread(self._store.upsert_messages, messages)
        await asyncio.to_thread(self._store.upsert_customer, customer)
