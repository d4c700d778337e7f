from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_fixtures import ServerEnv, running_env


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    """A real server on 127.0.0.1 over a fresh small workspace, one per test module."""
    yield from running_env(tmp_path_factory.mktemp("server") / "server.sqlite3")
