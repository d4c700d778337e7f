"""uvicorn wiring shared by the command line and the embedded server."""

from __future__ import annotations

import socket

import uvicorn
from fastapi import FastAPI

from console.server.runtime import Runtime

# Backstop only: open event streams end by themselves when shutdown begins.
GRACEFUL_SHUTDOWN_S = 5


class SupportServer(uvicorn.Server):
    """A uvicorn server that ends the app's event streams as soon as shutdown begins.

    uvicorn waits for running responses before it stops; an SSE response never finishes by
    itself, so the app is told first and its streams return.
    """

    def __init__(self, config: uvicorn.Config, runtime: Runtime) -> None:
        super().__init__(config)
        self.runtime = runtime

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.runtime.begin_shutdown()
        await super().shutdown(sockets=sockets)


def make_server(app: FastAPI, host: str, port: int, *, log_config: bool) -> SupportServer:
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        loop="asyncio",
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        # Well past the console's own 2 s: an idle connection is always closed by the client
        # first, never by the server just as the client sends on it (a ReadError).
        timeout_keep_alive=15,
        # Inside the desktop app the host process owns logging.
        log_config=uvicorn.config.LOGGING_CONFIG if log_config else None,
        access_log=log_config,
    )
    return SupportServer(config, app.state.runtime)
