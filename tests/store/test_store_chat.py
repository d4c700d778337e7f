"""store.chats: conversations (newest copy wins), message order, optimistic messages taken over by
the server's copy, my chats and the queue, unread counts and read marks, events and the outbox."""

from __future__ import annotations

from datetime import timedelta

from chat_factories import ME, OTHER, T0, chat_message, conversation
from mnemonic import Mnemonic
from pydantic import BaseModel
from store_factories import event

from console.api.schemas import EventOut
from console.api.schemas_chat import ConversationOut
from console.core.domain import EventType
from console.store import Change, OutboxKind, OutboxState, Store
from console.store.chat import draft_key


def _changes(store: Store) -> list[Change]:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    return seen


def _chat_event(event_id: int, kind: EventType, payload: BaseModel) -> EventOut:
    return event(event_id, payload.model_dump(mode="json"), kind)


def _queue_mine(store: Store, conversation_id: int, body: str, client_id: str) -> int:
    return store.chats.queue_message(
        conversation_id, body, client_id, "Alice", ME, f"key-{client_id}"
    )


# --- conversations ------------------------------------------------------------------------------


def test_put_conversations_stores_and_announces_and_an_older_copy_changes_nothing(
    store: Store,
) -> None:
    seen = _changes(store)
    assert store.chats.put_conversations([conversation(2), conversation(1)]) == [1, 2]
    assert seen == [Change("chats", (1, 2))]
    newer = conversation(1, version=3, state="ended", assigned_agent_id=None)
    assert store.chats.put_conversations([newer]) == [1]
    seen.clear()
    # A late copy (lower version), and the same copy again, write nothing and announce nothing.
    assert store.chats.put_conversations([conversation(1, version=2)]) == []
    assert store.chats.put_conversations([newer]) == []
    assert seen == []
    current = store.chats.conversation(1)
    assert current is not None and (current.version, current.state) == (3, "ended")
    assert store.chats.conversation(99) is None
    assert set(store.chats.conversations([1, 2, 99])) == {1, 2}


def test_same_version_with_a_later_update_time_wins(store: Store) -> None:
    store.chats.put_conversations([conversation(1, customer_read_seq=1)])
    later = conversation(1, customer_read_seq=4, updated_at=T0 + timedelta(hours=1))
    assert store.chats.put_conversations([later]) == [1]
    current = store.chats.conversation(1)
    assert current is not None and current.customer_read_seq == 4


def test_my_conversations_are_offers_to_me_and_chats_active_with_me_newest_activity_first(
    store: Store,
) -> None:
    store.chats.put_conversations(
        [
            conversation(1, updated_at=T0 + timedelta(seconds=10)),
            conversation(2, state="offered", assigned_agent_id=None, offered_agent_id=ME),
            conversation(3, assigned_agent_id=OTHER),
            conversation(4, state="offered", assigned_agent_id=None, offered_agent_id=OTHER),
            conversation(5, state="ended"),
            conversation(6, state="queued", assigned_agent_id=None),
            conversation(7, updated_at=T0 + timedelta(seconds=5)),
        ]
    )
    assert [c.id for c in store.chats.my_conversations(ME)] == [1, 7, 2]
    # A customer message on chat 7 makes it the newest activity.
    store.chats.put_messages([chat_message(70, 7, 1, created_at=T0 + timedelta(minutes=5))])
    assert [c.id for c in store.chats.my_conversations(ME)] == [7, 1, 2]
    # So does my own message, at once.
    _queue_mine(store, 2, "hello", "c-2")
    assert next(c.id for c in store.chats.my_conversations(ME)) == 2
    assert [c.id for c in store.chats.my_conversations(OTHER)] == [4, 3]


def test_a_message_stored_before_its_conversation_still_counts_as_activity(store: Store) -> None:
    store.chats.put_conversations([conversation(1, updated_at=T0 + timedelta(seconds=30))])
    store.chats.put_messages([chat_message(20, 2, 1, created_at=T0 + timedelta(minutes=9))])
    store.chats.put_conversations([conversation(2, updated_at=T0)])
    assert [c.id for c in store.chats.my_conversations(ME)] == [2, 1]


def test_queue_order_is_security_then_vip_tier_then_waiting_time(store: Store) -> None:
    def queued(cid: int, minutes: int, **kw: object) -> ConversationOut:
        return conversation(
            cid,
            state="queued",
            assigned_agent_id=None,
            queued_at=T0 + timedelta(minutes=minutes),
            **kw,
        )

    store.chats.put_conversations(
        [
            queued(1, 1),
            queued(2, 0),
            queued(3, 5, vip_tier=3),
            queued(4, 9, priority="security"),
            queued(5, 2, vip_tier=1),
            queued(6, 8, priority="high"),
            conversation(7),
        ]
    )
    assert [c.id for c in store.chats.queue()] == [4, 6, 3, 5, 2, 1]


# --- messages -----------------------------------------------------------------------------------


def test_messages_are_in_seq_order_whatever_order_they_arrive_in(store: Store) -> None:
    seen = _changes(store)
    store.chats.put_messages([chat_message(13, 1, 3), chat_message(11, 1, 1)])
    store.chats.put_messages([chat_message(12, 1, 2, sender="bot", author_name="Lumen bot")])
    assert [(m.seq, m.id, m.state) for m in store.chats.messages(1)] == [
        (1, 11, "sent"),
        (2, 12, "sent"),
        (3, 13, "sent"),
    ]
    assert Change("chat_messages", (1,)) in seen
    # The same message again is still one message.
    store.chats.put_messages([chat_message(12, 1, 2, sender="bot", author_name="Lumen bot")])
    assert len(store.chats.messages(1)) == 3
    assert store.chats.messages(2) == []


def test_a_customers_seed_phrase_is_not_kept_even_when_the_server_sent_it(store: Store) -> None:
    phrase = Mnemonic("japanese").to_mnemonic(bytes(range(16)))  # ideographic spaces
    store.chats.put_messages(
        [
            chat_message(21, 1, 1, body=f"これで合っていますか：{phrase}"),
            # An agent quoting a phrase-like text is the agent's own text (the outgoing guard
            # judges what agents send).
            chat_message(22, 1, 2, sender="agent", agent_id=ME, body="Do not share it."),
        ]
    )
    customer, agent = store.chats.messages(1)
    assert customer.body == "これで合っていますか：[secret redacted: mnemonic]"
    assert agent.body == "Do not share it."


def test_known_seq_is_the_end_of_the_gapless_run(store: Store) -> None:
    assert store.chats.known_seq(1) == 0
    store.chats.put_messages([chat_message(1, 1, 1), chat_message(2, 1, 2), chat_message(4, 1, 4)])
    store.chats.queue_message(1, "mine", "c", "Alice", ME, "k")
    assert store.chats.known_seq(1) == 2  # seq 3 is missing: fetch after 2
    store.chats.put_messages([chat_message(3, 1, 3)])
    assert store.chats.known_seq(1) == 4
    store.chats.put_messages([chat_message(9, 2, 2)])
    assert store.chats.known_seq(2) == 0


def test_my_message_shows_at_once_after_the_servers_and_the_server_copy_takes_it_over(
    store: Store,
) -> None:
    store.chats.put_messages([chat_message(11, 1, 1)])
    item_id = _queue_mine(store, 1, "Let me check", "cid-a")
    _queue_mine(store, 1, "One moment", "cid-b")
    local = store.chats.messages(1)
    assert [(m.body, m.seq, m.state, m.id) for m in local] == [
        ("message 11", 1, "sent", 11),
        ("Let me check", None, "queued", None),
        ("One moment", None, "queued", None),
    ]
    assert local[1].outbox_id == item_id and local[1].sender == "agent"
    assert local[1].agent_id == ME
    (item, _second) = store.pending_outbox()
    assert (item.kind, item.target_id, item.client_id) == (OutboxKind.CHAT_MESSAGE, 1, "cid-a")
    assert item.payload == {"body": "Let me check", "client_id": "cid-a", "attachment_ids": []}
    # A customer message arrives before mine are confirmed: it is ordered before them.
    store.chats.put_messages([chat_message(12, 1, 2)])
    assert [m.body for m in store.chats.messages(1)] == [
        "message 11",
        "message 12",
        "Let me check",
        "One moment",
    ]
    # The server's copy (seq 3) comes from the outbox answer, then again from the stream.
    mine = chat_message(
        13,
        1,
        3,
        sender="agent",
        agent_id=ME,
        author_name="Alice",
        body="Let me check",
        client_id="cid-a",
    )
    assert store.mark_sending(item_id)
    assert store.mark_done(item_id, chat_message=mine)
    store.apply_events([_chat_event(1, EventType.CHAT_MESSAGE_CREATED, mine)])
    after = store.chats.messages(1)
    assert [(m.body, m.seq, m.state) for m in after] == [
        ("message 11", 1, "sent"),
        ("message 12", 2, "sent"),
        ("Let me check", 3, "sent"),
        ("One moment", None, "queued"),
    ]
    assert after[2].client_id == "cid-a" and after[2].id == 13 and after[2].outbox_id is None


def test_the_event_may_come_before_the_outbox_answer(store: Store) -> None:
    item_id = _queue_mine(store, 1, "hi", "cid-a")
    store.mark_sending(item_id)
    mine = chat_message(5, 1, 1, sender="agent", agent_id=ME, body="hi", client_id="cid-a")
    store.apply_events([_chat_event(1, EventType.CHAT_MESSAGE_CREATED, mine)])
    assert [(m.id, m.state) for m in store.chats.messages(1)] == [(5, "sent")]
    store.mark_done(item_id, chat_message=mine)
    assert [(m.id, m.state) for m in store.chats.messages(1)] == [(5, "sent")]
    assert store.pending_outbox() == []


def test_the_same_client_id_in_another_conversation_is_another_message(store: Store) -> None:
    _queue_mine(store, 1, "mine", "c-1")
    store.chats.put_messages([chat_message(9, 2, 1, client_id="c-1", body="customer's")])
    assert [m.body for m in store.chats.messages(1)] == ["mine"]
    assert [(m.body, m.client_id) for m in store.chats.messages(2)] == [("customer's", "c-1")]
    # A second server message reusing a taken client_id is shown, not dropped.
    store.chats.put_messages([chat_message(10, 2, 2, client_id="c-1", body="again")])
    assert [m.body for m in store.chats.messages(2)] == ["customer's", "again"]


def test_failed_and_discarded_messages(store: Store) -> None:
    item_id = _queue_mine(store, 1, "too late", "cid-a")
    store.mark_sending(item_id)
    store.mark_failed(item_id, "The chat has ended.")
    (failed,) = store.chats.messages(1)
    assert (failed.state, failed.error, failed.outbox_id) == (
        "failed",
        "The chat has ended.",
        item_id,
    )
    seen = _changes(store)
    assert store.discard(item_id)
    assert store.chats.messages(1) == []
    assert Change("chat_messages", (1,)) in seen


def test_attachments_and_local_files_are_kept(store: Store, tmp_path: object) -> None:
    store.chats.queue_message(1, "see file", "cid-f", "Alice", ME, "k", ["/x/0/a.png"])
    (local,) = store.chats.messages(1)
    assert local.local_files == ["/x/0/a.png"] and local.attachments == []
    (item,) = store.pending_outbox()
    assert item.payload["files"] == ["/x/0/a.png"]
    server = chat_message(
        3,
        1,
        1,
        sender="agent",
        client_id="cid-f",
        body="see file",
        attachments=[{"id": 4, "filename": "a.png", "content_type": "image/png", "size": 10}],
    )
    store.chats.put_messages([server])
    (sent,) = store.chats.messages(1)
    assert sent.local_files == [] and [a.filename for a in sent.attachments] == ["a.png"]


# --- unread and read marks ----------------------------------------------------------------------


def test_unread_counts_customer_messages_after_the_read_position(store: Store) -> None:
    store.chats.put_conversations([conversation(1, agent_read_seq=1, last_seq=4)])
    store.chats.put_messages(
        [
            chat_message(1, 1, 1),
            chat_message(2, 1, 2, sender="bot"),
            chat_message(3, 1, 3),
            chat_message(4, 1, 4),
        ]
    )
    assert store.chats.unread_count(1, ME) == 2
    seen = _changes(store)
    item_id = store.chats.queue_read(1, ME, 3, "read-key")
    assert item_id is not None and Change("chats", (1,)) in seen
    assert store.chats.unread_count(1, ME) == 1
    # A mark that does not move forward queues nothing.
    assert store.chats.queue_read(1, ME, 2, "read-key-2") is None
    (item,) = store.pending_outbox()
    assert (item.kind, item.target_id, item.payload) == (
        OutboxKind.CHAT_ACTION,
        1,
        {"action": "read", "up_to_seq": 3},
    )
    # The server's confirmation carries its own agent_read_seq; the later position counts.
    store.mark_sending(item.id)
    store.mark_done(item.id, conversation=conversation(1, agent_read_seq=4, version=2))
    assert store.chats.unread_count(1, ME) == 0
    assert store.chats.unread_counts(ME) == {1: 0}
    assert store.chats.unread_count(1, OTHER) == 0  # the server's position counts for all


def test_unread_counts_cover_my_conversations(store: Store) -> None:
    store.chats.put_conversations(
        [conversation(1), conversation(2, assigned_agent_id=OTHER), conversation(3)]
    )
    store.chats.put_messages([chat_message(1, 1, 1), chat_message(2, 2, 1), chat_message(3, 1, 2)])
    assert store.chats.unread_counts(ME) == {1: 2, 3: 0}


# --- events, drafts, reset ----------------------------------------------------------------------


def test_events_store_chats_with_the_cursor_and_typing_and_status_are_not_stored(
    store: Store,
) -> None:
    seen = _changes(store)
    typing = {"conversation_id": 1, "who": "customer", "typing": True, "agent_id": None}
    status = {
        "agent_id": ME,
        "status": "online",
        "capacity": 5,
        "active": 1,
        "languages": ["en"],
        "skills": [],
    }
    store.apply_events(
        [
            _chat_event(1, EventType.CHAT_CONVERSATION_UPDATED, conversation(1)),
            _chat_event(2, EventType.CHAT_MESSAGE_CREATED, chat_message(1, 1, 1)),
            event(3, typing, EventType.CHAT_TYPING),
            event(4, status, EventType.CHAT_STATUS_CHANGED),
            _chat_event(
                5, EventType.CHAT_CONVERSATION_UPDATED, conversation(1, version=2, agent_read_seq=1)
            ),
        ]
    )
    assert store.event_cursor() == 5
    current = store.chats.conversation(1)
    assert current is not None and current.version == 2
    assert [m.id for m in store.chats.messages(1)] == [1]
    assert Change("chats", (1,)) in seen and Change("chat_messages", (1,)) in seen
    # Replayed events (at or below the cursor) change nothing.
    seen.clear()
    store.apply_events([_chat_event(1, EventType.CHAT_CONVERSATION_UPDATED, conversation(1))])
    current = store.chats.conversation(1)
    assert current is not None and current.version == 2 and seen == []


def test_a_malformed_chat_event_is_skipped_and_the_rest_applied(store: Store) -> None:
    store.apply_events(
        [
            event(1, {"id": 1, "nonsense": True}, EventType.CHAT_MESSAGE_CREATED),
            _chat_event(2, EventType.CHAT_CONVERSATION_UPDATED, conversation(3)),
        ]
    )
    assert store.event_cursor() == 2 and store.chats.conversation(3) is not None


def test_chat_drafts_use_the_drafts_api(store: Store) -> None:
    store.save_draft(draft_key(4), "写了一半")
    assert draft_key(4) == "chat:4" and store.draft("chat:4") == "写了一半"


def test_reset_cache_forgets_server_chats_but_keeps_my_unconfirmed_messages(store: Store) -> None:
    store.chats.put_conversations([conversation(1)])
    store.chats.put_messages([chat_message(1, 1, 1)])
    _queue_mine(store, 1, "pending", "cid-p")
    store.chats.queue_read(1, ME, 1, "rk")
    store.reset_cache()
    assert store.chats.conversation(1) is None
    assert [(m.body, m.state) for m in store.chats.messages(1)] == [("pending", "queued")]
    assert len(store.pending_outbox()) == 2
    assert store.pending_outbox()[0].state == OutboxState.QUEUED
