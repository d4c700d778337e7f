"""Read training scenarios from TOML files and check every field (format: the README in
resources/scenarios). A broken file is reported as a `ScenarioError` naming the file, the field's
dotted path and the problem: trainers edit these files by hand, so a typo must point at itself.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

from ..domain import AccountStatus, Category, SecurityEventKind, TransferStatus
from .loader_fields import KNOWN_LANGUAGES, FieldProblem, Table
from .loader_rules import check_action, check_rubric, check_slug, check_turn_links
from .model import (
    Action,
    Channel,
    Expectation,
    Mood,
    Persona,
    PersonaEvent,
    PersonaTransfer,
    RubricItem,
    RubricKind,
    Scenario,
    Trigger,
    Turn,
)

__all__ = [
    "ScenarioError",
    "known_article_slugs",
    "load_scenario",
    "load_scenarios",
    "parse_scenario",
    "scenario_text",
]

_TOP_KEYS = (
    "id", "title", "summary", "channel", "languages", "category", "time_limit_min",
    "first_response_target_s", "kb_articles", "duplicates", "tags", "subject", "opening",
    "persona", "turns", "expect", "forbid", "rubric",
)  # fmt: skip
_PERSONA_KEYS = (
    "name", "mood", "vip_tier", "kyc", "account", "country", "transfers", "security_events",
)  # fmt: skip
_TRANSFER_KEYS = (
    "kind", "asset", "amount", "network", "status", "minutes_ago", "address", "tx_hash",
)  # fmt: skip
_EVENT_KEYS = ("kind", "detail", "minutes_ago")
_TURN_KEYS = ("id", "when", "say", "repeat")
_WHEN_KEYS = ("agent_says", "action", "after_s", "after_turn", "no_reply_for_s")
_EXPECT_KEYS = ("action", "label", "within_s", "says")
_FORBID_KEYS = (*_EXPECT_KEYS, "fails")
_RUBRIC_KEYS = ("kind", "weight")

_KYC = ("none", "pending", "verified", "rejected")
_TRANSFER_KINDS = ("deposit", "withdrawal")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TURN_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_OPENING = "opening"  # the turn id of the customer's first message in an attempt record
_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


class ScenarioError(ValueError):
    """A scenario file that cannot be used: `source` (the file), `field` (dotted path, e.g.
    `turns[2].say.zh`, or `line 7` for a TOML syntax error) and `problem`."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        super().__init__(f"{source}: {field}: {problem}")
        self.source = source
        self.field = field
        self.problem = problem


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def parse_scenario(
    text: str,
    *,
    source: str,
    scenario_id: str | None = None,
    known_articles: Collection[str] | None = None,
) -> Scenario:
    """The scenario in TOML `text`, checked throughout; raises ScenarioError on the first
    problem. `scenario_id` defaults to the stem of `source` (the file name). `known_articles`:
    the knowledge base's slugs, when the caller has them, to reject links to missing articles."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_WHERE.search(message)
        line = where.group(1) if where else None
        problem = message[: where.start()] if where else message
        field = f"line {line}" if line else "end of file"
        raise ScenarioError(source, field, f"TOML syntax: {problem}") from None
    if scenario_id is None:
        scenario_id = Path(source).stem
    try:
        return _scenario(Table(data), scenario_id, known_articles)
    except FieldProblem as problem:
        raise ScenarioError(source, problem.field, problem.problem) from None


def _scenario(top: Table, scenario_id: str, known_articles: Collection[str] | None) -> Scenario:
    top.only(_TOP_KEYS)
    if not _ID.match(scenario_id):
        raise FieldProblem("id", f'"{scenario_id}" is not a scenario id (lowercase-with-hyphens)')
    if top.has("id") and top.string("id") != scenario_id:
        raise FieldProblem("id", f'"{top.string("id")}" differs from the file name "{scenario_id}"')
    languages = top.strings("languages", required=True)
    for index, language in enumerate(languages):
        if language not in KNOWN_LANGUAGES:
            raise FieldProblem(
                f"languages[{index}]",
                f'"{language}" is not one of: {", ".join(KNOWN_LANGUAGES)}',
            )
    time_limit = top.integer("time_limit_min", low=1) * 60.0
    first_response = top.seconds("first_response_target_s", required=True)
    assert first_response is not None
    if first_response >= time_limit:
        raise FieldProblem(
            "first_response_target_s", "must be shorter than the time limit (time_limit_min)"
        )
    kb_articles = top.strings("kb_articles")
    for index, slug in enumerate(kb_articles):
        check_slug(slug, f"kb_articles[{index}]", known_articles)
    persona_table = top.table("persona")
    assert persona_table is not None
    turns = _turns(top, languages, time_limit, known_articles)
    expect = _expectations(top, "expect", languages, time_limit, known_articles)
    forbid = _expectations(top, "forbid", languages, time_limit, known_articles)
    rubric = tuple(_rubric_item(table) for table in top.tables("rubric"))
    check_rubric(
        rubric, has_expect=bool(expect), has_forbid=bool(forbid), has_articles=bool(kb_articles)
    )
    return Scenario(
        id=scenario_id,
        title=top.texts("title", languages),
        summary=top.texts("summary", languages),
        channel=Channel(top.string("channel", choices=_values(Channel))),
        languages=languages,
        category=top.string("category", choices=_values(Category)),
        persona=_persona(persona_table, languages),
        subject=top.texts("subject", languages),
        opening=top.texts("opening", languages),
        time_limit_s=time_limit,
        first_response_target_s=first_response,
        turns=turns,
        expect=expect,
        forbid=forbid,
        rubric=rubric,
        kb_articles=kb_articles,
        duplicates=top.integer("duplicates", 0, low=0),
        tags=top.strings("tags"),
    )


def _persona(table: Table, languages: tuple[str, ...]) -> Persona:
    table.only(_PERSONA_KEYS)
    return Persona(
        name=table.texts("name", languages),
        mood=Mood(table.string("mood", Mood.CALM.value, choices=_values(Mood))),
        vip_tier=table.integer("vip_tier", 0, low=0, high=9),
        kyc=table.string("kyc", "verified", choices=_KYC),
        account=table.string("account", "active", choices=_values(AccountStatus)),
        country=table.string("country", "") if table.has("country") else "",
        transfers=tuple(_transfer(item) for item in table.tables("transfers")),
        security_events=tuple(_event(item) for item in table.tables("security_events")),
    )


def _optional_text(table: Table, key: str) -> str:
    return table.string(key) if table.has(key) else ""


def _transfer(table: Table) -> PersonaTransfer:
    table.only(_TRANSFER_KEYS)
    kind = table.string("kind", choices=_TRANSFER_KINDS)
    asset = table.string("asset")
    amount = table.string("amount")
    # Decimal text as the exchange shows it; a TOML number would lose trailing zeros.
    try:
        valid = Decimal(amount).is_finite() and Decimal(amount) > 0
    except InvalidOperation:
        valid = False
    if not valid:
        raise FieldProblem(table.at("amount"), f'"{amount}" is not a positive decimal amount')
    return PersonaTransfer(
        kind=kind,
        asset=asset,
        amount=amount,
        network=_optional_text(table, "network"),
        status=table.string("status", "completed", choices=_values(TransferStatus)),
        minutes_ago=table.integer("minutes_ago", 60, low=0),
        address=_optional_text(table, "address"),
        tx_hash=_optional_text(table, "tx_hash"),
    )


def _event(table: Table) -> PersonaEvent:
    table.only(_EVENT_KEYS)
    return PersonaEvent(
        kind=table.string("kind", choices=_values(SecurityEventKind)),
        detail=_optional_text(table, "detail"),
        minutes_ago=table.integer("minutes_ago", 30, low=0),
    )


def _turns(
    top: Table,
    languages: tuple[str, ...],
    time_limit: float,
    known_articles: Collection[str] | None,
) -> tuple[Turn, ...]:
    turns: list[Turn] = []
    after: dict[str, tuple[str, str]] = {}
    for table in top.tables("turns"):
        table.only(_TURN_KEYS)
        turn_id = table.string("id")
        if not _TURN_ID.match(turn_id):
            raise FieldProblem(table.at("id"), f'"{turn_id}" must be letters, digits, - or _')
        if turn_id == _OPENING or turn_id in after:
            taken = "is the customer's first message" if turn_id == _OPENING else "is taken"
            raise FieldProblem(table.at("id"), f'"{turn_id}" {taken}: turn ids are unique')
        when = _trigger(table, time_limit, known_articles)
        repeat = table.boolean("repeat")
        # The script resends a repeated turn whenever its conditions hold anew after the last
        # send; a lone `after_s = 0` always holds, so it would be resent on every check.
        if repeat and when == Trigger(after_s=0.0):
            raise FieldProblem(
                table.at("repeat"), "a repeated turn needs a wait: after_s > 0 or another condition"
            )
        after[turn_id] = (when.after_turn, f"{table.path}.when.after_turn")
        turns.append(Turn(id=turn_id, when=when, say=table.texts("say", languages), repeat=repeat))
    check_turn_links(after, first=_OPENING)
    return tuple(turns)


def _trigger(turn: Table, time_limit: float, known_articles: Collection[str] | None) -> Trigger:
    table = turn.table("when")
    assert table is not None
    table.only(_WHEN_KEYS)
    if not table.data:
        raise FieldProblem(
            table.path, f"empty: a turn fires on at least one of {', '.join(_WHEN_KEYS)}"
        )
    action = table.string("action") if table.has("action") else ""
    if action:
        check_action(action, table.at("action"), known_articles)
    after_s = table.seconds("after_s", zero=True)
    if after_s is not None and after_s >= time_limit:
        raise FieldProblem(table.at("after_s"), "is past the time limit: the turn would never fire")
    return Trigger(
        agent_says=table.strings("agent_says", required=table.has("agent_says")),
        action=action,
        after_s=after_s,
        after_turn=table.string("after_turn") if table.has("after_turn") else "",
        no_reply_for_s=table.seconds("no_reply_for_s"),
    )


def _expectations(
    top: Table,
    key: str,
    languages: tuple[str, ...],
    time_limit: float,
    known_articles: Collection[str] | None,
) -> tuple[Expectation, ...]:
    found: list[Expectation] = []
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for table in top.tables(key):
        table.only(_FORBID_KEYS if key == "forbid" else _EXPECT_KEYS)
        action = check_action(table.string("action"), table.at("action"), known_articles)
        says = table.strings("says", required=table.has("says"))
        if says and action != Action.REPLY.value:
            raise FieldProblem(
                table.at("says"), f'only a "reply" action has words (not "{action}")'
            )
        if (action, says) in seen:
            raise FieldProblem(table.at("action"), f"repeats {seen[action, says]}")
        seen[action, says] = table.path
        within = table.seconds("within_s")
        if within is not None and within > time_limit:
            raise FieldProblem(table.at("within_s"), "is longer than the time limit")
        found.append(
            Expectation(
                action=action,
                label=table.texts("label", languages),
                within_s=within,
                says=says,
                fails=table.boolean("fails") if key == "forbid" else False,
            )
        )
    return tuple(found)


def _rubric_item(table: Table) -> RubricItem:
    table.only(_RUBRIC_KEYS)
    kind = RubricKind(table.string("kind", choices=_values(RubricKind)))
    return RubricItem(kind=kind, weight=table.integer("weight", low=1, high=100))


def scenario_text(path: Path) -> str:
    """The file's text; a file that cannot be read is a ScenarioError like any other problem."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(path.name, "file", "not UTF-8 text") from None
    except OSError as error:
        raise ScenarioError(path.name, "file", error.strerror or str(error)) from None


def load_scenario(path: Path, *, known_articles: Collection[str] | None = None) -> Scenario:
    """The scenario in the file at `path`; its id is the file name without `.toml`."""
    return parse_scenario(
        scenario_text(path), source=path.name, scenario_id=path.stem, known_articles=known_articles
    )


def load_scenarios(
    directory: Path, *, known_articles: Collection[str] | None = None
) -> tuple[list[Scenario], list[ScenarioError]]:
    """Every `*.toml` in `directory` (other files, like the README, are ignored), sorted by id,
    and the errors of the files that could not be used. One broken file leaves the rest usable."""
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    for path in sorted(directory.glob("*.toml")):
        if not path.is_file():
            continue
        try:
            scenarios.append(load_scenario(path, known_articles=known_articles))
        except ScenarioError as error:
            errors.append(error)
    scenarios.sort(key=lambda scenario: scenario.id)
    return scenarios, errors


def known_article_slugs(articles_dir: Path) -> frozenset[str]:
    """The slugs of the shipped knowledge-base articles (resources/kb/articles/*.json)."""
    slugs: set[str] = set()
    for path in sorted(articles_dir.glob("*.json")):
        items = json.loads(path.read_text(encoding="utf-8"))
        slugs.update(item["slug"] for item in items if isinstance(item, dict) and "slug" in item)
    return frozenset(slugs)
