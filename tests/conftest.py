"""Fixtures shared across the test suite.

Qt runs offscreen everywhere (set before anything imports Qt). Nothing here imports PySide6 or
qasync at module level, so the non-UI suites also run where Qt is not installed.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback
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
        # Where it came from (the task or callback) and its traceback: a teardown failure is
        # otherwise a bare exception with no way back to the code that raised it.
        where = context.get("task") or context.get("future") or context.get("handle")
        errors.append(f"{context.get('message')} in {where!r}\n{_traceback(context)}")

    def on_hook(kind: Any, value: Any, tb: Any) -> None:
        errors.append("".join(traceback.format_exception(kind, value, tb)))
        previous_hook(kind, value, tb)

    loop.set_exception_handler(on_loop_error)
    loop.run_until_complete = _draining(loop.run_until_complete)  # type: ignore[method-assign]
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
    assert not errors, "unhandled errors on the event loop:\n" + "\n".join(errors)


def _draining(run_until_complete: Any) -> Any:
    """Let the loop turn a few more times after the awaited work ends.

    Callbacks still queued when a run ends (anyio queues one more cancellation delivery after a
    cancelled httpx request's scope has exited) run when Qt next processes events, outside
    the loop, where they fail with "no running event loop". The app's loop never stops, so
    this only happens between a test's runs.
    """

    def run(future: Any) -> Any:
        async def then_drain() -> Any:
            try:
                return await future
            finally:
                for _ in range(5):
                    await asyncio.sleep(0)

        return run_until_complete(then_drain())

    return run


def _traceback(context: dict[str, Any]) -> str:
    exc = context.get("exception")
    return "".join(traceback.format_exception(exc)) if exc is not None else ""
