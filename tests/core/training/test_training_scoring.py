"""Scoring an attempt: each rubric item, the failing forbidden actions, and the report's sentences
in the attempt's language."""

from __future__ import annotations

import dataclasses

import pytest

from console.core.training.model import (
    Channel,
    Expectation,
    Persona,
    RubricItem,
    RubricKind,
    Scenario,
)
from console.core.training.record import AttemptRecord, Step
from console.core.training.report import PASS_MARK, ItemScore, Report
from console.core.training.scoring import score
from console.core.training.scoring_tone import shouts

FREEZE = Expectation("freeze_account", {"zh": "冻结账户", "en": "Freeze the account"}, 300)
ESCALATE = Expectation("escalate:security", {"zh": "升级到安全团队", "en": "Escalate to security"})
VERIFY = Expectation("verify_identity", {"zh": "核实身份", "en": "Verify the identity"})
ASK_SECRET = Expectation(
    "guard_blocked:asks_secret",
    {"zh": "索要助记词", "en": "Ask for the seed phrase"},
    fails=True,
)
PROMISE = Expectation(
    "reply",
    {"zh": "承诺追回资金", "en": "Promise to recover the funds"},
    says=("保证", "guarantee"),
)

SCENARIO = Scenario(
    id="stolen",
    title={"zh": "账户被盗", "en": "Account taken over"},
    summary={"zh": "客户称账户被盗", "en": "The customer says their account was taken over"},
    channel=Channel.TICKET,
    languages=("zh", "en"),
    category="security",
    persona=Persona(name={"zh": "李女士", "en": "Ms Li"}),
    subject={"zh": "账户被盗", "en": "Account hacked"},
    opening={"zh": "我的账户被盗了！", "en": "My account was hacked!"},
    time_limit_s=1200,
    first_response_target_s=120,
    expect=(FREEZE, ESCALATE, VERIFY),
    forbid=(ASK_SECRET, PROMISE),
    rubric=(
        RubricItem(RubricKind.FIRST_RESPONSE, 15),
        RubricItem(RubricKind.RESOLUTION, 15),
        RubricItem(RubricKind.EXPECTED, 30),
        RubricItem(RubricKind.FORBIDDEN, 20),
        RubricItem(RubricKind.KB_ARTICLE, 10),
        RubricItem(RubricKind.EMPATHY, 10),
    ),
    kb_articles=("account-compromised", "reset-2fa"),
)

MODEL_REPLIES = {
    "en": (
        "Hello Ms Li, I'm sorry to hear this and I understand how worrying it is.",
        "Your account is frozen and our security team is on it. Is there anything else I can "
        "help with?",
    ),
    "zh": (
        "您好，李女士，非常抱歉给您带来不便，我们理解您很着急。",
        "您的账户已冻结，安全团队正在处理。如有其他问题，请随时联系我们。",
    ),
}


def agent(at_s: float, action: str, text: str = "") -> Step:
    return Step(at_s, "agent", action, text)


def model_steps(language: str) -> list[Step]:
    first, last = MODEL_REPLIES[language]
    return [
        Step(0, "customer", "customer", "...", turn_id="opening"),
        agent(60, "reply", first),
        agent(90, "freeze_account"),
        agent(120, "escalate:security"),
        agent(150, "verify_identity"),
        agent(160, "kb_article:account-compromised"),
        agent(200, "reply", last),
        agent(400, "solve"),
    ]


def attempt(steps: list[Step], language: str = "en") -> AttemptRecord:
    return AttemptRecord(language, steps, elapsed_s=600, finished=True)


def item(report: Report, kind: RubricKind) -> ItemScore:
    return next(i for i in report.items if i.kind == kind.value)


def replace(steps: list[Step], action: str, new: Step | None) -> list[Step]:
    """`steps` with the one step of `action` replaced (or dropped when `new` is None)."""
    assert sum(s.action == action for s in steps) == 1
    return [(new if s.action == action else s) for s in steps if s.action != action or new]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_model_attempt_scores_full_marks(language: str) -> None:
    report = score(SCENARIO, attempt(model_steps(language), language))
    assert [i.kind for i in report.items] == [r.kind.value for r in SCENARIO.rubric]
    assert [i.lost for i in report.items] == [()] * 6
    assert report.total == 100.0 >= 90
    assert report.passed and not report.failed
    assert report.resolved
    assert report.first_response_s == 60
    labels = [e.label[language] for e in SCENARIO.expect]
    assert report.expected_done == tuple(labels)
    assert report.expected_missed == () and report.forbidden_done == ()


def test_seed_phrase_request_fails_the_attempt_whatever_the_points() -> None:
    blocked = agent(100, "guard_blocked:asks_secret", "Please send me your seed phrase")
    report = score(SCENARIO, attempt([*model_steps("en"), blocked]))
    assert report.failed and not report.passed
    assert report.fail_reasons == ("Ask for the seed phrase",)
    assert report.forbidden_done == ("Ask for the seed phrase",)
    forbidden = item(report, RubricKind.FORBIDDEN)
    assert forbidden.points == 0
    assert forbidden.lost == ("Did what must not be done: Ask for the seed phrase.",)
    assert report.total == 80.0 >= PASS_MARK  # enough points, and still not passed


def test_forbidden_words_in_a_reply_lose_the_item_without_failing() -> None:
    promise = agent(210, "reply", "我们保证追回您的资金，祝您愉快")
    report = score(SCENARIO, attempt([*model_steps("zh"), promise], "zh"))
    assert report.forbidden_done == ("承诺追回资金",)
    assert not report.failed and report.passed
    assert item(report, RubricKind.FORBIDDEN).lost == ("做了不该做的事：承诺追回资金。",)
    # A note is not a reply the customer saw.
    note = agent(210, "note", "保证")
    assert score(SCENARIO, attempt([*model_steps("zh"), note], "zh")).forbidden_done == ()


@pytest.mark.parametrize(
    ("at_s", "points"),
    [(30, 15.0), (120, 15.0), (121, 14.9), (180, 7.5), (200, 5.0), (240, 0.0), (900, 0.0)],
)
def test_late_first_reply_scales_linearly(at_s: float, points: float) -> None:
    steps = model_steps("en")
    steps[1] = dataclasses.replace(steps[1], at_s=at_s)
    report = score(SCENARIO, attempt(steps))
    first = item(report, RubricKind.FIRST_RESPONSE)
    assert first.points == points
    assert report.first_response_s == at_s
    assert bool(first.lost) == (at_s > 120)


def test_late_first_reply_is_explained_in_the_attempts_language() -> None:
    steps = model_steps("en")
    steps[1] = dataclasses.replace(steps[1], at_s=212)
    assert item(score(SCENARIO, attempt(steps)), RubricKind.FIRST_RESPONSE).lost == (
        "First reply after 212 s; the target was 120 s.",
    )
    zh = score(SCENARIO, attempt(steps, "zh"))
    assert item(zh, RubricKind.FIRST_RESPONSE).lost == ("首次回复用时 212 秒，目标是 120 秒。",)


def test_no_reply_scores_no_first_response_and_no_empathy() -> None:
    steps = [s for s in model_steps("en") if s.action != "reply"]
    report = score(SCENARIO, attempt(steps))
    assert report.first_response_s is None
    assert item(report, RubricKind.FIRST_RESPONSE).points == 0
    assert item(report, RubricKind.EMPATHY).points == 0


def test_missed_expectations_are_listed_in_the_right_language() -> None:
    steps = replace(model_steps("zh"), "freeze_account", None)
    zh = score(SCENARIO, attempt(steps, "zh"))
    assert zh.expected_missed == ("冻结账户",)
    assert zh.expected_done == ("升级到安全团队", "核实身份")
    expected = item(zh, RubricKind.EXPECTED)
    assert expected.points == 20.0
    assert expected.lost == ("未做到：冻结账户（5 分钟内）。",)
    en = score(SCENARIO, attempt(steps, "en"))
    assert en.expected_missed == ("Freeze the account",)
    assert item(en, RubricKind.EXPECTED).lost == ("Did not: Freeze the account (within 5 min).",)


def test_a_label_naming_its_time_is_not_told_it_twice() -> None:
    timed = dataclasses.replace(
        SCENARIO.expect[0],
        label={"en": "Freeze the account within 5 minutes", "zh": "5 分钟内冻结"},
    )
    scenario = dataclasses.replace(SCENARIO, expect=(timed, *SCENARIO.expect[1:]))
    steps = replace(model_steps("en"), "freeze_account", None)
    lost = item(score(scenario, attempt(steps)), RubricKind.EXPECTED).lost
    assert lost == ("Did not: Freeze the account within 5 minutes.",)


def test_an_expectation_done_too_late_does_not_count() -> None:
    steps = replace(model_steps("en"), "freeze_account", agent(400, "freeze_account"))
    steps = replace(steps, "verify_identity", None)
    report = score(SCENARIO, attempt(steps))
    expected = item(report, RubricKind.EXPECTED)
    assert expected.points == 10.0
    assert report.expected_missed == ("Freeze the account", "Verify the identity")
    assert expected.lost == (
        "Too late: Freeze the account (within 5 min; done after 6 min 40 s).",
        "Did not: Verify the identity.",
    )


def test_expectation_qualifier_must_match() -> None:
    steps = replace(model_steps("en"), "escalate:security", agent(120, "escalate:compliance"))
    assert score(SCENARIO, attempt(steps)).expected_missed == ("Escalate to security",)


def test_resolution_late_or_never() -> None:
    late = replace(model_steps("en"), "solve", agent(1500, "solve"))
    report = score(SCENARIO, attempt(late))
    assert not report.resolved
    assert item(report, RubricKind.RESOLUTION).points == 0
    assert item(report, RubricKind.RESOLUTION).lost == (
        "Solved the ticket after 25 min; the time limit was 20 min.",
    )
    never = replace(model_steps("zh"), "solve", None)
    chat = dataclasses.replace(SCENARIO, channel=Channel.CHAT)
    assert item(score(chat, attempt(never, "zh")), RubricKind.RESOLUTION).lost == (
        "对话未结束（时限 20 分钟）。",
    )


def test_kb_article_via_action_or_slug_in_a_reply() -> None:
    other = agent(160, "kb_article:reset-2fa")
    via_other = replace(model_steps("en"), "kb_article:account-compromised", other)
    assert item(score(SCENARIO, attempt(via_other)), RubricKind.KB_ARTICLE).points == 10
    no_kb = replace(model_steps("en"), "kb_article:account-compromised", None)
    missing = item(score(SCENARIO, attempt(no_kb)), RubricKind.KB_ARTICLE)
    assert missing.points == 0
    assert missing.lost == (
        "No knowledge-base article was linked (this case takes: account-compromised, reset-2fa).",
    )
    link = agent(170, "reply", "See https://support.example.com/kb/Account-Compromised please")
    assert item(score(SCENARIO, attempt([*no_kb, link])), RubricKind.KB_ARTICLE).points == 10
    # A longer slug that merely starts with the right one is another article.
    near = agent(170, "reply", "See https://support.example.com/kb/account-compromised-faq")
    assert item(score(SCENARIO, attempt([*no_kb, near])), RubricKind.KB_ARTICLE).points == 0
    wrong = agent(160, "kb_article:deposit-missing")
    lost = item(score(SCENARIO, attempt([*no_kb, wrong], "zh")), RubricKind.KB_ARTICLE).lost
    assert lost == (
        "附上的文章 deposit-missing 不适用于本案例（适用：account-compromised, reset-2fa）。",
    )


EN_GOOD_FIRST, EN_GOOD_LAST = MODEL_REPLIES["en"]


@pytest.mark.parametrize(
    ("replies", "lost_word"),
    [
        (["Hello Ms Li.", "Your account is frozen. Anything else?"], "acknowledges"),
        ([EN_GOOD_FIRST, "This is your fault. Anything else?"], '"your fault"'),
        ([EN_GOOD_FIRST, "PLEASE DO NOT WITHDRAW ANYTHING. Anything else?"], "shouts"),
        ([EN_GOOD_FIRST, "Done!!! Anything else?"], "shouts"),
        (["I'm sorry to hear this.", EN_GOOD_LAST], "greet"),
        ([EN_GOOD_FIRST, "Your account is frozen."], "close politely"),
    ],
)
def test_each_empathy_check_loses_a_fifth(replies: list[str], lost_word: str) -> None:
    steps = [agent(60 + 10 * n, "reply", text) for n, text in enumerate(replies)]
    empathy = item(score(SCENARIO, attempt(steps)), RubricKind.EMPATHY)
    assert empathy.points == 8.0
    assert len(empathy.lost) == 1 and lost_word in empathy.lost[0]


def test_empathy_in_chinese() -> None:
    steps = [agent(60, "reply", "这是你自己的问题。")]
    empathy = item(score(SCENARIO, attempt(steps, "zh")), RubricKind.EMPATHY)
    assert empathy.points == 2.0  # only "no shouting" holds
    assert empathy.lost == (
        "没有一条回复体谅客户（致歉、表示理解或感谢）。",
        "有回复责怪客户：“你自己”。",
        "第一条回复没有问候客户。",
        "最后一条回复没有礼貌地结束（例如询问是否还需要帮助）。",
    )


def test_shouting_rule() -> None:
    assert shouts("PLEASE WAIT")
    assert shouts("请耐心等待！！！")  # full-width exclamation marks
    assert not shouts("Your USDT on TRC20 arrived, KYC is fine")
    assert not shouts("您好，您的USDT TRC20提币和KYC、2FA都正常")  # names, not shouting
    assert not shouts("OK THEN")  # too few letters to tell
