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
        assert gc.get_freeze_count() >= len(kept)
        # A full collection now walks only what was made since the settle: the survivors are in
        # none of the generations it walks. (The freeze count itself is no measure: frozen
        # objects that other tests' threads let go of leave it as they die.)
        gc.collect()
        assert not any(isinstance(o, Node) for o in gc.get_objects())
        assert gc.get_freeze_count() >= len(kept)
    finally:
        collector.stop()
        gc.unfreeze()
