"""The real reference server on loopback for end-to-end tests, and ways to make it misbehave.

Faults come from the outside, the way they happen in production: the server process stops, its
database is busy (a writer holds the SQLite lock, so the server's own write waits), or its
storage refuses writes (a trigger aborts the insert, which the server answers with a 500).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url

DEMO_PASSWORD = "demo-pass-2026"
OPEN_STATUSES = ("new", "open", "pending", "on_hold")


def server_settings(
    database: Path, tickets: int = 40, *, with_training: bool = False
) -> ServerSettings:
    return ServerSettings(
        database_url=sqlite_url(database),
        with_training=with_training,
        demo=True,
        simulate=False,
        demo_tickets=tickets,
        sse_keepalive_s=1.0,
        event_poll_s=0.2,
    )


def seed_demo_database(path: Path, tickets: int = 40) -> None:
    """Start and stop a demo server once: the file then holds the seeded workspace."""
    server = EmbeddedServer(server_settings(path, tickets))
    server.start()
    server.stop()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy (WAL content included) through SQLite's backup API."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


class LiveServer:
    """One reference server on a fixed loopback port, stoppable and restartable.

    The console keeps the URL it was given (as an agent's `--server URL` does), so a restart
    must come back on the same port: every start after the first binds the port of the first.
    """

    def __init__(self, database: Path, tickets: int = 40) -> None:
        self.database = database
        self.settings = server_settings(database, tickets)
        self.port = 0
        self._server: EmbeddedServer | None = None
        self.url = ""

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.running

    def start(self) -> str:
        server = EmbeddedServer(self.settings, port=self.port)
        url = server.start()
        self._server = server
        self.port = urlsplit(url).port or 0
        self.url = url
        return url

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.stop()

    def handling(self, method: str, path_suffix: str) -> bool:
        """True while the server is inside a `method` request whose path ends with
        `path_suffix` (uvicorn's open connections and the request each one is running)."""
        embedded = self._server
        uvicorn_server = getattr(embedded, "_server", None) if embedded is not None else None
        if uvicorn_server is None:
            return False
        for connection in list(uvicorn_server.server_state.connections):
            cycle = getattr(connection, "cycle", None)
            scope = getattr(cycle, "scope", None) if cycle is not None else None
            running = not getattr(cycle, "response_complete", False)
            if not scope or not running or scope.get("method") != method:
                continue
            if str(scope.get("path", "")).endswith(path_suffix):
                return True
        return False

    async def stop_async(self) -> None:
        """Stop without blocking the GUI's loop: the console keeps running meanwhile."""
        await asyncio.to_thread(self.stop)

    async def start_async(self) -> str:
        return await asyncio.to_thread(self.start)


def server_db(database: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(database, timeout=15.0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=15000")
    return conn


@contextmanager
def server_database_locked(database: Path) -> Iterator[None]:
    """Hold the database's write lock: the server's writes wait (reads go on, WAL)."""
    with closing(server_db(database)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")


@contextmanager
def message_inserts_fail(database: Path) -> Iterator[None]:
    """The server's storage refuses new messages: its POST .../messages ends in a 500."""
    with closing(server_db(database)) as conn:
        conn.execute(
            "CREATE TRIGGER e2e_refuse_messages BEFORE INSERT ON messages "
            "BEGIN SELECT RAISE(ABORT, 'storage refused the write'); END"
        )
        try:
            yield
        finally:
            conn.execute("DROP TRIGGER e2e_refuse_messages")


def server_messages_with_client_id(database: Path, client_id: str) -> list[tuple[int, str]]:
    """What the server has committed, read from its database (works while it is stopped)."""
    with closing(server_db(database)) as conn:
        rows = conn.execute(
            "SELECT id, body FROM messages WHERE client_id = ? ORDER BY id", (client_id,)
        ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


async def wait_until(
    condition: Callable[[], object], timeout: float = 15.0, what: str = "condition"
) -> None:
    """Let the loop (Qt and asyncio) run until `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not met within {timeout:.0f} s")
        await asyncio.sleep(0.02)
