"""The training workspace's scenarios: the shipped files (resources/scenarios), each overridden
by the copy a trainer saved in the app (training_scenarios rows), plus scenarios made in the app.

A seat keeps the TOML of its scenario as it was when the seat was made, so editing a scenario
never changes a result; `parsed` reads such a snapshot (cached: the runner asks every tick).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_training import ScenarioSummaryOut, ScenarioTextOut
from console.core.data_files import scenarios_dir
from console.core.training.loader import ScenarioError, parse_scenario, scenario_text
from console.core.training.model import Scenario
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models_kb import KbArticle
from console.server.models_training import TrainingScenarioText

__all__ = [
    "ScenarioSource",
    "get_text",
    "list_summaries",
    "parsed",
    "save_text",
    "scenario_title",
    "workspace_scenarios",
]

log = logging.getLogger("console.server")


@dataclass(frozen=True, slots=True)
class ScenarioSource:
    """One usable scenario of the workspace: its TOML, and whether a trainer changed it."""

    scenario: Scenario
    toml: str
    edited: bool


def _shipped_texts(directory: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    if not directory.is_dir():
        return texts
    for path in sorted(directory.glob("*.toml")):
        try:
            texts[path.stem] = scenario_text(path)
        except ScenarioError as error:
            log.warning("training scenario skipped: %s", error)
    return texts


@functools.lru_cache(maxsize=256)
def _parse_cached(text: str, scenario_id: str) -> Scenario:
    return parse_scenario(text, source=f"{scenario_id}.toml", scenario_id=scenario_id)


def parsed(text: str, scenario_id: str) -> Scenario:
    """A stored scenario TOML (already checked when it was saved or shipped)."""
    return _parse_cached(text, scenario_id)


def workspace_scenarios(session: Session) -> dict[str, ScenarioSource]:
    """Every usable scenario by id; a broken shipped file is logged and left out."""
    shipped = _shipped_texts(scenarios_dir())
    edits = {row.id: row.toml for row in session.scalars(select(TrainingScenarioText))}
    found: dict[str, ScenarioSource] = {}
    for scenario_id in sorted(shipped.keys() | edits.keys()):
        candidates = []
        if scenario_id in edits:
            candidates.append((edits[scenario_id], edits[scenario_id] != shipped.get(scenario_id)))
        if scenario_id in shipped:
            candidates.append((shipped[scenario_id], False))
        for text, edited in candidates:
            try:
                found[scenario_id] = ScenarioSource(parsed(text, scenario_id), text, edited)
                break
            except ScenarioError as error:
                log.warning("training scenario skipped: %s", error)
    return found


def scenario_title(scenario: Scenario, language: str) -> str:
    """The title in `language`, else in the scenario's first language."""
    return scenario.title.get(language) or scenario.title[scenario.languages[0]]


def _summary(source: ScenarioSource) -> ScenarioSummaryOut:
    s = source.scenario
    return ScenarioSummaryOut(
        id=s.id,
        title=dict(s.title),
        summary=dict(s.summary),
        channel=str(s.channel),
        category=s.category,
        languages=list(s.languages),
        time_limit_s=s.time_limit_s,
        tags=list(s.tags),
        edited=source.edited,
    )


def list_summaries(session: Session) -> list[ScenarioSummaryOut]:
    return [_summary(source) for source in workspace_scenarios(session).values()]


def _unknown(scenario_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No scenario {scenario_id!r} in this workspace.")


def get_text(session: Session, scenario_id: str) -> ScenarioTextOut:
    source = workspace_scenarios(session).get(scenario_id)
    if source is None:
        raise _unknown(scenario_id)
    return ScenarioTextOut(id=scenario_id, toml=source.toml, edited=source.edited)


def _known_articles(session: Session) -> Collection[str] | None:
    # Links to articles the workspace lacks are refused, unless it has no knowledge base at all
    # (then nothing could be checked, and every scenario would be refused).
    slugs = set(session.scalars(select(KbArticle.slug)))
    return slugs or None


def invalid_scenario(error: ScenarioError) -> ApiError:
    return ApiError(
        422,
        "invalid_scenario",
        f"{error.source}: {error.field}: {error.problem}",
        [{"loc": [error.field], "msg": error.problem, "type": "invalid_scenario"}],
    )


def save_text(session: Session, agent_id: int, scenario_id: str, toml: str) -> ScenarioTextOut:
    """Checks and stores a trainer's version of a scenario (a new id makes a new scenario)."""
    try:
        parse_scenario(
            toml,
            source=f"{scenario_id}.toml",
            scenario_id=scenario_id,
            known_articles=_known_articles(session),
        )
    except ScenarioError as error:
        raise invalid_scenario(error) from None
    row = session.get(TrainingScenarioText, scenario_id)
    if row is None:
        row = TrainingScenarioText(id=scenario_id, toml=toml, updated_by=agent_id)
        session.add(row)
    row.toml = toml
    row.updated_by = agent_id
    row.updated_at = utcnow()
    session.flush()
    shipped = _shipped_texts(scenarios_dir()).get(scenario_id)
    return ScenarioTextOut(id=scenario_id, toml=toml, edited=toml != shipped)
