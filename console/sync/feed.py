"""The read path: fill the store from the server and keep it current.

bootstrap: remember the newest event id, page every ticket into the store, then set the cursor
to that id (events that happen meanwhile are replayed later; upserts keep the newer version).
catch_up: page GET /events from the cursor until nothing is left (big backlogs after a night
offline go in pages of 500, one transaction each). follow: read the live stream from the cursor
and apply what has arrived in batches. The cursor moves only inside the store's transaction
that applied the events, so a crash or disconnect at any point resumes without gap or repeat.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass

from console.api.client import SupportClient
from console.api.schemas import EventOut
from console.store import Store

log = logging.getLogger(__name__)

PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class _StreamEnd:
    error: BaseException | None = None


class EventFeed:
    def __init__(
        self,
        client: SupportClient,
        store: Store,
        *,
        batch_max: int = 500,
        before_apply: Callable[[Sequence[EventOut]], None] | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._batch_max = batch_max
        self._before_apply = before_apply

    async def _apply(self, events: Sequence[EventOut]) -> None:
        route = self._before_apply
        if route is None:
            await asyncio.to_thread(self._store.apply_events, events)
            return

        def routed() -> None:
            cursor = self._store.event_cursor()
            fresh = [e for e in events if cursor is None or e.id > cursor]
            try:
                route(fresh)  # sees the cache as it was before these events
            except Exception:
                log.exception("routing events before the store failed")
            self._store.apply_events(events)

        await asyncio.to_thread(routed)

    async def cursor(self) -> int | None:
        return await asyncio.to_thread(self._store.event_cursor)

    async def bootstrap(self, on_reachable: Callable[[], None] | None = None) -> int:
        """Load every ticket, then return the event id to follow from. `on_reachable` runs
        once the server has answered (a full load takes a while: say so, not "offline")."""
        newest = (await self._client.events(after=0, limit=1)).last_id
        if on_reachable is not None:
            on_reachable()
        page_cursor: str | None = None
        total = 0
        while True:
            page = await self._client.list_tickets(cursor=page_cursor, limit=PAGE_SIZE)
            await asyncio.to_thread(self._store.upsert_tickets, page.items)
            total += len(page.items)
            page_cursor = page.next_cursor
            if not page_cursor or not page.items:
                break
        await asyncio.to_thread(self._store.set_event_cursor, newest)
        log.info("bootstrap: %d tickets, cursor %d", total, newest)
        return newest

    async def catch_up(self, cursor: int) -> int:
        while True:
            page = await self._client.events(after=cursor, limit=PAGE_SIZE)
            if page.last_id < cursor:
                # The server's history restarted below our cursor (a new database): what we
                # hold belongs to another history, and waiting for ids above the cursor would
                # miss everything. Start over from the server's current state.
                log.warning("server events end at %d, below cursor %d", page.last_id, cursor)
                await asyncio.to_thread(self._store.reset_cache)
                return await self.bootstrap()
            if not page.items:
                return cursor
            await self._apply(page.items)
            stored = await self.cursor()
            if stored is None or stored <= cursor:
                # Every item was at or below the cursor: the server repeats itself; stop here
                # rather than loop, the stream resumes from the same place.
                return cursor
            cursor = stored
            if cursor >= page.last_id:
                return cursor

    async def follow(self, cursor: int, on_batch: Callable[[int], None] | None = None) -> None:
        """Apply stream events until the stream ends or fails (the failure is raised).

        A reader task fills a queue while the applier writes what has accumulated in one
        transaction: no added latency for a single event, large batches during a burst.
        """
        queue: asyncio.Queue[EventOut | _StreamEnd] = asyncio.Queue(maxsize=self._batch_max * 4)

        async def read() -> None:
            try:
                async with aclosing(self._client.stream_events(after=cursor)) as events:
                    async for event in events:
                        await queue.put(event)
            except Exception as exc:  # handed to the applier, which raises it after the rest
                await queue.put(_StreamEnd(exc))
                return
            await queue.put(_StreamEnd())

        reader = asyncio.create_task(read(), name="event-stream-reader")
        try:
            while True:
                item = await queue.get()
                batch: list[EventOut] = []
                end: _StreamEnd | None = None
                while True:
                    if isinstance(item, _StreamEnd):
                        end = item
                        break
                    batch.append(item)
                    if len(batch) >= self._batch_max:
                        break
                    try:
                        item = queue.get_nowait()
                    except asyncio.QueueEmpty:
                        break
                if batch:
                    await self._apply(batch)
                    if on_batch is not None:
                        on_batch(len(batch))
                if end is not None:
                    if end.error is not None:
                        raise end.error
                    return
        finally:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
