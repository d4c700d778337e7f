"""Waiting for something with a time limit, without losing a cancellation.

On Python 3.11, `asyncio.wait_for` returns normally when it is cancelled in the very moment the
awaited thing completes: the caller's cancellation is swallowed, and a loop around it never ends
(a stopping sync engine then waits forever for its heartbeat task). `asyncio.timeout` has no such
gap, so every timed wait goes through here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

__all__ = ["wait_done", "wait_set"]


async def wait_set(event: asyncio.Event, timeout: float) -> bool:
    """True once `event` is set, False when `timeout` seconds pass first."""
    if event.is_set():
        return True
    return await wait_done(event.wait(), timeout)


async def wait_done(awaitable: Awaitable[object], timeout: float) -> bool:
    """True when `awaitable` finished within `timeout` seconds, False when the time ran out
    (it is then cancelled; wrap it in asyncio.shield to keep it going)."""
    try:
        async with asyncio.timeout(timeout):
            await awaitable
    except TimeoutError:
        return False
    return True
