"""Chat's live side without a server: the typing board (expiry, my own typing left out), the
status board, and the notifications derived from chat events against the store's state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from chat_harness import ME, OTHER, chat_message, conversation
from pydantic import BaseModel

from console.api.schemas import EventOut
from console.api.schemas_chat import AgentChatStatusOut, ChatTypingOut
from console.core.domain import EventType
from console.store import Store
from console.sync import Notification, NotificationCenter, NotificationKind
from console.sync.chat_live import ChatStatusBoard, ChatTypingBoard

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _typing(cid: int, who: Any, typing: bool, agent_id: int | None = None) -> ChatTypingOut:
    return ChatTypingOut(conversation_id=cid, who=who, typing=typing, agent_id=agent_id)


def test_typing_board_expires_and_leaves_out_my_own_typing() -> None:
    clock = Clock()
    sent: list[tuple[int, bool]] = []
    board = ChatTypingBoard(ME, send=lambda cid, t: sent.append((cid, t)), clock=clock)
    heard: list[int] = []
    unsubscribe = board.subscribe(heard.append)
    board.update(_typing(1, "customer", True))
    board.update(_typing(1, "agent", True, ME))  # my own echo
    board.update(_typing(1, "agent", True, OTHER))  # a supervisor looking in
    assert [(t.who, t.agent_id) for t in board.typing(1)] == [("customer", None), ("agent", OTHER)]
    assert board.customer_typing(1) and not board.customer_typing(2)
    assert heard == [1, 1]
    clock.now += 5.0
    board.update(_typing(1, "agent", True, OTHER))  # renewed
    clock.now += 2.0  # the customer's entry is 7 s old now: expired
    assert [(t.who, t.agent_id) for t in board.typing(1)] == [("agent", OTHER)]
    board.update(_typing(1, "agent", False, OTHER))
    assert board.typing(1) == []
    # Calling the board sends my own typing state.
    board(4, True)
    assert sent == [(4, True)]
    unsubscribe()
    board.update(_typing(1, "customer", True))
    board.clear(1)
    assert board.typing(1) == [] and heard == [1, 1, 1, 1]


def test_status_board_keeps_the_latest_per_agent() -> None:
    board = ChatStatusBoard(ME)
    heard: list[int] = []
    board.subscribe(heard.append)

    def status(agent_id: int, value: Any, active: int = 0) -> AgentChatStatusOut:
        return AgentChatStatusOut(agent_id=agent_id, status=value, capacity=5, active=active)

    board.replace([status(ME, "away"), status(OTHER, "online")])
    board.update(status(ME, "online", active=2))
    mine = board.mine
    assert mine is not None and (mine.status, mine.active) == ("online", 2)
    assert [s.agent_id for s in board.all()] == [ME, OTHER]
    assert board.get(99) is None
    assert heard == [ME, OTHER, ME]


def _event(event_id: int, kind: EventType, payload: BaseModel) -> EventOut:
    return EventOut.model_validate(
        {
            "id": event_id,
            "type": kind,
            "ticket_id": None,
            "payload": payload.model_dump(mode="json"),
            "created_at": START + timedelta(minutes=5, seconds=event_id),
        }
    )


def test_notified_of_offers_to_me_and_customer_messages_in_my_active_chats(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    try:
        center = NotificationCenter(store, ME, START)
        heard: list[Notification] = []
        center.subscribe(heard.append)
        offered_at = START + timedelta(minutes=5)
        offer = conversation(
            1,
            state="offered",
            assigned_agent_id=None,
            offered_agent_id=ME,
            offered_at=offered_at,
            customer_name="Mei Lin",
            topic="kyc",
        )
        events = [
            _event(1, EventType.CHAT_CONVERSATION_UPDATED, offer),
            # The same offer again (a read receipt changed it): not news.
            _event(2, EventType.CHAT_CONVERSATION_UPDATED, offer.model_copy(update={"version": 2})),
            # An offer to someone else, a customer message in a chat not yet mine: nothing.
            _event(
                3,
                EventType.CHAT_CONVERSATION_UPDATED,
                conversation(2, offered_agent_id=OTHER, state="offered", assigned_agent_id=None),
            ),
            _event(4, EventType.CHAT_MESSAGE_CREATED, chat_message(1, 1, 1, body="hello?")),
        ]
        center.observe(events)
        store.apply_events(events)
        assert [(n.kind, n.conversation_id, n.title, n.body, n.ticket_id) for n in heard] == [
            (NotificationKind.CHAT_OFFERED, 1, "Mei Lin", "kyc", 0)
        ]
        heard.clear()
        accepted = offer.model_copy(
            update={
                "state": "active",
                "assigned_agent_id": ME,
                "offered_agent_id": None,
                "version": 3,
            }
        )
        events = [
            _event(5, EventType.CHAT_CONVERSATION_UPDATED, accepted),
            _event(6, EventType.CHAT_MESSAGE_CREATED, chat_message(2, 1, 2, body="是我")),
            _event(7, EventType.CHAT_MESSAGE_CREATED, chat_message(3, 1, 3, sender="bot")),
            _event(8, EventType.CHAT_MESSAGE_CREATED, chat_message(4, 2, 1, body="not mine")),
        ]
        center.observe(events)
        store.apply_events(events)
        assert [(n.kind, n.conversation_id, n.body) for n in heard] == [
            (NotificationKind.CHAT_MESSAGE, 1, "是我")
        ]
        # Events from before the session started are never notified.
        heard.clear()
        old = _event(9, EventType.CHAT_MESSAGE_CREATED, chat_message(5, 1, 4))
        center.observe([old.model_copy(update={"created_at": START - timedelta(hours=1)})])
        assert heard == []
    finally:
        store.close()
