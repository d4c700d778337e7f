"""End-to-end fixtures: the real reference server (demo workspace, seeded once per run, every
test on its own copy) on a loopback port, the real style, English texts, and the workspace
tests' console (`run`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from e2e_support import LiveServer, copy_database, seed_demo_database

if TYPE_CHECKING:
    from e2e_workspace_run import Run

DEMO_TICKETS = 40


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e-demo") / "server.sqlite3"
    seed_demo_database(path, DEMO_TICKETS)
    return path


@pytest.fixture
def live_server(demo_template: Path, tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(copy_database(demo_template, tmp_path / "server.sqlite3"), DEMO_TICKETS)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def english_ui(qapp) -> Iterator[None]:
    from console.ui.i18n import set_language
    from console.ui.style import apply_style

    apply_style(qapp)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def collect_qt_garbage_on_the_gui_thread() -> Iterator[None]:
    """The reference server runs on threads of this process. Left to chance, the garbage
    collector may run on one of them and free a previous test's widgets there, which Qt does
    not survive: collect on the GUI thread before and after each test instead (thawing what a
    test froze, as the app does on settling its heap, so that it too is collected here).
    What survives is frozen again, so the collection before the next test walks only what was
    made since."""
    gc.collect()
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.processEvents()
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@pytest.fixture
def run(qasync_loop: Any, live_server: LiveServer, tmp_path: Path) -> Run:
    """One console (alice) and a colleague's client (bob), for the workspace tests."""
    from e2e_workspace_run import Run  # imports Qt: only when a test asks for it

    return Run(qasync_loop, live_server, tmp_path / "profile")
