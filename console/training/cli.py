"""`python -m console.training validate PATH...` and `show FILE`.

validate: one line per good scenario on stdout, `error: <file>: <field>: <problem>` per broken
file on stderr; exit 0 when every file is good, 1 when any is broken, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TextIO

from console.core.data_files import resources_dir, scenarios_dir
from console.core.training.loader import (
    ScenarioError,
    known_article_slugs,
    load_scenario,
    load_scenarios,
)
from console.core.training.model import Expectation, Scenario, Trigger

__all__ = ["main"]

EXIT_OK, EXIT_BROKEN, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m console.training", description="Check and read training scenarios."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check scenario files (directories: every *.toml in them)"
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, help=f"files or directories (default: {scenarios_dir()})"
    )
    show = commands.add_parser("show", help="print one scenario as a trainer reads it")
    show.add_argument("file", type=Path)
    show.add_argument("--lang", default="", help="language to print (default: the first)")
    for command in (validate, show):
        command.add_argument(
            "--kb",
            type=Path,
            default=resources_dir() / "kb" / "articles",
            help="knowledge-base articles whose slugs kb_articles may name (default: %(default)s)",
        )
    return parser


def _articles(kb: Path) -> frozenset[str] | None:
    # Without a knowledge base at hand (an unusual install), slugs are checked for form only.
    return known_article_slugs(kb) if kb.is_dir() else None


def _collect(
    paths: Sequence[Path], articles: Collection[str] | None
) -> tuple[list[Scenario], list[str]]:
    """The scenarios in `paths` and one error line per broken file, paths as the user gave."""
    scenarios: list[Scenario] = []
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            found, broken = load_scenarios(path, known_articles=articles)
            errors += [_error_line(path / error.source, error) for error in broken]
            if not found and not broken:
                errors.append(f"error: {path}: no *.toml scenario files")
            sources = [(scenario, path / f"{scenario.id}.toml") for scenario in found]
        else:
            try:
                sources = [(load_scenario(path, known_articles=articles), path)]
            except ScenarioError as error:
                errors.append(_error_line(path, error))
                continue
        for scenario, source in sources:
            if scenario.id in seen:
                errors.append(f"error: {source}: id: same id as {seen[scenario.id]}")
                continue
            seen[scenario.id] = source
            scenarios.append(scenario)
    return scenarios, errors


def _error_line(path: Path, error: ScenarioError) -> str:
    return f"error: {path}: {error.field}: {error.problem}"


def _text(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or next(iter(texts.values()), "")


def _summary_line(scenario: Scenario) -> str:
    weights = " ".join(f"{item.kind}={item.weight}" for item in scenario.rubric)
    turns = f"{len(scenario.turns)} turn{'s' if len(scenario.turns) != 1 else ''}"
    return "  ".join(
        (
            f"{scenario.id:<30}",
            f"{scenario.channel.value:<6}",
            f"{','.join(scenario.languages):<5}",
            f"{_text(scenario.title, 'en')}",
            f"[{turns}; {weights}]",
        )
    )


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    paths: list[Path] = args.paths or [scenarios_dir()]
    missing = [path for path in paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"usage error: {path}: no such file or directory", file=err)
        return EXIT_USAGE
    scenarios, errors = _collect(paths, _articles(args.kb))
    for scenario in sorted(scenarios, key=lambda scenario: scenario.id):
        print(_summary_line(scenario), file=out)
    for line in errors:
        print(line, file=err)
    if errors:
        print(f"{len(scenarios)} good, {len(errors)} broken", file=err)
        return EXIT_BROKEN
    print(f"{len(scenarios)} scenarios, all good", file=out)
    return EXIT_OK


def _trigger(when: Trigger) -> str:
    parts: list[str] = []
    if when.agent_says:
        parts.append("agent says " + " / ".join(f'"{word}"' for word in when.agent_says))
    if when.action:
        parts.append(f"action {when.action}")
    if when.after_s is not None:
        parts.append(f"after {when.after_s:g} s")
    if when.after_turn:
        parts.append(f"after turn {when.after_turn}")
    if when.no_reply_for_s is not None:
        parts.append(f"no reply for {when.no_reply_for_s:g} s")
    return " and ".join(parts)


def _expectation(item: Expectation, language: str) -> str:
    extras = [f"within {item.within_s:g} s"] if item.within_s is not None else []
    if item.says:
        extras.append("says " + " / ".join(f'"{word}"' for word in item.says))
    if item.fails:
        extras.append("FAILS the attempt")
    suffix = f" ({'; '.join(extras)})" if extras else ""
    return f"  - {item.action}: {_text(item.label, language)}{suffix}"


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.file.is_file():
        print(f"usage error: {args.file}: no such file", file=err)
        return EXIT_USAGE
    try:
        scenario = load_scenario(args.file, known_articles=_articles(args.kb))
    except ScenarioError as error:
        print(_error_line(args.file, error), file=err)
        return EXIT_BROKEN
    language = args.lang or scenario.languages[0]
    if language not in scenario.languages:
        print(f"usage error: --lang {language}: the scenario has {scenario.languages}", file=err)
        return EXIT_USAGE
    persona = scenario.persona
    where = f", {persona.country}" if persona.country else ""
    lines = [
        f"{scenario.id}: {_text(scenario.title, language)}",
        _text(scenario.summary, language),
        f"{scenario.channel.value}, {scenario.category}, {scenario.time_limit_s / 60:g} min, "
        f"first response within {scenario.first_response_target_s:g} s",
        f"customer: {_text(persona.name, language)} ({persona.mood.value}, VIP {persona.vip_tier},"
        f" KYC {persona.kyc}, account {persona.account}{where})",
    ]
    lines += [
        f"  {t.kind} {t.amount} {t.asset} {t.network} {t.status}, {t.minutes_ago} min ago"
        for t in persona.transfers
    ]
    lines += [f"  {e.kind}: {e.detail}, {e.minutes_ago} min ago" for e in persona.security_events]
    lines += [f"subject: {_text(scenario.subject, language)}", "opening:"]
    lines += [f"  {line}" for line in _text(scenario.opening, language).splitlines()]
    for turn in scenario.turns:
        again = ", repeats" if turn.repeat else ""
        lines.append(f"turn {turn.id} (when {_trigger(turn.when)}{again}):")
        lines.append(f"  {_text(turn.say, language)}")
    lines.append("expect:")
    lines += [_expectation(item, language) for item in scenario.expect]
    lines.append("forbid:")
    lines += [_expectation(item, language) for item in scenario.forbid]
    lines.append("rubric: " + ", ".join(f"{i.kind} {i.weight}" for i in scenario.rubric))
    if scenario.kb_articles:
        lines.append("articles: " + ", ".join(scenario.kb_articles))
    if scenario.duplicates:
        lines.append(f"duplicates: {scenario.duplicates}")
    print("\n".join(lines), file=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # exits 2 on usage errors
    if args.command == "validate":
        return _validate(args, sys.stdout, sys.stderr)
    return _show(args, sys.stdout, sys.stderr)
