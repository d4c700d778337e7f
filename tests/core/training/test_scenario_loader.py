"""Scenario files: the shipped ones load and cover the required cases, and a broken file is
reported with its name, the field's dotted path and the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from console.core.data_files import resources_dir, scenarios_dir
from console.core.training.loader import (
    ScenarioError,
    known_article_slugs,
    load_scenario,
    load_scenarios,
    parse_scenario,
)
from console.core.training.model import Channel, Mood, RubricKind, Scenario, Texts

SCENARIOS = scenarios_dir()
ARTICLES = known_article_slugs(resources_dir() / "kb" / "articles")
STOLEN = SCENARIOS / "stolen-account.toml"
REQUIRED = {
    "stolen-account",
    "withdrawal-network-congestion",
    "deposit-wrong-network",
    "lost-2fa",
    "kyc-rejected",
    "futures-liquidation-complaint",
    "p2p-scam",
    "phishing-link-report",
    "customer-pastes-seed-phrase",
    "investment-advice",
    "fee-question",
    "vip-large-withdrawal",
    "angry-market-crash",
    "aml-suspicious-activity",
    "incident-withdrawals-paused",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Scenario]:
    scenarios, errors = load_scenarios(SCENARIOS, known_articles=ARTICLES)
    assert errors == []
    return {scenario.id: scenario for scenario in scenarios}


def _texts(scenario: Scenario) -> list[tuple[str, Texts]]:
    found = [
        ("title", scenario.title),
        ("summary", scenario.summary),
        ("subject", scenario.subject),
        ("opening", scenario.opening),
        ("persona.name", scenario.persona.name),
    ]
    found += [(f"turn {turn.id}", turn.say) for turn in scenario.turns]
    found += [(f"expect {item.action}", item.label) for item in scenario.expect]
    found += [(f"forbid {item.action}", item.label) for item in scenario.forbid]
    return found


def test_every_shipped_scenario_loads_and_the_required_ones_exist(
    shipped: dict[str, Scenario],
) -> None:
    assert len(shipped) >= 16
    assert set(shipped) >= REQUIRED
    assert list(shipped) == sorted(shipped)  # load_scenarios sorts by id
    assert ARTICLES and "account-stolen" in ARTICLES  # the knowledge base was really read
    assert any(scenario.channel is Channel.CHAT for scenario in shipped.values())


def test_every_text_is_in_chinese_and_english(shipped: dict[str, Scenario]) -> None:
    for scenario in shipped.values():
        assert scenario.languages == ("zh", "en"), scenario.id
        for where, texts in _texts(scenario):
            assert set(texts) >= {"zh", "en"}, (scenario.id, where)
            if where != "persona.name":  # names may be Latin in both
                assert CJK.search(texts["zh"]), (scenario.id, where, texts["zh"])
            assert not CJK.search(texts["en"]), (scenario.id, where, texts["en"])
            assert re.search(r"[A-Za-z]{2}", texts["en"]), (scenario.id, where)


def test_shipped_scenarios_keep_the_house_rules(shipped: dict[str, Scenario]) -> None:
    for scenario in shipped.values():
        assert 8 * 60 <= scenario.time_limit_s <= 20 * 60, scenario.id
        assert 60 <= scenario.first_response_target_s <= 180, scenario.id
        assert sum(item.weight for item in scenario.rubric) == 100, scenario.id
        assert scenario.turns and scenario.expect and scenario.forbid, scenario.id
        assert set(scenario.kb_articles) <= ARTICLES, scenario.id
        # Every scenario with a guard entry treats a request for a secret as a failure.
        if any(item.action.startswith("guard_blocked") for item in scenario.forbid):
            secret = [i for i in scenario.forbid if i.action == "guard_blocked:asks_secret"]
            assert secret and secret[0].fails, scenario.id


def test_stolen_account_is_scripted_as_specified(shipped: dict[str, Scenario]) -> None:
    stolen = shipped["stolen-account"]
    assert stolen.channel is Channel.TICKET and stolen.category == "account_security"
    expected = {item.action: item for item in stolen.expect}
    assert expected["freeze_account"].within_s == 300
    assert {"verify_identity", "escalate:security"} <= set(expected)
    forbidden = {item.action: item for item in stolen.forbid}
    assert forbidden["guard_blocked:asks_secret"].fails
    assert "unfreeze_account" in forbidden
    triggers = [turn.when for turn in stolen.turns]
    assert any({"冻结", "freeze"} <= set(when.agent_says) for when in triggers)
    assert any(when.action == "freeze_account" for when in triggers)
    assert any(when.action == "verify_identity" for when in triggers)
    assert any(when.no_reply_for_s and 60 <= when.no_reply_for_s <= 120 for when in triggers)
    assert "account-stolen" in stolen.kb_articles
    persona = stolen.persona
    assert any(t.kind == "withdrawal" and t.tx_hash for t in persona.transfers)
    assert any(event.kind == "new_device" for event in persona.security_events)


def test_the_other_cases_have_their_defining_traits(shipped: dict[str, Scenario]) -> None:
    congestion = shipped["withdrawal-network-congestion"].persona.transfers
    assert any(
        t.kind == "withdrawal" and t.status in {"pending", "confirming"} and t.network and t.tx_hash
        for t in congestion
    )
    advice = shipped["investment-advice"]
    said = [item for item in advice.forbid if item.action == "reply" and item.fails]
    words = {word for item in said for word in item.says}
    assert {"建议买入", "you should invest"} <= words
    seed = shipped["customer-pastes-seed-phrase"]
    assert len(seed.opening["en"].splitlines()[-1].split()) == 12
    assert any(i.action == "reply" and "新钱包" in i.says for i in seed.expect)
    assert any(i.says and i.fails for i in seed.forbid)
    assert shipped["vip-large-withdrawal"].persona.vip_tier >= 6
    angry = shipped["angry-market-crash"]
    weights = {item.kind: item.weight for item in angry.rubric}
    assert angry.persona.mood is Mood.ANGRY
    assert weights[RubricKind.EMPATHY] == max(weights.values())
    assert "aml_report" in {item.action for item in shipped["aml-suspicious-activity"].expect}
    incident = shipped["incident-withdrawals-paused"]
    assert incident.duplicates == 6
    assert "merge" in {item.action for item in incident.expect}


def test_parsed_values_are_converted() -> None:
    stolen = load_scenario(STOLEN)
    assert stolen.id == "stolen-account"
    assert stolen.time_limit_s == 15 * 60  # time_limit_min is stored in seconds
    assert stolen.opening["zh"].startswith("你好")  # multi-line strings lose their blank edges
    assert stolen.persona.mood is Mood.PANICKED
    assert stolen.rubric[0].kind is RubricKind.FIRST_RESPONSE


BASE = STOLEN.read_text(encoding="utf-8")

# (name, original text, replacement, field, words the problem must contain)
BROKEN = [
    ("unknown key", 'channel = "ticket"', 'chanel = "ticket"', "chanel", "allowed: id, title"),
    ("bad channel", 'channel = "ticket"', 'channel = "email"', "channel", "ticket, chat"),
    ("bad mood", 'mood = "panicked"', 'mood = "furious"', "persona.mood", '"furious"'),
    ("bad kyc", 'kyc = "verified"', 'kyc = "done"', "persona.kyc", "none, pending"),
    (
        "bad transfer status",
        'status = "completed"\nminutes_ago = 25',
        'status = "stuck"\nminutes_ago = 25',
        "persona.transfers[1].status",
        "under_review",
    ),
    (
        "bad event kind",
        'kind = "new_device"',
        'kind = "new_phone"',
        "persona.security_events[0].kind",
        "new_device",
    ),
    (
        "missing zh text",
        'say.zh = "有人在吗？？？我的钱被偷了，你们能不能先回个话！"\n',
        "",
        "turns[3].say.zh",
        "missing (every scenario language needs a text)",
    ),
    ("weights not 100", "weight = 35", "weight = 30", "rubric", "add up to 95, not 100"),
    (
        "unknown after_turn",
        "when = { no_reply_for_s = 90 }",
        'when = { no_reply_for_s = 90, after_turn = "nope" }',
        "turns[3].when.after_turn",
        '"nope"',
    ),
    (
        "bad escalate department",
        '"escalate:security"',
        '"escalate:legal"',
        "expect[2].action",
        "not a department",
    ),
    (
        "bad guard kind",
        '"guard_blocked:asks_secret"',
        '"guard_blocked:asks_seed"',
        "forbid[0].action",
        "asks_secret",
    ),
    ("unknown action", '"freeze_account"\nlabel', '"lock_account"\nlabel', "expect[0].action", ""),
    ("vip out of range", "vip_tier = 0", "vip_tier = 10", "persona.vip_tier", "between 0 and 9"),
    ("wrong type", "vip_tier = 0", 'vip_tier = "0"', "persona.vip_tier", "whole number, not text"),
    ("negative duplicates", "tags = [", "duplicates = -1\ntags = [", "duplicates", "at least 0"),
    ("zero time limit", "time_limit_min = 15", "time_limit_min = 0", "time_limit_min", ""),
    ("zero target", "first_response_target_s = 90", "first_response_target_s = 0", "", ""),
    ("empty trigger", "when = { no_reply_for_s = 90 }", "when = {}", "turns[3].when", "empty"),
    ("duplicate turn id", 'id = "no-answer"', 'id = "after-verify"', "turns[3].id", "unique"),
    ("duplicate rubric kind", 'kind = "resolution"', 'kind = "empathy"', "rubric[5].kind", ""),
    ("bad language", '["zh", "en"]', '["zh", "fr"]', "languages[1]", '"fr"'),
    ("unknown language", "opening.en", "opening.eng", "opening.eng", "allowed: zh, en"),
    ("unknown kb slug", '"device-management"', '"no-such-article"', "kb_articles[1]", ""),
    ("id differs", "title.zh", 'id = "other"\ntitle.zh', "id", "file name"),
    (
        "says without reply",
        'action = "verify_identity"\nlabel',
        'action = "verify_identity"\nsays = ["ok"]\nlabel',
        "expect[1].says",
        "reply",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_each_problem_names_the_file_and_field(
    old: str, new: str, field: str, problem: str
) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source="stolen-account.toml", known_articles=ARTICLES)
    error = caught.value
    assert error.source == "stolen-account.toml"
    expected_field = field or old.split(" = ")[0]
    assert error.field == expected_field
    assert problem in error.problem
    assert str(error) == f"stolen-account.toml: {error.field}: {error.problem}"


def test_a_toml_syntax_error_names_its_line() -> None:
    lines = BASE.splitlines()
    broken_line = next(number for number, line in enumerate(lines, 1) if line == "vip_tier = 0")
    text = BASE.replace("vip_tier = 0", "vip_tier = ", 1)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source="stolen-account.toml")
    assert caught.value.field == f"line {broken_line}"
    assert caught.value.problem.startswith("TOML syntax")
    assert str(caught.value).startswith(f"stolen-account.toml: line {broken_line}: ")


def test_a_turn_link_loop_is_caught() -> None:
    text = BASE.replace(
        'when = { action = "freeze_account" }',
        'when = { action = "freeze_account", after_turn = "after-verify" }',
    ).replace(
        'when = { action = "verify_identity" }',
        'when = { action = "verify_identity", after_turn = "after-freeze" }',
    )
    with pytest.raises(ScenarioError, match="loop"):
        parse_scenario(text, source="stolen-account.toml")
    # "opening" is the customer's first message and may be waited for.
    fine = BASE.replace("when = { no_reply_for_s = 90 }", 'when = { after_turn = "opening" }')
    assert parse_scenario(fine, source="stolen-account.toml").turns[3].when.after_turn == "opening"


def test_a_rubric_kind_needs_what_it_scores() -> None:
    text = BASE.replace('kb_articles = ["account-stolen", "device-management"]\n', "")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, source="stolen-account.toml")
    assert caught.value.field == "kb_articles"
    assert "kb_article" in caught.value.problem


def test_the_id_comes_from_the_source_unless_given() -> None:
    assert parse_scenario(BASE, source="some/dir/copy.toml").id == "copy"
    assert parse_scenario(BASE, source="x.toml", scenario_id="drill").id == "drill"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(BASE, source="Bad Name.toml")
    assert caught.value.field == "id"


def test_load_scenarios_reports_broken_files_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "stolen-account.toml").write_text(BASE, encoding="utf-8")
    broken = BASE.replace('category = "account_security"', 'category = "security"')
    (tmp_path / "broken-copy.toml").write_text(broken, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a scenario\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    scenarios, errors = load_scenarios(tmp_path)
    assert [scenario.id for scenario in scenarios] == ["stolen-account"]
    assert [(error.source, error.field) for error in errors] == [("broken-copy.toml", "category")]


def test_an_unreadable_file_is_a_scenario_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes("title.zh = '\xe9'".encode("latin-1"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert (caught.value.source, caught.value.field) == ("latin.toml", "file")


def test_the_readme_example_is_a_valid_scenario() -> None:
    readme = (SCENARIOS / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(example, source="example.toml", known_articles=ARTICLES)
    assert scenario.channel is Channel.CHAT
    assert sum(item.weight for item in scenario.rubric) == 100
