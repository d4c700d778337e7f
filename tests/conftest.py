"""Fixtures shared across the test suite.

Qt runs offscreen everywhere (set before anything imports Qt). Nothing here imports PySide6 or
qasync at module level, so the non-UI suites also run where Qt is not installed.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync QEventLoop on the test's QApplication, as qasync's own tests build it.

    pytest-qt does not drive qasync, so async code runs with `qasync_loop.run_until_complete`;
    exceptions the loop or an asyncSlot swallowed fail the test at teardown.
    """
    import qasync

    # As in the app: closing a window (sign-out, a test's cleanup) must not stop the loop.
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    errors: list[Any] = []
    previous_hook = sys.excepthook

    def on_loop_error(_loop: Any, context: dict[str, Any]) -> None:
        errors.append(context.get("exception") or context.get("message"))

    def on_hook(kind: Any, value: Any, tb: Any) -> None:
        errors.append(value)
        previous_hook(kind, value, tb)

    loop.set_exception_handler(on_loop_error)
    sys.excepthook = on_hook
    try:
        yield loop
    finally:
        sys.excepthook = previous_hook
        try:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()
        finally:
            asyncio.set_event_loop(None)
    assert not errors, f"unhandled errors on the event loop: {errors!r}"
