"""The floor for startup: a bare PySide6 window with an empty table, timed like the app.

Prints one JSON line {"first_paint_s", "rss_mb"}; first_paint_s counts from SUPPORT_CONSOLE_T0
(the parent's time.time() just before it started this process).
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _FirstPaint(QObject):
    def __init__(self, t0: float, app: QApplication) -> None:
        super().__init__()
        self._t0 = t0
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            elapsed = time.time() - self._t0
            # Report after the paint completes, like the app does.
            QTimer.singleShot(0, lambda: self._report(elapsed))
        return False

    def _report(self, elapsed: float) -> None:
        print(json.dumps({"first_paint_s": round(elapsed, 4), "rss_mb": round(_rss_mb(), 1)}))
        self._app.quit()


def main() -> int:
    t0 = float(os.environ.get("SUPPORT_CONSOLE_T0", time.time()))
    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 8))
    window.setCentralWidget(table)
    watcher = _FirstPaint(t0, app)
    table.viewport().installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
