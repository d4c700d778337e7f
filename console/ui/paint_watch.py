"""Run something right after a widget has first painted (startup work that must not delay it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["on_first_paint"]


class _FirstPaint(QObject):
    def __init__(
        self, widget: QWidget, callback: Callable[[], None], ready: Callable[[], bool]
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._ready = ready
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._ready():
            self._widget.removeEventFilter(self)
            # Queued: the paint this event starts is finished before the callback runs.
            QTimer.singleShot(0, self._callback)
        return False


def on_first_paint(
    widget: QWidget, callback: Callable[[], None], ready: Callable[[], bool] | None = None
) -> None:
    """Call `callback` once, after the first paint of `widget` for which `ready()` holds."""
    _FirstPaint(widget, callback, ready or (lambda: True))
