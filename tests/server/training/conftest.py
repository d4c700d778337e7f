from __future__ import annotations

from collections.abc import Iterator

import pytest
from training_server_env import TrainingEnv, training_env


@pytest.fixture(scope="session")
def trn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrainingEnv]:
    """One demo server with its training workspace for every training test (each test ends the
    sessions it starts, so trainees are free for the next)."""
    yield from training_env(tmp_path_factory.mktemp("training") / "server.sqlite3")
