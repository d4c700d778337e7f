"""Running the real window against a real server inside a qasync loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url

DEMO_PASSWORD = "demo-pass-2026"


def demo_server(path: Path, tickets: int = 150) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(
        ServerSettings(
            database_url=sqlite_url(path),
            demo=True,
            simulate=False,
            demo_tickets=tickets,
            with_training=False,
            sse_keepalive_s=1.0,
            event_poll_s=0.2,
        )
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def wait_until(condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the loop (Qt and asyncio) run until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
