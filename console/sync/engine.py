"""The sync engine: keeps the local store in step with the server in both directions.

Two tasks under run(): the follower (bootstrap, catch up, live stream; reconnects with backoff
on any failure) and the flusher (sends the outbox whenever the console is online and something
was queued). Store calls go through asyncio.to_thread so the event loop (the GUI's, under qasync)
never waits on the disk. Commands from the agent (send_message, update_ticket, retry, discard)
are plain methods: they write the store at once and wake the flusher.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
import uuid
from collections.abc import Coroutine
from typing import Any

from console.api.client import SupportClient, new_idempotency_key
from console.api.errors import ApiError
from console.api.schemas import AgentOut, MessageCreate, TicketUpdate
from console.core.domain import MessageKind
from console.store import Change, OutboxKind, Store
from console.sync.backoff import Backoff
from console.sync.feed import EventFeed
from console.sync.outbox import OutboxSender
from console.sync.state import ConnectionState

log = logging.getLogger(__name__)

# After this many failed connection attempts in a row the console shows itself offline.
OFFLINE_AFTER_FAILURES = 3


class SyncEngine:
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
        self._rng = rng or random.Random()
        self._reconnect = Backoff(backoff_initial, backoff_max, rng=self._rng)
        self._retry_send = Backoff(backoff_initial, backoff_max, rng=self._rng)
        self._feed = EventFeed(client, store, batch_max=batch_max)
        self._sender = OutboxSender(client, store)
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
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), delay)

    def reconnect_now(self) -> None:
        """Cut the current backoff wait short (after signing in again, or a "Retry" click)."""
        self._set_from_any_thread(self._reconnect_wanted)

    async def _connect_and_follow(self) -> None:
        cursor = await self._feed.cursor()
        if cursor is None:
            cursor = await self._feed.bootstrap()
        cursor = await self._feed.catch_up(cursor)
        self._went_online()
        await self._feed.follow(cursor)

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

    def send_message(self, ticket_id: int, kind: str, body: str, author_name: str) -> str:
        """Show the message at once, queue it, and wake the flusher; returns its client_id."""
        client_id = uuid.uuid4().hex
        # Validate before queuing: a message the server must refuse is refused here.
        MessageCreate(kind=MessageKind(kind), body=body, client_id=client_id)
        self._store.queue_message(
            ticket_id, kind, body, client_id, author_name, new_idempotency_key()
        )
        self._wake_flusher()
        return client_id

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
        return done

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        loop = self._loop
        if loop is None or not loop.is_running() or threading.get_ident() != self._loop_thread:
            coro.close()  # not running here: the live stream brings the server's state later
            return
        task = loop.create_task(coro)
        self._side_tasks.add(task)
        task.add_done_callback(self._side_tasks.discard)

    # --- on demand ---------------------------------------------------------------------------

    async def open_ticket(self, ticket_id: int) -> None:
        """Fetch the ticket, its messages and its customer into the store. Raises ApiError."""
        ticket, messages = await asyncio.gather(
            self._client.get_ticket(ticket_id), self._client.messages(ticket_id)
        )
        customer = await self._client.customer(ticket.customer_uid)
        await asyncio.to_thread(self._store.upsert_tickets, [ticket])
        await asyncio.to_thread(self._store.upsert_messages, messages)
        await asyncio.to_thread(self._store.upsert_customer, customer)
