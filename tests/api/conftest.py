from __future__ import annotations

from collections.abc import Iterator

import pytest
from client_live_server import LiveServer, running_server


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from running_server(tmp_path_factory.mktemp("client-server") / "server.sqlite3")
