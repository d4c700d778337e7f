"""In-process wake-up for event streams when this process has committed new events.

Streams still poll the events table (other processes write there too); this only makes the
same-process case immediate. Safe to call from any thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from console.core.waiting import wait_set


class Subscription:
    """One waiting stream. Clear before reading the table, then wait: no wake-up is lost."""

    def __init__(self, notifier: EventNotifier) -> None:
        self._notifier = notifier
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()

    def clear(self) -> None:
        self._event.clear()

    async def wait(self, timeout: float) -> None:
        if self._notifier.closed:
            return
        await wait_set(self._event, timeout)

    def _set(self) -> None:  # on its loop
        self._event.set()


def _set_all(subs: list[Subscription]) -> None:
    for sub in subs:
        sub._set()


class EventNotifier:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()
        self._closed = False
        # Counts notifications: a reader that saw this number has seen every commit before it.
        self.generation = 0

    @property
    def closed(self) -> bool:
        """True once the server is shutting down: streams end instead of waiting."""
        return self._closed

    @contextlib.contextmanager
    def subscribe(self) -> Iterator[Subscription]:
        sub = Subscription(self)
        with self._lock:
            self._subscriptions.add(sub)
        try:
            yield sub
        finally:
            with self._lock:
                self._subscriptions.discard(sub)

    def notify(self) -> None:
        with self._lock:
            self.generation += 1
            subs = list(self._subscriptions)
        # One hand-over per event loop, not one per stream: each is a write to the loop's
        # wake-up pipe, and a busy server commits often with many streams open.
        by_loop: dict[asyncio.AbstractEventLoop, list[Subscription]] = {}
        for sub in subs:
            by_loop.setdefault(sub._loop, []).append(sub)
        for loop, waiting in by_loop.items():
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(_set_all, waiting)

    def close(self) -> None:
        self._closed = True
        self.notify()

    def reopen(self) -> None:
        self._closed = False
