"""The pure parts of live chat: queue order, who gets a chat, the bot's decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.server.services.chat_bot import BOT_MIN_SCORE, BotArticle, bot_turn, topic_of
from console.server.services.chat_routing import (
    AgentSlot,
    Waiting,
    assign,
    estimated_wait_s,
    pick_agent,
    queue_order,
    queue_positions,
)
from console.server.services.chat_texts import asks_for_human, says_security, says_thanks

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TIMEOUT = 45.0


def chat(cid: int, minutes_ago: int = 0, **kw: object) -> Waiting:
    values: dict[str, object] = {
        "conversation_id": cid,
        "priority": "normal",
        "vip_tier": 0,
        "queued_at": NOW - timedelta(minutes=minutes_ago),
        "language": "en",
        "topic": None,
    }
    values.update(kw)
    return Waiting(**values)  # type: ignore[arg-type]


def agent(aid: int, load: int = 0, **kw: object) -> AgentSlot:
    values: dict[str, object] = {
        "agent_id": aid,
        "status": "online",
        "heartbeat_at": NOW,
        "capacity": 5,
        "load": load,
        "languages": frozenset({"en", "zh"}),
    }
    values.update(kw)
    return AgentSlot(**values)  # type: ignore[arg-type]


def test_queue_order_security_then_vip_then_time() -> None:
    waiting = [
        chat(1, 10),
        chat(2, 5, vip_tier=3),
        chat(3, 1, priority="security"),
        chat(4, 20, vip_tier=1),
        chat(5, 30),
    ]
    assert [w.conversation_id for w in queue_order(waiting)] == [3, 2, 4, 5, 1]
    assert queue_positions(waiting) == {3: 1, 2: 2, 4: 3, 5: 4, 1: 5}
    assert estimated_wait_s(3, 90.0) == 270


def test_eligibility() -> None:
    c = chat(1, language="ja", topic="kyc")
    assert pick_agent(c, [agent(1)], NOW, TIMEOUT) is None  # no Japanese
    ja = agent(2, languages=frozenset({"ja"}))
    assert pick_agent(c, [ja], NOW, TIMEOUT) == 2
    assert (
        pick_agent(
            c, [agent(3, languages=frozenset({"ja"}), skills=frozenset({"p2p"}))], NOW, TIMEOUT
        )
        is None
    )
    assert (
        pick_agent(
            c, [agent(4, languages=frozenset({"ja"}), skills=frozenset({"kyc"}))], NOW, TIMEOUT
        )
        == 4
    )
    full = agent(5, load=5, languages=frozenset({"ja"}))
    away = agent(6, status="away", languages=frozenset({"ja"}))
    stale = agent(7, heartbeat_at=NOW - timedelta(seconds=TIMEOUT + 1), languages=frozenset({"ja"}))
    assert pick_agent(c, [full, away, stale], NOW, TIMEOUT) is None
    declined = chat(1, language="ja", declined=frozenset({2}))
    assert pick_agent(declined, [ja], NOW, TIMEOUT) is None


def test_least_loaded_then_longest_idle_and_the_account_manager_first() -> None:
    c = chat(1)
    agents = [
        agent(1, load=2),
        agent(2, load=1, last_offer_at=NOW - timedelta(minutes=5)),
        agent(3, load=1, last_offer_at=NOW - timedelta(hours=1)),
    ]
    assert pick_agent(c, agents, NOW, TIMEOUT) == 3
    vip = chat(1, vip_tier=2, account_manager_id=1)
    assert pick_agent(vip, agents, NOW, TIMEOUT) == 1
    assert pick_agent(vip, [agent(1, load=5), agents[1]], NOW, TIMEOUT) == 2  # manager full
    missed = chat(1, missed=frozenset({3}))
    assert pick_agent(missed, agents, NOW, TIMEOUT) == 2
    assert pick_agent(missed, [agents[2]], NOW, TIMEOUT) == 3  # nobody else: back to them


def test_assign_respects_capacity_and_skips_unroutable_heads() -> None:
    waiting = [chat(i, 10 - i) for i in range(1, 8)] + [chat(9, 30, language="ko")]
    offers = assign(waiting, [agent(1, capacity=3), agent(2, load=2, capacity=4)], NOW, TIMEOUT)
    assert [cid for cid, _ in offers] == [1, 2, 3, 4, 5]  # the Korean head waits, others pass
    per_agent = {aid: sum(1 for _, a in offers if a == aid) for aid in (1, 2)}
    assert per_agent == {1: 3, 2: 2}
    assert assign(waiting, [agent(1, load=5)], NOW, TIMEOUT) == []


def _article(category: str = "kyc", score: float = 2.2) -> BotArticle:
    return BotArticle(
        "kyc-rejected", category, "en", "KYC rejected", "Upload a clear photo.", score
    )


@pytest.mark.parametrize(
    "text",
    [
        "my account was HACKED",
        "unauthorised withdrawal!",
        "我的账号被盗了",
        "账户被冻结",
        "アカウントが乗っ取りに",
        "계정 해킹",
    ],
)
def test_security_words(text: str) -> None:
    turn = bot_turn(text, "en", has_files=False, bot_answers=0, best_article=lambda q: _article())
    assert turn.handoff and turn.priority == "security" and turn.topic == "account_security"
    assert says_security(text)


@pytest.mark.parametrize(
    "text", ["转人工", "人工客服", "real person please", "Agent!", "オペレーター", "상담원"]
)
def test_asking_for_a_person(text: str) -> None:
    assert asks_for_human(text)
    turn = bot_turn(text, "zh", has_files=False, bot_answers=0, best_article=lambda q: _article())
    assert turn.handoff and turn.reason == "asked" and turn.reply.startswith("正在为您转接")


def test_bot_answers_then_hands_off() -> None:
    def found(_q: str) -> BotArticle:
        return _article()

    turn = bot_turn("kyc failed", "en", has_files=False, bot_answers=0, best_article=found)
    assert not turn.handoff and turn.reason == "answered" and turn.topic == "kyc"
    assert "Upload a clear photo." in turn.reply
    assert "https://lumen.example/help/en/kyc-rejected" in turn.reply
    unsure = bot_turn(
        "x",
        "en",
        has_files=False,
        bot_answers=0,
        best_article=lambda q: _article(score=BOT_MIN_SCORE - 0.1),
    )
    assert unsure.handoff and unsure.reason == "unsure"
    none = bot_turn("hello", "en", has_files=False, bot_answers=0, best_article=lambda q: None)
    assert none.handoff
    limit = bot_turn("kyc failed again", "en", has_files=False, bot_answers=2, best_article=found)
    assert limit.handoff and limit.reason == "limit"
    nope = bot_turn("that didn't help", "en", has_files=False, bot_answers=1, best_article=found)
    assert nope.handoff and nope.reason == "unhelpful"
    thanks = bot_turn("thanks!", "en", has_files=False, bot_answers=1, best_article=found)
    assert not thanks.handoff and thanks.reason == "thanks"
    assert says_thanks("谢谢") and not says_thanks(
        "thanks but my withdrawal is still missing since Monday"
    )
    file = bot_turn("", "en", has_files=True, bot_answers=0, best_article=found)
    assert file.handoff and file.reason == "file"


def test_kb_categories_map_to_topics() -> None:
    assert topic_of("margin") == "futures_margin"
    assert topic_of("payments") == "deposit_withdrawal"
    assert topic_of("glossary") is None
