"""The newest events, read from the table once for every stream of this server process.

Each live stream used to query the events table itself whenever anything was committed: with
many consoles connected, one chat message meant a query and a serialisation per console. The
tail reads what is new once, keeps each event as the bytes a stream sends, and every stream
takes from it what is after its cursor and meant for its agent. A stream further behind than
the tail reaches reads the table itself (a console catching up after a night away).
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections.abc import Sequence

import anyio.to_thread

from console.api.schemas import EventOut
from console.server.db import Database
from console.server.notifier import PublishedEvent
from console.server.services import events
from console.server.sse_format import format_event

__all__ = ["EventTail", "format_event"]

# Kept in memory: several minutes of a busy floor, a few MB at most.
KEEP = 5000
READ_BATCH = 1000


class EventTail:
    def __init__(self, db: Database, poll_s: float, keep: int = KEEP) -> None:
        self._db = db
        self._poll_s = poll_s
        self._keep = keep
        self._ids: list[int] = []
        self._entries: list[tuple[int | None, bytes]] = []  # (audience, SSE bytes) by id
        self._floor: int | None = None  # every event above this id is held (once started)
        self._last_id = 0
        self._generation = -1
        self._read_at = 0.0
        self._lock: asyncio.Lock | None = None
        self._listening = False

    async def after(self, after: int, agent_id: int, limit: int) -> list[tuple[int, bytes]] | None:
        """Up to `limit` (id, bytes) of the events after `after` for `agent_id`; None when
        `after` is older than what the tail holds (the caller reads the table)."""
        if not self._listening:
            self._listening = True
            self._db.notifier.listen(self._accept)
        await self._refresh()
        if self._floor is None or after < self._floor:
            return None
        start = bisect.bisect_right(self._ids, after)
        found: list[tuple[int, bytes]] = []
        for index in range(start, len(self._ids)):
            audience, data = self._entries[index]
            if audience is None or audience == agent_id:
                found.append((self._ids[index], data))
                if len(found) >= limit:
                    break
        return found

    def _accept(self, generation: int, published: Sequence[PublishedEvent] | None) -> None:
        """Takes a commit's events as this process announces them (on the loop, in commit
        order). Anything else (a gap: another process wrote too; a notification without events)
        leaves the generation unseen, and the next reader reads the table."""
        if self._floor is None or published is None:
            return
        fresh = [event for event in published if event.id > self._last_id]
        expected = self._last_id + 1
        for event in fresh:
            if event.id != expected:
                return
            expected += 1
        for event in fresh:
            self._ids.append(event.id)
            self._entries.append((event.audience, event.data))
        if fresh:
            self._last_id = fresh[-1].id
            self._trim()
        if generation == self._generation + 1:
            self._generation = generation

    async def _refresh(self) -> None:
        """Reads the table when this process committed events since the last read, or when
        the poll interval has passed (other processes write there too)."""
        if not self._due():
            return
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if not self._due():  # another stream read it while this one waited
                return
            self._generation = self._db.notifier.generation
            self._read_at = time.monotonic()
            if self._floor is None:
                self._floor = self._last_id = await anyio.to_thread.run_sync(self._newest)
                return
            rows = await anyio.to_thread.run_sync(self._read_after, self._last_id)
            # Changed here, on the event loop, never while a stream walks the lists. Events
            # the tail took from announcements while the table was read are there already.
            for audience, event in rows:
                if event.id > self._last_id:
                    self._ids.append(event.id)
                    self._entries.append((audience, format_event(event)))
                    self._last_id = event.id
            self._trim()

    def _due(self) -> bool:
        return (
            self._db.notifier.generation != self._generation
            or time.monotonic() - self._read_at >= self._poll_s
        )

    def _newest(self) -> int:
        with self._db.read() as session:
            return events.last_event_id(session)

    def _read_after(self, after: int) -> list[tuple[int | None, EventOut]]:
        found: list[tuple[int | None, EventOut]] = []
        with self._db.read() as session:
            while True:
                rows = events.rows_after(session, after, READ_BATCH)
                found.extend(rows)
                if len(rows) < READ_BATCH:
                    return found
                after = rows[-1][1].id

    def _trim(self) -> None:
        excess = len(self._ids) - self._keep
        if excess <= self._keep // 2:  # trim in large steps, not on every read
            return
        self._floor = self._ids[excess - 1]
        del self._ids[:excess]
        del self._entries[:excess]
