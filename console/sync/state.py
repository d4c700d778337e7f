"""How the console is connected to the server, as the agent sees it."""

from __future__ import annotations

from enum import StrEnum


class ConnectionState(StrEnum):
    ONLINE = "online"  # caught up and following the live stream
    RECONNECTING = "reconnecting"  # lost the server a moment ago, trying again
    OFFLINE = "offline"  # not connected (not started, or several attempts in a row failed)
