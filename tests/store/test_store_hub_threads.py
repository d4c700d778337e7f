from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from store_factories import ticket

from console.store import Change, ChangeHub, Store, TicketQuery


def test_subscribe_unsubscribe_and_failing_listener() -> None:
    hub = ChangeHub()
    seen: list[Change] = []

    def broken(_change: Change) -> None:
        raise RuntimeError("listener bug")

    hub.subscribe(broken)
    unsubscribe = hub.subscribe(seen.append)
    hub.publish(Change("drafts", ("a",)))
    unsubscribe()
    unsubscribe()  # twice is harmless
    hub.publish(Change("drafts", ("b",)))
    assert seen == [Change("drafts", ("a",))]


def test_listener_may_unsubscribe_itself_while_called() -> None:
    hub = ChangeHub()
    calls: list[str] = []
    unsubscribe = None

    def once(_change: Change) -> None:
        calls.append("once")
        assert unsubscribe is not None
        unsubscribe()

    unsubscribe = hub.subscribe(once)
    hub.publish(Change("outbox"))
    hub.publish(Change("outbox"))
    assert calls == ["once"]


def test_changes_are_published_after_commit(store: Store) -> None:
    visible: list[bool] = []
    store.hub.subscribe(lambda c: visible.append(store.ticket(1) is not None))
    store.upsert_tickets([ticket(1)])
    assert visible == [True]


def test_concurrent_writers_and_readers(store: Store) -> None:
    """Draft saves on one thread, batches on others, reads everywhere: no lock errors."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def batches(worker: int) -> None:
        barrier.wait()
        for round_ in range(20):
            base = worker * 10_000 + round_ * 50
            store.upsert_tickets([ticket(base + i) for i in range(50)])
            store.count_tickets(TicketQuery("open"))

    def drafts() -> None:
        barrier.wait()
        for i in range(200):
            store.save_draft(f"ticket:{i % 7}", f"text {i}")
            store.draft(f"ticket:{i % 7}")

    def outbox() -> None:
        barrier.wait()
        for i in range(100):
            item = store.queue_message(1, "reply", f"m{i}", f"cid-{i}", "A", f"key-{i}")
            store.mark_sending(item)
            store.requeue(item)

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(batches, 1), pool.submit(batches, 2)]
        futures += [pool.submit(drafts), pool.submit(outbox)]
        for future in futures:
            exc = future.exception()
            if exc is not None:
                errors.append(exc)
    assert errors == []
    assert store.count_tickets(TicketQuery("all")) == 2 * 20 * 50
    assert store.draft("ticket:3") is not None
    assert len(store.pending_outbox()) == 100
    assert len(store.messages(1)) == 100
