from __future__ import annotations

from PySide6.QtWidgets import QWidget

from console.ui.paint_watch import on_first_paint


def test_runs_once_after_the_first_paint(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    on_first_paint(widget, lambda: calls.append("painted"), at_latest_ms=5000)
    widget.show()
    qtbot.waitUntil(lambda: calls == ["painted"], timeout=3000)
    widget.repaint()
    qtbot.wait(50)
    assert calls == ["painted"]


def test_a_window_that_never_paints_still_gets_its_startup_work(qtbot) -> None:
    widget = QWidget()  # never shown, like a window started minimised
    qtbot.addWidget(widget)
    calls: list[str] = []
    on_first_paint(widget, lambda: calls.append("ran"), at_latest_ms=100)
    qtbot.waitUntil(lambda: calls == ["ran"], timeout=3000)
    qtbot.wait(150)
    assert calls == ["ran"]


def test_without_a_deadline_nothing_runs_until_a_paint(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    on_first_paint(widget, lambda: calls.append("ran"))
    qtbot.wait(200)
    assert calls == []
