"""Run something right after a widget has first painted (startup work that must not delay it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["on_first_paint"]


class _FirstPaint(QObject):
    def __init__(
        self,
        widget: QWidget,
        callback: Callable[[], None],
        ready: Callable[[], bool],
        at_latest_ms: int | None,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._ready = ready
        self._fired = False
        widget.installEventFilter(self)
        if at_latest_ms is not None:
            QTimer.singleShot(at_latest_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._ready():
            # Queued: the paint this event starts is finished before the callback runs.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self._fired:
            return
        self._fired = True
        self._widget.removeEventFilter(self)
        self._callback()


def on_first_paint(
    widget: QWidget,
    callback: Callable[[], None],
    ready: Callable[[], bool] | None = None,
    *,
    at_latest_ms: int | None = None,
) -> None:
    """Call `callback` once, after the first paint of `widget` for which `ready()` holds.

    With `at_latest_ms`, it runs after that long even without a paint: a window started
    minimised or hidden behind others never paints, and its start-up work must still happen.
    """
    _FirstPaint(widget, callback, ready or (lambda: True), at_latest_ms)
