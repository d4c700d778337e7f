"""Who else is on a ticket right now, from presence.changed events (never stored on disk)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from console.api.schemas import PresenceOut
from console.core.domain import PresenceState

__all__ = ["PresenceBoard"]

log = logging.getLogger(__name__)

PresenceListener = Callable[[int], None]


class PresenceBoard:
    """Live presence per ticket. `on(ticket_id)` leaves out my own entry, entries that have
    expired (the server renews them; a console that vanished stops renewing) and "left".
    Listeners get the ticket id after each change; they run on the event loop's thread."""

    def __init__(self, me_id: int, clock: Callable[[], datetime] | None = None) -> None:
        self._me_id = me_id
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._entries: dict[int, dict[int, PresenceOut]] = {}
        self._listeners: list[PresenceListener] = []

    def subscribe(self, callback: PresenceListener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def update(self, presence: PresenceOut) -> None:
        with self._lock:
            entries = self._entries.setdefault(presence.ticket_id, {})
            if presence.state is PresenceState.LEFT:
                entries.pop(presence.agent_id, None)
            else:
                entries[presence.agent_id] = presence
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(presence.ticket_id)
            except Exception:
                log.exception("presence listener failed")

    def replace(self, ticket_id: int, entries: list[PresenceOut]) -> None:
        """The server's full list for one ticket (GET /tickets/{id}/presence)."""
        with self._lock:
            self._entries[ticket_id] = {p.agent_id: p for p in entries}
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(ticket_id)
            except Exception:
                log.exception("presence listener failed")

    def on(self, ticket_id: int) -> list[PresenceOut]:
        now = self._clock()
        with self._lock:
            entries = list(self._entries.get(ticket_id, {}).values())
        return sorted(
            (
                p
                for p in entries
                if p.agent_id != self._me_id
                and p.expires_at > now
                and p.state is not PresenceState.LEFT
            ),
            key=lambda p: p.agent_name,
        )
