"""Widget-test fixtures: a real Store in a temporary directory, filled with wire objects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_factories import ME

from console.api.schemas import AgentOut
from console.store import Store


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp):
    """The real style sheet and font, so tests see what agents see."""
    from console.ui.style import apply_style

    apply_style(qapp)
    return qapp


@pytest.fixture(autouse=True)
def english_ui() -> Iterator[None]:
    from console.ui.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def me() -> AgentOut:
    return ME


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()
