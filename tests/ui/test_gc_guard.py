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


def test_settling_collects_once_then_leaves_the_survivors_out(qtbot) -> None:
    import weakref

    class Node:
        pass

    collector = GuiThreadCollector()
    collector.start()
    try:
        # An earlier session's object, frozen by the last settle, that has since become garbage.
        dead = Node()
        dead.me = dead  # type: ignore[attr-defined]
        dead_ref = weakref.ref(dead)
        gc.freeze()
        del dead
        kept = [Node() for _ in range(1000)]
        collector.settle_soon()
        collector.settle_soon()  # asked twice, settled once
        qtbot.waitUntil(lambda: dead_ref() is None, timeout=5000)
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        # A full collection now walks only what was made since the settle.
        gc.collect()
        assert gc.get_freeze_count() == frozen
    finally:
        collector.stop()
        gc.unfreeze()
