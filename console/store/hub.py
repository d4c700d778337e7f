"""The one observer interface between the data layers and whoever shows the data.

Writers publish a Change after their transaction commits; the UI adapts it to Qt signals on its
own side. Callbacks run on the publishing thread, so they must be quick and thread-safe.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Topics published by the store and the sync engine. For "messages" the ids are ticket ids,
# for "customers" customer uids, for "drafts" draft keys, for "outbox" outbox item ids, for
# "kb" knowledge-base article ids (no ids: every article may have changed), for "chats" and
# "chat_messages" chat conversation ids.
TOPICS = (
    "tickets",
    "messages",
    "customers",
    "drafts",
    "outbox",
    "kb",
    "chats",
    "chat_messages",
    "connection",
)


@dataclass(frozen=True, slots=True)
class Change:
    topic: str
    ids: tuple[int | str, ...] = ()


Subscriber = Callable[[Change], None]


class ChangeHub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, change: Change) -> None:
        # Copy under the lock, call outside it: a callback may (un)subscribe re-entrantly.
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(change)
            except Exception:
                # One broken listener must not stop the others or the writer that published.
                log.exception("change listener failed for %s", change.topic)
