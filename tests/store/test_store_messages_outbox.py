from __future__ import annotations

import pytest
from store_factories import message, ticket

from console.store import Change, MessageState, OutboxState, Store


def test_server_messages_are_stored_once_in_order(store: Store) -> None:
    store.upsert_messages([message(2, 1), message(1, 1), message(3, 2)])
    store.upsert_messages([message(1, 1, body="edited")])
    got = store.messages(1)
    assert [(m.id, m.body, m.state) for m in got] == [
        (1, "edited", "sent"),
        (2, "message 2", "sent"),
    ]
    assert [m.id for m in store.messages(2)] == [3]


def test_local_message_lifecycle_until_server_copy_replaces_it(store: Store) -> None:
    store.upsert_messages([message(1, 10)])
    item_id = store.queue_message(10, "reply", "On it!", "cid-1", "Alice", "key-1")
    local = store.messages(10)[-1]
    assert (local.id, local.state, local.client_id, local.outbox_id) == (
        None,
        MessageState.QUEUED,
        "cid-1",
        item_id,
    )
    assert store.mark_sending(item_id)
    assert store.messages(10)[-1].state == MessageState.SENDING
    server_copy = message(2, 10, kind="reply", body="On it!", client_id="cid-1")
    assert store.mark_done(item_id, message=server_copy)
    got = store.messages(10)
    assert [(m.id, m.state, m.client_id) for m in got] == [
        (1, "sent", None),
        (2, "sent", "cid-1"),
    ]
    assert store.outbox_item(item_id).state == OutboxState.DONE  # type: ignore[union-attr]
    assert store.pending_outbox() == []
    # The same message arriving again from the event stream changes nothing.
    store.upsert_messages([server_copy])
    assert len(store.messages(10)) == 2


def test_stream_copy_arriving_before_the_response_takes_over_the_local_row(store: Store) -> None:
    item_id = store.queue_message(10, "note", "internal", "cid-1", "Alice", "key-1")
    store.mark_sending(item_id)
    store.upsert_messages([message(5, 10, kind="note", body="internal", client_id="cid-1")])
    (only,) = store.messages(10)
    assert (only.id, only.state) == (5, "sent")
    store.mark_done(
        item_id, message=message(5, 10, kind="note", body="internal", client_id="cid-1")
    )
    assert len(store.messages(10)) == 1


def test_failed_item_shows_error_then_retry_or_discard(store: Store) -> None:
    first = store.queue_message(10, "reply", "a", "cid-1", "Alice", "key-1")
    second = store.queue_message(10, "reply", "b", "cid-2", "Alice", "key-2")
    assert [i.id for i in store.pending_outbox()] == [first, second]
    store.mark_sending(first)
    assert store.mark_failed(first, "Ticket is closed")
    failed = store.messages(10)[0]
    assert (failed.state, failed.error) == ("failed", "Ticket is closed")
    assert [i.id for i in store.failed_outbox()] == [first]
    assert [i.id for i in store.pending_outbox()] == [second]
    assert store.requeue(first)
    assert store.messages(10)[0].state == "queued"
    assert store.messages(10)[0].error is None
    store.mark_sending(first)
    store.mark_failed(first, "still closed")
    assert store.discard(first)
    assert [m.client_id for m in store.messages(10)] == ["cid-2"]
    assert store.outbox_item(first).state == OutboxState.DISCARDED  # type: ignore[union-attr]


def test_transitions_only_from_expected_states(store: Store) -> None:
    item_id = store.queue_message(10, "reply", "a", "cid-1", "Alice", "key-1")
    assert not store.mark_done(item_id + 100)
    assert store.mark_sending(item_id)
    assert not store.discard(item_id)  # in flight: may already be on the server
    assert not store.requeue(item_id + 100)
    assert store.requeue(item_id)  # back to the queue after a transient failure
    assert store.mark_sending(item_id)
    assert store.mark_sending(item_id)  # again after a crash: resent with the same key
    assert store.outbox_item(item_id).attempts == 3  # type: ignore[union-attr]
    assert store.mark_done(item_id)
    assert not store.discard(item_id)
    assert not store.mark_failed(item_id, "late")
    assert not store.requeue(item_id)


def test_outbox_item_keeps_payload_and_key(store: Store) -> None:
    item_id = store.enqueue("ticket_update", 42, {"tags": ["vip", "链"]}, "key-9", None)
    item = store.outbox_item(item_id)
    assert item is not None
    assert (item.kind, item.target_id, item.payload, item.idempotency_key, item.state) == (
        "ticket_update",
        42,
        {"tags": ["vip", "链"]},
        "key-9",
        "queued",
    )
    with pytest.raises(Exception, match="UNIQUE"):
        store.enqueue("message", 1, {}, "key-9", None)


def test_add_local_message_without_outbox_counts_as_queued(store: Store) -> None:
    store.add_local_message(3, "reply", "hi", "cid-7", "Bob")
    (local,) = store.messages(3)
    assert (local.state, local.outbox_id, local.author_name) == ("queued", None, "Bob")


def test_outbox_changes_publish_messages_and_tickets(store: Store) -> None:
    store.upsert_tickets([ticket(4)])
    seen: list[Change] = []
    unsubscribe = store.hub.subscribe(seen.append)
    msg_item = store.queue_message(3, "reply", "hi", "cid-1", "Bob", "key-1")
    upd_item = store.queue_ticket_update(4, {"priority": "high"}, "key-2")
    store.mark_sending(msg_item)
    unsubscribe()
    store.mark_sending(upd_item)
    assert seen == [
        Change("messages", (3,)),
        Change("outbox", (msg_item,)),
        Change("tickets", (4,)),
        Change("outbox", (upd_item,)),
        Change("outbox", (msg_item,)),
        Change("messages", (3,)),
    ]
