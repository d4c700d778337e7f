"""The VIP countdown of a chat in the list and the header: mm:ss to the client's response target
(the chat's arrival plus its tier's target, or the server's `vip_due_at` when a conversation
carries one), red once it has run out, hidden for other chats and once nobody waits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from chat_fixtures import conversation, offer

from console.core.vip import DEFAULT_TARGET_MINUTES
from console.ui.chat import vip_countdown
from console.ui.chat.chat_header import ChatHeader
from console.ui.chat.chat_list import ChatItem, ChatRow
from console.ui.chat.vip_countdown import remember_tier_targets, vip_due_at


@pytest.fixture(autouse=True)
def default_targets() -> Iterator[None]:
    yield
    remember_tier_targets(
        [
            type("T", (), {"tier": t, "target_minutes": m})()
            for t, m in DEFAULT_TARGET_MINUTES.items()
        ]
    )


class WithDue:
    """A conversation as a server that sends `vip_due_at` would give it."""

    def __init__(self, conversation: Any, due: datetime) -> None:
        self._conversation = conversation
        self.vip_due_at = due

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conversation, name)


def _vip_offer(queued_seconds_ago: float, tier: int = 7):
    queued = datetime.now(UTC) - timedelta(seconds=queued_seconds_ago)
    return offer(3, vip_tier=tier, queued_at=queued)


def test_a_vip_offer_counts_down_to_its_tier_target_and_turns_red_when_overdue(qtbot) -> None:
    chat = _vip_offer(30)  # tier 7: 5 minutes
    row = ChatRow(ChatItem(chat, 0, "hello", None))
    qtbot.addWidget(row)
    countdown = row.vip_countdown
    assert not countdown.isHidden()
    assert countdown.text() in ("Target 04:29", "Target 04:30")
    assert countdown.property("overdue") in (None, False)
    row.tick(chat.queued_at + timedelta(minutes=5, seconds=5))
    assert countdown.text() == "Target −00:05"
    assert countdown.property("overdue") is True
    assert countdown.palette().color(countdown.foregroundRole()).name() == "#b91c1c"


def test_the_servers_targets_and_due_time_win(qtbot) -> None:
    remember_tier_targets([type("T", (), {"tier": 7, "target_minutes": 0.5})()])
    chat = _vip_offer(10)
    assert vip_countdown.tier_targets()[7] == 0.5
    assert vip_due_at(chat) == chat.queued_at + timedelta(seconds=30)
    due = datetime.now(UTC) + timedelta(seconds=90)
    assert vip_due_at(WithDue(chat, due)) == due


def test_plain_ended_and_answered_chats_have_no_countdown(qtbot) -> None:
    row = ChatRow(ChatItem(conversation(1), 0, "", None))
    qtbot.addWidget(row)
    assert row.vip_countdown.isHidden()
    active = conversation(2, vip_tier=5)
    answered = ChatRow(ChatItem(active, 0, "", None))
    qtbot.addWidget(answered)
    assert answered.vip_countdown.isHidden()
    waiting = ChatRow(ChatItem(active, 1, "hello?", datetime.now(UTC)))
    qtbot.addWidget(waiting)
    assert not waiting.vip_countdown.isHidden()  # the client waits for an answer
    assert vip_due_at(conversation(3, state="ended", vip_tier=5)) is None


def test_the_header_counts_down_while_the_chat_is_offered(qtbot) -> None:
    header = ChatHeader()
    qtbot.addWidget(header)
    header.set_conversation(_vip_offer(30), me_id=7)
    assert header.vip_countdown.text() in ("Target 04:29", "Target 04:30")
    assert not header.vip_countdown.isHidden()
    header.set_conversation(conversation(1), me_id=7)
    assert header.vip_countdown.isHidden()
