"""Tell the customer that the agent is typing without a request per key.

The first key sends "typing"; while the agent keeps typing it is repeated at most every
`REPEAT_MS` (the customer's indicator expires otherwise); `IDLE_MS` after the last key, or when
the message is sent or the chat is left, "stopped typing" follows. A send failure is ignored:
typing is a courtesy."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

__all__ = ["IDLE_MS", "REPEAT_MS", "TypingThrottle"]

REPEAT_MS = 3000
IDLE_MS = 4000


class TypingThrottle(QObject):
    def __init__(
        self,
        send: Callable[[int, bool], None],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._send = send
        self._clock = clock
        self._conversation: int | None = None
        self._last_sent: float | None = None  # when "typing" last went out, None: not typing
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.stop)

    @property
    def typing(self) -> bool:
        return self._last_sent is not None

    def key(self, conversation_id: int) -> None:
        """The agent changed the text of `conversation_id`'s composer."""
        if self._conversation != conversation_id:
            self.stop()
            self._conversation = conversation_id
        now = self._clock()
        if self._last_sent is None or (now - self._last_sent) * 1000 >= REPEAT_MS:
            self._last_sent = now
            self._emit(conversation_id, True)
        self._idle.start()

    def stop(self) -> None:
        """Sent, left or idle: "stopped typing", once."""
        self._idle.stop()
        if self._last_sent is not None and self._conversation is not None:
            self._emit(self._conversation, False)
        self._last_sent = None

    def _emit(self, conversation_id: int, typing: bool) -> None:
        try:
            self._send(conversation_id, typing)
        except Exception:  # a courtesy: it never stops the agent's work
            import logging

            logging.getLogger(__name__).info("typing state not sent", exc_info=True)
