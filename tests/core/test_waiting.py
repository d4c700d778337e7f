"""Timed waits keep a cancellation that arrives just as the awaited event is set (Python 3.11's
asyncio.wait_for swallows it, and a loop around it then never ends)."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable

import pytest

from console.core.waiting import wait_done, wait_set


async def _loop_until_cancelled(wait: Callable[[asyncio.Event], Awaitable[object]]) -> bool:
    """A heartbeat-style loop; True when cancelling it in the moment its event is set ends it."""
    event = asyncio.Event()

    async def heartbeat() -> None:
        while True:
            await wait(event)
            event.clear()

    task = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.01)  # waiting on the event now
    event.set()
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=1.0)
    if not done:
        task.cancel()  # a second cancel does get through
        await asyncio.gather(task, return_exceptions=True)
    return bool(done) and task.cancelled()


def test_a_cancel_in_the_moment_the_event_is_set_ends_the_loop() -> None:
    assert asyncio.run(_loop_until_cancelled(lambda e: wait_set(e, 10.0)))


def test_the_race_is_real_with_wait_for_on_this_python() -> None:
    """Why the helper exists; if a later Python fixes wait_for, this documents it."""

    async def with_wait_for(event: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), 10.0)

    swallowed = not asyncio.run(_loop_until_cancelled(with_wait_for))
    if sys.version_info < (3, 12):
        assert swallowed
    else:
        pytest.skip(f"wait_for kept the cancellation: {not swallowed}")


def test_timeouts_and_completion() -> None:
    async def main() -> None:
        event = asyncio.Event()
        assert await wait_set(event, 0.01) is False
        event.set()
        assert await wait_set(event, 0.01) is True
        assert await wait_done(asyncio.sleep(0), 1.0) is True
        slow = asyncio.ensure_future(asyncio.sleep(5))
        assert await wait_done(asyncio.shield(slow), 0.01) is False
        assert not slow.done()  # shielded: still going
        slow.cancel()

    asyncio.run(main())
