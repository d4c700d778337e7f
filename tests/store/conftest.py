from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_factories import open_store

from console.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path)
    try:
        yield s
    finally:
        s.close()
