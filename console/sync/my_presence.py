"""My side of presence: which tickets I am viewing or typing on, told to the server and renewed
every 10 s until I leave (the PresenceBoard, presence.py, holds everyone's as events report it).
Mixed into SyncEngine, which provides the client, the connection state, the board and `_spawn`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import PresenceOut, PresenceUpdate
from console.core.domain import PresenceState
from console.sync.presence import PresenceBoard
from console.sync.state import ConnectionState

__all__ = ["PRESENCE_RENEW_S", "MyPresence"]

log = logging.getLogger(__name__)

PRESENCE_RENEW_S = 10.0


class MyPresence:
    _client: SupportClient
    _state: ConnectionState
    presence: PresenceBoard
    _my_presence: dict[int, PresenceState]  # the tickets I am on, and how

    if TYPE_CHECKING:

        def _spawn(self, coro: Coroutine[Any, Any, None]) -> None: ...

    def set_presence(self, ticket_id: int, state: str) -> None:
        """Tell the server I am viewing/typing on (or left) a ticket; renewed every 10 s until
        "left". Best effort: a failure is logged, the next renewal tries again."""
        presence = PresenceState(state)
        if presence is PresenceState.LEFT:
            self._my_presence.pop(ticket_id, None)
        else:
            self._my_presence[ticket_id] = presence
        self._spawn(self._send_presence(ticket_id, presence))

    async def _send_presence(self, ticket_id: int, state: PresenceState) -> None:
        try:
            await self._client.set_presence(ticket_id, PresenceUpdate(state=state))
        except ApiError as exc:
            log.info("presence on ticket %d not sent: %r", ticket_id, exc)

    async def _renew_presence_forever(self) -> None:
        while True:
            await asyncio.sleep(PRESENCE_RENEW_S)
            if self._state is ConnectionState.ONLINE:
                for ticket_id, state in list(self._my_presence.items()):
                    await self._send_presence(ticket_id, state)

    async def fetch_presence(self, ticket_id: int) -> list[PresenceOut]:
        """Who is on the ticket now (when opening it; events keep it current). Raises ApiError."""
        entries = await self._client.presence(ticket_id)
        self.presence.replace(ticket_id, entries)
        return self.presence.on(ticket_id)
