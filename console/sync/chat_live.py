"""Live chat state that is never stored: who is typing where, and the agents' chat status.

Both come from events (chat.typing, chat.status.changed) before the store applies a batch, on a
worker thread; listeners are called there too, so they must be quick and thread-safe (the UI's
adapter re-emits them as Qt signals).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from console.api.schemas_chat import AgentChatStatusOut, ChatTypingOut

__all__ = ["TYPING_EXPIRES_S", "ChatStatusBoard", "ChatTypingBoard", "Typist"]

log = logging.getLogger(__name__)

# A typing indicator nobody renewed or cleared for this long is gone (a customer who closed the
# app never sends "stopped").
TYPING_EXPIRES_S = 6.0

Listener = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Typist:
    who: Literal["customer", "agent"]
    agent_id: int | None  # set for agents
    since: float  # the board's clock (monotonic seconds) when last renewed


class _Listeners:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """`callback(id)` after each change; returns the unsubscribe function."""
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def _notify(self, key: int) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(key)
            except Exception:
                log.exception("chat listener failed")


class ChatTypingBoard(_Listeners):
    """Who is typing in which conversation (`engine.chat_typing`). My own typing is left out.
    Listeners get the conversation id.

    Calling the board, `engine.chat_typing(conversation_id, typing)`, sends my own typing state
    (the same as `engine.set_chat_typing`: best effort, throttled)."""

    def __init__(
        self,
        me_id: int,
        send: Callable[[int, bool], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        expires_s: float = TYPING_EXPIRES_S,
    ) -> None:
        super().__init__()
        self._me_id = me_id
        self._send = send
        self._clock = clock
        self._expires_s = expires_s
        self._entries: dict[int, dict[tuple[str, int | None], Typist]] = {}

    def __call__(self, conversation_id: int, typing: bool) -> None:
        if self._send is not None:
            self._send(conversation_id, typing)

    def update(self, event: ChatTypingOut) -> None:
        if event.who == "agent" and event.agent_id == self._me_id:
            return
        key = (event.who, event.agent_id)
        with self._lock:
            entries = self._entries.setdefault(event.conversation_id, {})
            if event.typing:
                entries[key] = Typist(event.who, event.agent_id, self._clock())
            else:
                entries.pop(key, None)
        self._notify(event.conversation_id)

    def typing(self, conversation_id: int) -> list[Typist]:
        """Who is typing there now (customer first), leaving out expired entries."""
        now = self._clock()
        with self._lock:
            entries = list(self._entries.get(conversation_id, {}).values())
        live = [t for t in entries if now - t.since < self._expires_s]
        return sorted(live, key=lambda t: (t.who != "customer", t.agent_id or 0))

    def customer_typing(self, conversation_id: int) -> bool:
        return any(t.who == "customer" for t in self.typing(conversation_id))

    def clear(self, conversation_id: int) -> None:
        """Forget a conversation's typists (a message from them arrived, or it ended)."""
        with self._lock:
            found = self._entries.pop(conversation_id, None)
        if found:
            self._notify(conversation_id)


class ChatStatusBoard(_Listeners):
    """The agents' chat status as last announced (`engine.chat_status`); listeners get the
    agent id. `mine` is my own, from the server's answers to my status PUTs."""

    def __init__(self, me_id: int) -> None:
        super().__init__()
        self._me_id = me_id
        self._statuses: dict[int, AgentChatStatusOut] = {}

    def update(self, status: AgentChatStatusOut) -> None:
        with self._lock:
            self._statuses[status.agent_id] = status
        self._notify(status.agent_id)

    def replace(self, statuses: list[AgentChatStatusOut]) -> None:
        with self._lock:
            self._statuses = {s.agent_id: s for s in statuses}
        for status in statuses:
            self._notify(status.agent_id)

    def get(self, agent_id: int) -> AgentChatStatusOut | None:
        with self._lock:
            return self._statuses.get(agent_id)

    @property
    def mine(self) -> AgentChatStatusOut | None:
        return self.get(self._me_id)

    def all(self) -> list[AgentChatStatusOut]:
        with self._lock:
            return sorted(self._statuses.values(), key=lambda s: s.agent_id)
