"""Counts for the views panel, computed off the GUI thread and coalesced.

Counting every view takes tens of milliseconds at 100,000 tickets, so it never runs on the GUI
thread and never once per change: `request()` marks the counts stale, at most one count runs at
a time, and requests that arrive meanwhile fold into a single re-count after it (no sooner than
MIN_INTERVAL_MS after the previous one). Results come back as a Qt signal on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from console.store.records import TicketQuery

__all__ = ["ViewCounter"]

log = logging.getLogger(__name__)

MIN_INTERVAL_MS = 400
CountViews = Callable[[Sequence[TicketQuery]], list[int]]


class ViewCounter(QObject):
    counted = Signal(object, object)  # (tuple[TicketQuery, ...], list[int])
    _finished = Signal(object, object)

    def __init__(self, count_views: CountViews, parent: QObject) -> None:
        super().__init__(parent)
        self._count_views = count_views
        self._queries: tuple[TicketQuery, ...] = ()
        self._running = False
        self._stale = False
        self._closed = False
        self._timer = QTimer(self, singleShot=True, interval=MIN_INTERVAL_MS)
        self._timer.timeout.connect(self._start)
        self._finished.connect(self._on_finished)

    def set_queries(self, queries: Sequence[TicketQuery]) -> None:
        """What to count from now on; counts at once if the list changed."""
        queries = tuple(queries)
        if queries != self._queries:
            self._queries = queries
            self.request(now=True)

    def request(self, *, now: bool = False) -> None:
        """The counts may be out of date: count again soon (once, however often asked)."""
        if self._closed:
            return
        self._stale = True
        if self._running:
            return
        if now:
            self._timer.stop()
            self._start()
        elif not self._timer.isActive():
            self._timer.start()

    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def close(self) -> None:
        self._closed = True
        self._timer.stop()

    def _start(self) -> None:
        if self._running or self._closed or not self._stale:
            return
        self._stale = False
        self._running = True
        queries = self._queries
        count_views = self._count_views
        # A queued hop back to this object's (the GUI) thread. The counter always has a parent,
        # so the worker never holds the last reference to a QObject.
        emit = self._finished.emit

        def work() -> None:
            try:
                counts: list[int] | None = list(count_views(queries)) if queries else []
            except Exception:
                log.exception("counting the inbox views failed")
                counts = None
            with contextlib.suppress(RuntimeError):  # the inbox closed meanwhile
                emit(queries, counts)

        threading.Thread(target=work, name="inbox-view-counts", daemon=True).start()

    def _on_finished(self, queries: tuple[TicketQuery, ...], counts: list[int] | None) -> None:
        self._running = False
        if self._closed:
            return
        if counts is not None and queries == self._queries:
            self.counted.emit(queries, counts)
        elif queries != self._queries:
            self._stale = True
        if self._stale:
            self._timer.start()
