from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from server_fixtures import PASSWORDS, fast_settings, populate

from console.api.schemas import API_PREFIX
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.settings import sqlite_url


def _login(base_url: str) -> httpx.Client:
    c = httpx.Client(base_url=base_url + API_PREFIX, timeout=10.0)
    r = c.post("/auth/login", json={"username": "alice", "password": PASSWORDS["alice"]})
    c.headers["Authorization"] = f"Bearer {r.json()['token']}"
    return c


def _port_free(base_url: str) -> bool:
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    with socket.socket() as s:
        return s.connect_ex((host, int(port))) != 0


def test_restart_on_same_database_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "restart.sqlite3"
    db = Database(sqlite_url(path))
    populate(db, ticket_count=3)
    db.dispose()
    server = EmbeddedServer(fast_settings(path))
    first = server.start()
    c = _login(first)
    created = c.post("/tickets", json={"subject": "x", "body": "y", "customer_uid": "U100"})
    token = c.headers["Authorization"]
    c.close()
    server.stop()
    assert _port_free(first)
    with pytest.raises(RuntimeError):
        _ = server.base_url
    second = server.start()
    try:
        with httpx.Client(base_url=second + API_PREFIX, headers={"Authorization": token}) as c:
            # The token and the ticket both survived the restart.
            again = c.get(f"/tickets/{created.json()['id']}")
        assert again.json() == created.json()
    finally:
        server.stop()


def test_stop_is_not_blocked_by_an_open_stream(tmp_path: Path) -> None:
    path = tmp_path / "stream.sqlite3"
    db = Database(sqlite_url(path))
    populate(db, ticket_count=1)
    db.dispose()
    # A keepalive far away: the stream would idle for a minute if shutdown did not end it.
    server = EmbeddedServer(fast_settings(path, sse_keepalive_s=60.0, event_poll_s=30.0))
    base = server.start()
    ended = threading.Event()
    client = _login(base)
    opened = threading.Event()

    def read() -> None:
        try:
            with client.stream("GET", "/events/stream", timeout=httpx.Timeout(5, read=60)) as r:
                opened.set()
                for _ in r.iter_lines():
                    pass
        except httpx.HTTPError:
            pass
        ended.set()

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    assert opened.wait(5)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 3.0
    assert ended.wait(5)
    client.close()


def test_start_fails_loudly_on_a_bad_database(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    server = EmbeddedServer(fast_settings(tmp_path / "dir"))
    with pytest.raises(RuntimeError):
        server.start(timeout=20)
    assert not server.running
