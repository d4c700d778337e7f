"""Driving the real widgets the way an agent does: clicks, keys and input-method text."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def commit_text(widget: QWidget, text: str) -> None:
    """Text as an input method (pinyin, a paste from a CJK keyboard) hands it over: Qt's key
    simulation is ASCII-only."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def bubbles_with_body(window, body: str) -> list:
    return [b for b in window.ticket_view.conversation.bubbles if b.message.body == body]


def shown_bubble(window, body: str):
    """The one bubble with `body` once it is on screen in its server form: a row added to the
    thread is shown by a queued call, and a pending message is rebuilt when the server's copy
    (with its attachments) arrives."""
    found = bubbles_with_body(window, body)
    if len(found) != 1:
        return None
    bubble = found[0]
    return bubble if bubble.isVisible() and bubble.message.state == "sent" else None


def bubble_state(window, body: str) -> str | None:
    found = bubbles_with_body(window, body)
    return found[0].message.state if len(found) == 1 else None


class GapMeter(QObject):
    """A 50 ms QTimer on the GUI thread; the longest gap between its ticks is how long the
    window could not react to anything."""

    def __init__(self, interval_ms: int = 50) -> None:
        super().__init__()
        self.max_gap = 0.0
        self.ticks = 0
        self._last: float | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        if self._last is not None:
            self.max_gap = max(self.max_gap, now - self._last)
        self._last = now
        self.ticks += 1
