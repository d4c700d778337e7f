"""My own presence on the open ticket: viewing when it opens, typing while I write (at most one
update per few seconds), back to viewing after a pause, left when I move on or close."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from console.core.domain import PresenceState

__all__ = ["TYPING_IDLE_MS", "TYPING_THROTTLE_S", "PresenceReporter"]

TYPING_THROTTLE_S = 5.0  # the server keeps an entry 30 s; the engine renews it every 10 s
TYPING_IDLE_MS = 6000  # no key for this long: "viewing" again


class PresenceReporter(QObject):
    def __init__(self, send: Callable[[int, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._send = send
        self._ticket_id: int | None = None
        self._state: str | None = None
        self._typing_sent = 0.0
        self._idle = QTimer(self, singleShot=True, interval=TYPING_IDLE_MS)
        self._idle.timeout.connect(self._stopped_typing)

    def state(self) -> str | None:
        return self._state

    def open(self, ticket_id: int | None) -> None:
        if ticket_id == self._ticket_id:
            return
        self.leave()
        self._ticket_id = ticket_id
        if ticket_id is not None:
            self._set(PresenceState.VIEWING)

    def leave(self) -> None:
        self._idle.stop()
        if self._ticket_id is not None and self._state is not None:
            self._set(PresenceState.LEFT)
        self._ticket_id = None
        self._state = None

    def typed(self) -> None:
        if self._ticket_id is None:
            return
        self._idle.start()
        now = time.monotonic()
        if self._state != PresenceState.TYPING or now - self._typing_sent >= TYPING_THROTTLE_S:
            self._typing_sent = now
            self._set(PresenceState.TYPING)

    def _stopped_typing(self) -> None:
        if self._ticket_id is not None and self._state == PresenceState.TYPING:
            self._set(PresenceState.VIEWING)

    def _set(self, state: str) -> None:
        assert self._ticket_id is not None
        self._state = str(state)
        self._send(self._ticket_id, str(state))
