"""Widget-test fixtures: a real Store in a temporary directory, filled with wire objects."""

from __future__ import annotations

import gc
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
def collect_qt_garbage() -> Iterator[None]:
    """Free the widgets a test dropped here, on the GUI thread, and only here.

    Left to the cyclic garbage collector they would be freed whenever it next runs, possibly on
    a server or worker thread, and a QObject deleted off its thread leaves its timers
    registered: the next one to fire crashes the process. So, as in the app, the collector
    does not run by itself during a widget test; it runs once after it, on this thread.

    What survives that collection lives on (modules, the application, the style, caches) and is
    frozen out of later ones: otherwise every test's collection walks the whole heap again,
    about half a second each once a worker has imported the server and the UI.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()
        if was_enabled:
            gc.enable()


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
