from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_fixtures import LoopbackServer, copy_database

from console.store import Store


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace seeded once; every test serves its own copy."""
    path = tmp_path_factory.mktemp("demo-template") / "server.sqlite3"
    server = LoopbackServer(path)
    server.start()
    server.stop()
    return path


@pytest.fixture
def server(demo_database: Path, tmp_path: Path) -> Iterator[LoopbackServer]:
    srv = LoopbackServer(copy_database(demo_database, tmp_path))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "console.sqlite3")
    try:
        yield s
    finally:
        s.close()
