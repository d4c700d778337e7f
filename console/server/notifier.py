"""In-process wake-up for event streams when this process has committed new events.

Streams still poll the events table (other processes write there too); this only makes the
same-process case immediate. Safe to call from any thread. A commit's events travel with its
notification, so the event tail can take them without reading the table back.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from console.core.waiting import wait_set


class PublishedEvent(NamedTuple):
    id: int
    audience: int | None  # the one agent it is for; None: everyone
    data: bytes  # as a stream sends it


# Called on its loop with (generation, events); events None: "something was committed".
Listener = Callable[[int, Sequence[PublishedEvent] | None], None]


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


def _deliver(
    listeners: list[Listener],
    generation: int,
    published: Sequence[PublishedEvent] | None,
    subs: list[Subscription],
) -> None:
    for listener in listeners:  # first: the woken streams then find the events held
        listener(generation, published)
    for sub in subs:
        sub._set()


class EventNotifier:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()
        self._listeners: dict[Listener, asyncio.AbstractEventLoop] = {}
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

    def listen(self, listener: Listener) -> None:
        """Call `listener` on the running loop with every notification from now on."""
        loop = asyncio.get_running_loop()
        with self._lock:
            self._listeners[listener] = loop

    def notify(self, published: Sequence[PublishedEvent] | None = None) -> None:
        with self._lock:
            self.generation += 1
            generation = self.generation
            # One hand-over per event loop, not one per stream: each is a write to the loop's
            # wake-up pipe, and a busy server commits often with many streams open.
            by_loop: dict[asyncio.AbstractEventLoop, tuple[list[Listener], list[Subscription]]]
            by_loop = {}
            for listener, loop in self._listeners.items():
                by_loop.setdefault(loop, ([], []))[0].append(listener)
            for sub in self._subscriptions:
                by_loop.setdefault(sub._loop, ([], []))[1].append(sub)
            # Handed over under the lock: each loop sees notifications in generation order.
            for loop, (listeners, waiting) in by_loop.items():
                with contextlib.suppress(RuntimeError):  # the loop has already closed
                    loop.call_soon_threadsafe(_deliver, listeners, generation, published, waiting)

    def close(self) -> None:
        self._closed = True
        self.notify()

    def reopen(self) -> None:
        self._closed = False
