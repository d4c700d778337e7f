"""The simulated customer's script: which turn is due, and the word and action matching it uses."""

from __future__ import annotations

from typing import Any

from console.core.training.matching import action_matches, find_said, says_any
from console.core.training.model import Channel, Persona, Scenario, Trigger, Turn
from console.core.training.record import AttemptRecord, Step
from console.core.training.script import due_turns


def turn(turn_id: str, repeat: bool = False, **when: Any) -> Turn:
    return Turn(turn_id, Trigger(**when), {"zh": f"{turn_id}（中文）", "en": turn_id}, repeat)


def scenario(*turns: Turn) -> Scenario:
    return Scenario(
        id="test",
        title={"zh": "测试", "en": "Test"},
        summary={"zh": "测试", "en": "Test"},
        channel=Channel.CHAT,
        languages=("zh", "en"),
        category="withdrawal",
        persona=Persona(name={"zh": "王先生", "en": "Mr Wang"}),
        subject={"zh": "提币未到账", "en": "Withdrawal missing"},
        opening={"zh": "我的提币还没到账", "en": "My withdrawal has not arrived"},
        time_limit_s=1200,
        first_response_target_s=120,
        turns=turns,
    )


def opening(at_s: float = 0.0) -> Step:
    return Step(at_s, "customer", "customer", "...", turn_id="opening")


def sent(turn_id: str, at_s: float) -> Step:
    return Step(at_s, "customer", "customer", turn_id, turn_id=turn_id)


def reply(at_s: float, text: str) -> Step:
    return Step(at_s, "agent", "reply", text)


def record(*steps: Step, elapsed_s: float = 0.0, finished: bool = False) -> AttemptRecord:
    return AttemptRecord("zh", list(steps), elapsed_s, finished)


def ids(turns: list[Turn]) -> list[str]:
    return [t.id for t in turns]


# --- matching ---------------------------------------------------------------------------------


def test_action_without_qualifier_matches_any_qualifier() -> None:
    assert action_matches("escalate", "escalate")
    assert action_matches("escalate", "escalate:security")
    assert action_matches("escalate:security", "escalate:security")
    assert not action_matches("escalate:security", "escalate:compliance")
    assert not action_matches("escalate:security", "escalate")
    assert not action_matches("escalate", "escalated")  # no prefix match across the colon rule
    assert not action_matches("", "reply")


def test_says_any_in_chinese_is_a_substring() -> None:
    assert says_any("您好，请提供提币的TxID，我帮您查询", ["txid", "交易哈希"])
    assert says_any("请提供交易哈希", ["txid", "交易哈希"])
    assert not says_any("请稍等", ["txid", "交易哈希"])


def test_says_any_in_english_matches_from_a_word_start() -> None:
    assert says_any("We have REFUNDED it", ["refund"])  # case-folded, runs on
    assert says_any("我的withdrawal", ["withdrawal"])  # Chinese before is a boundary
    assert not says_any("Thanks for your consent", ["sent"])
    assert says_any("I\u2019m sorry you\u2019ve waited", ["you've waited"])  # curly apostrophes
    assert says_any("ｓｏｒｒｙ！！！", ["sorry", "!!!"])  # full-width
    assert not says_any("anything", ["", "  "])  # blank words never match


def test_whole_words_do_not_run_on() -> None:
    assert find_said("Hi, how can I help?", ["hi"], whole_words=True) == "hi"
    assert find_said("his account", ["hi"], whole_words=True) is None
    assert find_said("his account", ["hi"]) == "hi"


# --- triggers ---------------------------------------------------------------------------------


def test_keyword_trigger_in_chinese() -> None:
    s = scenario(turn("txid", agent_says=("交易哈希", "txid")))
    assert due_turns(s, record(opening(), reply(30, "您好，请稍等"))) == []
    due = due_turns(s, record(opening(), reply(30, "您好"), reply(50, "请提供交易哈希")))
    assert ids(due) == ["txid"]


def test_keyword_trigger_in_english_ignores_notes_and_blocked_messages() -> None:
    s = scenario(turn("address", agent_says=("address",)))
    note = Step(20, "agent", "note", "check the address")
    blocked = Step(25, "agent", "guard_blocked:link_unofficial", "your address at evil.example")
    assert due_turns(s, record(opening(), note, blocked)) == []
    assert ids(due_turns(s, record(opening(), reply(30, "Which ADDRESS did you use?")))) == [
        "address"
    ]


def test_action_trigger_with_a_qualifier() -> None:
    s = scenario(turn("thanks", action="escalate:security"), turn("any", action="freeze_account"))
    compliance = Step(40, "agent", "escalate:compliance")
    assert due_turns(s, record(opening(), compliance)) == []
    security = Step(60, "agent", "escalate:security")
    assert ids(due_turns(s, record(opening(), compliance, security))) == ["thanks"]
    frozen = Step(70, "agent", "freeze_account")
    assert ids(due_turns(s, record(opening(), sent("thanks", 61), frozen))) == ["any"]
    # A customer step never counts as the agent's action.
    assert due_turns(s, record(opening(), Step(80, "customer", "freeze_account"))) == []


def test_after_s() -> None:
    s = scenario(turn("hurry", after_s=300))
    assert due_turns(s, record(opening(), elapsed_s=299.9)) == []
    assert ids(due_turns(s, record(opening(), elapsed_s=300))) == ["hurry"]


def test_after_turn_chain_advances_one_send_at_a_time() -> None:
    s = scenario(
        turn("second", after_turn="first"),
        turn("first", after_turn="opening"),
        turn("third", after_turn="second", after_s=100),
    )
    assert due_turns(s, record(elapsed_s=10)) == []  # not even the opening yet
    assert ids(due_turns(s, record(opening(), elapsed_s=10))) == ["first"]
    assert ids(due_turns(s, record(opening(), sent("first", 10), elapsed_s=11))) == ["second"]
    chain = [opening(), sent("first", 10), sent("second", 11)]
    assert due_turns(s, record(*chain, elapsed_s=50)) == []  # third also waits for after_s
    assert ids(due_turns(s, record(*chain, elapsed_s=100))) == ["third"]
    assert due_turns(s, record(*chain, sent("third", 100), elapsed_s=500)) == []


def test_no_reply_for_s_resets_after_a_reply() -> None:
    s = scenario(turn("waiting", no_reply_for_s=60))
    assert due_turns(s, record(opening(0), elapsed_s=59)) == []
    assert ids(due_turns(s, record(opening(0), elapsed_s=60))) == ["waiting"]
    # A reply at 30 s answered the opening: no waiting until the customer writes again.
    assert due_turns(s, record(opening(0), reply(30, "您好"), elapsed_s=500)) == []
    # The customer wrote again at 100 s; the wait counts from there.
    again = [opening(0), reply(30, "您好"), Step(100, "customer", "customer", "在吗")]
    assert due_turns(s, record(*again, elapsed_s=159)) == []
    assert ids(due_turns(s, record(*again, elapsed_s=160))) == ["waiting"]


def test_a_turn_is_sent_once_unless_it_repeats() -> None:
    s = scenario(turn("once", after_s=10))
    assert due_turns(s, record(opening(), sent("once", 10), elapsed_s=1000)) == []


def test_repeat_turn_waits_after_s_between_sends() -> None:
    s = scenario(turn("nag", repeat=True, after_s=120))
    assert ids(due_turns(s, record(opening(), elapsed_s=120))) == ["nag"]
    steps = [opening(), sent("nag", 120)]
    assert due_turns(s, record(*steps, elapsed_s=239)) == []
    assert ids(due_turns(s, record(*steps, elapsed_s=240))) == ["nag"]


def test_repeat_turn_needs_a_new_event_after_its_last_send() -> None:
    s = scenario(turn("again", repeat=True, agent_says=("稍等",)))
    first = [opening(), reply(20, "请稍等")]
    assert ids(due_turns(s, record(*first, elapsed_s=21))) == ["again"]
    after = [*first, sent("again", 21)]
    assert due_turns(s, record(*after, elapsed_s=400)) == []
    assert ids(due_turns(s, record(*after, reply(60, "再稍等一下"), elapsed_s=61))) == ["again"]


def test_empty_trigger_never_fires() -> None:
    s = scenario(turn("never"), turn("blank", agent_says=("", " ")))
    assert due_turns(s, record(opening(), reply(5, "hello"), elapsed_s=10_000)) == []


def test_at_most_one_turn_first_in_scenario_order() -> None:
    s = scenario(turn("a", after_s=10), turn("b", after_s=5))
    assert ids(due_turns(s, record(opening(), elapsed_s=20))) == ["a"]
    assert ids(due_turns(s, record(opening(), sent("a", 20), elapsed_s=21))) == ["b"]


def test_finished_record_gets_nothing() -> None:
    s = scenario(turn("hurry", after_s=0))
    assert ids(due_turns(s, record(opening(), elapsed_s=5))) == ["hurry"]
    assert due_turns(s, record(opening(), elapsed_s=5, finished=True)) == []
