"""How the console is connected to the server, as the agent sees it."""

from __future__ import annotations

from enum import StrEnum


class ConnectionState(StrEnum):
    ONLINE = "online"  # caught up and following the live stream
    SYNCING = "syncing"  # the server answers; loading the tickets before going live
    RECONNECTING = "reconnecting"  # lost the server a moment ago, trying again
    OFFLINE = "offline"  # not connected (not started, or several attempts in a row failed)
