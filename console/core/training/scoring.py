"""The score of an attempt: `score(scenario, record)` gives a Report with one ItemScore per
rubric item, in rubric order, and sentences saying where points were lost in the attempt's
language ("zh": Chinese, otherwise English). Points lie between 0 and the item's weight,
rounded to 0.1. Only agent steps count as what the trainee did.

* first_response: the first agent "reply" at t seconds. Full weight when t <= the scenario's
  target, falling linearly to none at twice the target; none without a reply.
* resolution: full weight when an agent "solve" step comes at or before the time limit.
  `Report.resolved` says exactly this (a late solve is not "resolved" for the report).
* expected: weight x the share of `expect` entries done (full weight when there are none). An
  entry is done by an agent step its action matches (and, with `says`, whose text contains one
  of the words), at or before `within_s` when given; a later one is reported as too late.
* forbidden: full weight unless a `forbid` entry was done, by the same rule; then none. A
  refused message ("guard_blocked:asks_secret") counts: the trainee tried. Done entries with
  `fails` fail the attempt whether or not the rubric has this item.
* kb_article: full weight when an agent step "kb_article:<slug>" names one of the scenario's
  `kb_articles`, or a reply contains such a slug as a whole (the console may put the article's
  link in the reply text). A scenario without `kb_articles` accepts any linked article.
* empathy: see scoring_tone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .matching import action_matches, says_any
from .model import Channel, Expectation, RubricKind, Scenario
from .record import AttemptRecord, Step
from .report import ItemScore, Report
from .scoring_text import agent_steps, duration, is_zh, points, say, seconds, text_in
from .scoring_tone import empathy

__all__ = ["score"]

REPLY = "reply"
SOLVE = "solve"
KB_ARTICLE = "kb_article"


def _matching_steps(entry: Expectation, steps: Sequence[Step]) -> list[Step]:
    return [
        step
        for step in steps
        if action_matches(entry.action, step.action)
        and (not entry.says or says_any(step.text, entry.says))
    ]


def _done_at(entry: Expectation, steps: Sequence[Step]) -> tuple[bool, float | None]:
    """Whether the entry counts as done, and when it was first done at all (None: never)."""
    matched = _matching_steps(entry, steps)
    if not matched:
        return False, None
    first = min(step.at_s for step in matched)
    return entry.within_s is None or first <= entry.within_s, first


def _first_response(weight: int, scenario: Scenario, first: float | None, zh: bool) -> ItemScore:
    kind = RubricKind.FIRST_RESPONSE.value
    if first is None:
        return ItemScore(
            kind, weight, 0.0, (say(zh, "没有回复客户。", "No reply was sent to the customer."),)
        )
    target = scenario.first_response_target_s
    if first <= target:
        return ItemScore(kind, weight, float(weight))
    share = (2 * target - first) / target if target > 0 else 0.0
    lost = say(
        zh,
        f"首次回复用时 {seconds(first, zh)}，目标是 {seconds(target, zh)}。",
        f"First reply after {seconds(first, zh)}; the target was {seconds(target, zh)}.",
    )
    return ItemScore(kind, weight, points(weight * share, weight), (lost,))


def _resolution(weight: int, scenario: Scenario, solves: list[float], zh: bool) -> ItemScore:
    kind = RubricKind.RESOLUTION.value
    limit = scenario.time_limit_s
    if any(at <= limit for at in solves):
        return ItemScore(kind, weight, float(weight))
    chat = scenario.channel == Channel.CHAT
    if not solves:
        lost = say(
            zh,
            f"{'对话未结束' if chat else '工单未解决'}（时限 {duration(limit, zh)}）。",
            f"The {'chat was not ended' if chat else 'ticket was not solved'} "
            f"(time limit {duration(limit, zh)}).",
        )
    else:
        late = duration(solves[0], zh)
        lost = say(
            zh,
            f"{late}后才{'结束对话' if chat else '解决工单'}，时限为 {duration(limit, zh)}。",
            f"{'Ended the chat' if chat else 'Solved the ticket'} after {late}; "
            f"the time limit was {duration(limit, zh)}.",
        )
    return ItemScore(kind, weight, 0.0, (lost,))


def _expected(
    weight: int, scenario: Scenario, agent: Sequence[Step], language: str
) -> tuple[ItemScore, list[str], list[str]]:
    zh = is_zh(language)
    done: list[str] = []
    missed: list[str] = []
    lost: list[str] = []
    for entry in scenario.expect:
        label = text_in(entry.label, language)
        counted, first = _done_at(entry, agent)
        if counted:
            done.append(label)
            continue
        missed.append(label)
        if entry.within_s is None:
            lost.append(say(zh, f"未做到：{label}。", f"Did not: {label}."))
            continue
        within = duration(entry.within_s, zh)
        if first is None:
            # A label that already names its time ("within 5 minutes") is not told it twice.
            if any(ch.isdigit() for ch in label):
                lost.append(say(zh, f"未做到：{label}。", f"Did not: {label}."))
            else:
                lost.append(
                    say(
                        zh,
                        f"未做到：{label}（{within}内）。",
                        f"Did not: {label} (within {within}).",
                    )
                )
        else:
            late = duration(first, zh)
            lost.append(
                say(
                    zh,
                    f"太晚：{label}（应在 {within}内，实际在 {late}时）。",
                    f"Too late: {label} (within {within}; done after {late}).",
                )
            )
    share = len(done) / len(scenario.expect) if scenario.expect else 1.0
    item = ItemScore(RubricKind.EXPECTED.value, weight, points(weight * share, weight), tuple(lost))
    return item, done, missed


def _kb_article(weight: int, scenario: Scenario, agent: Sequence[Step], zh: bool) -> ItemScore:
    kind = RubricKind.KB_ARTICLE.value
    wanted = {slug.strip().casefold() for slug in scenario.kb_articles if slug.strip()}
    linked = [
        step.action.split(":", 1)[1].strip()
        for step in agent
        if action_matches(KB_ARTICLE, step.action) and ":" in step.action
    ]
    if any(slug.casefold() in wanted for slug in linked) or (not wanted and linked):
        return ItemScore(kind, weight, float(weight))
    if any(
        _slug_in(slug, step.text)
        for step in agent
        if action_matches(REPLY, step.action)
        for slug in wanted
    ):
        return ItemScore(kind, weight, float(weight))
    slugs = ", ".join(scenario.kb_articles)
    if linked:
        wrong = ", ".join(linked)
        lost = say(
            zh,
            f"附上的文章 {wrong} 不适用于本案例（适用：{slugs}）。",
            f"Linked {wrong}, which does not answer this case (it takes: {slugs}).",
        )
    elif wanted:
        lost = say(
            zh,
            f"没有附上知识库文章（本案例适用：{slugs}）。",
            f"No knowledge-base article was linked (this case takes: {slugs}).",
        )
    else:
        lost = say(zh, "没有附上知识库文章。", "No knowledge-base article was linked.")
    return ItemScore(kind, weight, 0.0, (lost,))


def _slug_in(slug: str, text: str) -> bool:
    # A whole slug: "withdrawal-delay" must not be found inside "withdrawal-delay-faq".
    pattern = rf"(?<![\w-]){re.escape(slug)}(?![\w-])"
    return re.search(pattern, text.casefold(), re.ASCII) is not None


def score(scenario: Scenario, record: AttemptRecord) -> Report:
    """The report of `record`, an attempt at `scenario` (rules in the module docstring)."""
    language = record.language
    zh = is_zh(language)
    agent = agent_steps(record.steps)
    replies = [step for step in agent if action_matches(REPLY, step.action)]
    first_response = replies[0].at_s if replies else None
    solves = [step.at_s for step in agent if action_matches(SOLVE, step.action)]

    forbidden_done: list[str] = []
    fail_reasons: list[str] = []
    for entry in scenario.forbid:
        if _done_at(entry, agent)[0]:
            label = text_in(entry.label, language)
            forbidden_done.append(label)
            if entry.fails:
                fail_reasons.append(label)

    expected_done: list[str] = []
    expected_missed: list[str] = []
    items: list[ItemScore] = []
    for rubric in scenario.rubric:
        weight = rubric.weight
        if rubric.kind == RubricKind.FIRST_RESPONSE:
            items.append(_first_response(weight, scenario, first_response, zh))
        elif rubric.kind == RubricKind.RESOLUTION:
            items.append(_resolution(weight, scenario, solves, zh))
        elif rubric.kind == RubricKind.EXPECTED:
            item, expected_done, expected_missed = _expected(weight, scenario, agent, language)
            items.append(item)
        elif rubric.kind == RubricKind.FORBIDDEN:
            lost = tuple(
                say(zh, f"做了不该做的事：{label}。", f"Did what must not be done: {label}.")
                for label in forbidden_done
            )
            points_ = 0.0 if forbidden_done else float(weight)
            items.append(ItemScore(RubricKind.FORBIDDEN.value, weight, points_, lost))
        elif rubric.kind == RubricKind.KB_ARTICLE:
            items.append(_kb_article(weight, scenario, agent, zh))
        elif rubric.kind == RubricKind.EMPATHY:
            items.append(empathy(weight, [step.text for step in replies], zh))

    if not any(rubric.kind == RubricKind.EXPECTED for rubric in scenario.rubric):
        # The lists still tell the trainer what was done when the rubric gives it no points.
        _, expected_done, expected_missed = _expected(0, scenario, agent, language)
    return Report(
        items=tuple(items),
        failed=bool(fail_reasons),
        fail_reasons=tuple(fail_reasons),
        first_response_s=first_response,
        resolved=any(at <= scenario.time_limit_s for at in solves),
        expected_done=tuple(expected_done),
        expected_missed=tuple(expected_missed),
        forbidden_done=tuple(forbidden_done),
    )
