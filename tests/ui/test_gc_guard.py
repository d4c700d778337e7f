from __future__ import annotations

import gc

from console.ui.gc_guard import GuiThreadCollector


def test_collector_disables_automatic_gc_and_collects_on_its_timer(qtbot) -> None:
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        garbage = []
        for _ in range(gc.get_threshold()[0] * 2):
            cycle: list[object] = []
            cycle.append(cycle)
            garbage.append(cycle)
        del garbage, cycle
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] <= gc.get_threshold()[0], timeout=3000)
    finally:
        collector.stop()
    assert gc.isenabled()
