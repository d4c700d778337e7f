"""The reference server inside another process: uvicorn on a daemon thread with its own loop."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time

from console.server.app import create_app
from console.server.serving import SupportServer, make_server
from console.server.settings import ServerSettings


def _listen(family: socket.AddressFamily, host: str, port: int) -> socket.socket:
    # proto must be IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # says TCP, and without it every response split in two writes waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class EmbeddedServer:
    """`start()` returns the base URL once the server listens; `stop()` releases the port.

    Restartable: `start()` after `stop()` serves the same database again (on a new port when
    the port was 0).
    """

    def __init__(self, settings: ServerSettings, host: str = "127.0.0.1", port: int = 0) -> None:
        self.settings = settings
        self.host = host
        self.port = port
        self._server: SupportServer | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._base_url: str | None = None

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("the embedded server is not running")
        return self._base_url

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 120.0) -> str:
        if self.running:
            return self.base_url
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = _listen(family, self.host, self.port)
        port = sock.getsockname()[1]
        server = make_server(create_app(self.settings), self.host, port, log_config=False)
        self._server, self._error = server, None
        self._thread = threading.Thread(
            target=self._serve, args=(server, sock), name="support-api", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                sock.close()
                raise RuntimeError("the embedded server did not start") from self._error
            time.sleep(0.01)
        host = f"[{self.host}]" if family == socket.AF_INET6 else self.host
        self._base_url = f"http://{host}:{port}"
        return self._base_url

    def _serve(self, server: SupportServer, sock: socket.socket) -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:  # startup failures end in SystemExit inside uvicorn
            self._error = exc
        finally:
            sock.close()

    def stop(self, timeout: float = 15.0) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(5.0)
        self._server = self._thread = None
        self._base_url = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
