"""The live event stream: Server-Sent Events read from the events table.

Each stream polls the table (events from other server processes land there too) and is woken
early by the in-process notifier. It ends when the client goes away (Starlette cancels it) or
when the server begins to shut down.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import anyio.to_thread

from console.api.schemas import EventOut
from console.server.runtime import Runtime
from console.server.services import events

BATCH = 500


def format_event(event: EventOut) -> bytes:
    return f"id: {event.id}\nevent: {event.type}\ndata: {event.model_dump_json()}\n\n".encode()


def _fetch(runtime: Runtime, after: int) -> list[EventOut]:
    with runtime.db.read() as session:
        return events.events_after(session, after, BATCH)


def _last_id(runtime: Runtime) -> int:
    with runtime.db.read() as session:
        return events.last_event_id(session)


async def resume_point(runtime: Runtime, after: int | None) -> int:
    if after is not None:
        return after
    return await anyio.to_thread.run_sync(_last_id, runtime)


async def event_stream(runtime: Runtime, after: int) -> AsyncIterator[bytes]:
    keepalive_s = runtime.settings.sse_keepalive_s
    poll_s = runtime.settings.event_poll_s
    # Comments end with a single newline: a blank line after one makes some clients (httpx-sse)
    # dispatch an empty event carrying the last id.
    yield b": connected\n"
    next_keepalive = time.monotonic() + keepalive_s
    with runtime.db.notifier.subscribe() as subscription:
        while not runtime.stopping:
            subscription.clear()
            batch = await anyio.to_thread.run_sync(_fetch, runtime, after)
            if batch:
                yield b"".join(format_event(e) for e in batch)
                after = batch[-1].id
                next_keepalive = time.monotonic() + keepalive_s
                if len(batch) == BATCH:
                    continue
            now = time.monotonic()
            if now >= next_keepalive:
                yield b": keepalive\n"
                next_keepalive = now + keepalive_s
            await subscription.wait(max(0.0, min(poll_s, next_keepalive - now)))
