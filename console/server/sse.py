"""The live event stream: Server-Sent Events of the events table, for one agent.

Each stream takes new events from the process's EventTail (read once for all streams) and reads
the table itself only while it is further behind than the tail. It polls (events from other
server processes land in the table too) and is woken early by the in-process notifier. It ends
when the client goes away (Starlette cancels it) or when the server begins to shut down.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import anyio.to_thread

from console.server.event_tail import format_event
from console.server.runtime import Runtime
from console.server.services import events

__all__ = ["event_stream", "format_event", "resume_point"]

BATCH = 500


def _fetch(runtime: Runtime, after: int, agent_id: int) -> list[tuple[int, bytes]]:
    with runtime.db.read() as session:
        found = events.events_after(session, after, BATCH, agent_id)
    return [(event.id, format_event(event)) for event in found]


def _last_id(runtime: Runtime) -> int:
    with runtime.db.read() as session:
        return events.last_event_id(session)


async def resume_point(runtime: Runtime, after: int | None) -> int:
    if after is not None:
        return after
    return await anyio.to_thread.run_sync(_last_id, runtime)


async def event_stream(runtime: Runtime, after: int, agent_id: int) -> AsyncIterator[bytes]:
    keepalive_s = runtime.settings.sse_keepalive_s
    poll_s = runtime.settings.event_poll_s
    tail = runtime.event_tail
    # Comments end with a single newline: a blank line after one makes some clients (httpx-sse)
    # dispatch an empty event carrying the last id.
    yield b": connected\n"
    next_keepalive = time.monotonic() + keepalive_s
    with runtime.db.notifier.subscribe() as subscription:
        while not runtime.stopping:
            subscription.clear()
            batch = await tail.after(after, agent_id, BATCH)
            if batch is None:  # behind the tail: from the table
                batch = await anyio.to_thread.run_sync(_fetch, runtime, after, agent_id)
            if batch:
                yield b"".join(data for _id, data in batch)
                after = batch[-1][0]
                next_keepalive = time.monotonic() + keepalive_s
                if len(batch) == BATCH:
                    continue
            now = time.monotonic()
            if now >= next_keepalive:
                yield b": keepalive\n"
                next_keepalive = now + keepalive_s
            await subscription.wait(max(0.0, min(poll_s, next_keepalive - now)))
