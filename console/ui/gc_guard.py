"""Python's cyclic garbage collector: only on the GUI thread, and never over the whole heap.

The demo server and the sync engine's helpers run Python on other threads. Left automatic, the
collector starts in whichever thread happens to allocate, and may then destroy Qt objects (widgets
caught in reference cycles) off the GUI thread, which crashes Qt. So automatic collection is off
and a GUI-thread timer collects instead, with the same generation thresholds.

A full collection walks every tracked object: with the demo server in the process and a
workspace loaded that is some 240,000 objects and 150-250 ms during which the window cannot
react (a keystroke waits that long). Almost all of them live as long as the session does, so
once a session is on screen they are collected one last time and then frozen out of later
collections (`gc.freeze`); each later full collection walks only what was made since.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["GuiThreadCollector", "settle_long_lived_heap"]


def settle_long_lived_heap() -> None:
    """Collect the whole heap once, then leave what survived out of later collections.

    Unfreezing first means that whatever an earlier session left behind (a sign-out, say) is
    collected now instead of staying frozen for the rest of the process."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class GuiThreadCollector(QObject):
    INTERVAL_MS = 500
    SETTLE_DELAY_MS = 2000  # after the first screenful is painted and its data is in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._settle = QTimer(self, singleShot=True, interval=self.SETTLE_DELAY_MS)
        self._settle.timeout.connect(settle_long_lived_heap)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._settle.stop()
        gc.enable()

    def settle_soon(self, *_: object) -> None:
        """A session's long-lived objects are (about to be) in place: settle the heap shortly,
        once, however many times this is asked for in the meantime."""
        self._settle.start()

    def collect_due(self) -> None:
        """Collect the oldest generation whose allocation count passed its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
