"""The shipped knowledge base loads and meets the demo's promises; the loader rejects broken
content with the file and slug named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from console.core.kb import KB_CATEGORIES, KB_LANGUAGES
from console.server.demo.agents import demo_agents
from console.server.demo.kb_content import KbSeedArticle, load_kb_content


@pytest.fixture(scope="module")
def shipped() -> list[KbSeedArticle]:
    return load_kb_content()


def test_shipped_content_has_enough_articles(shipped: list[KbSeedArticle]) -> None:
    articles = [a for a in shipped if a.category != "glossary"]
    glossary = [a for a in shipped if a.category == "glossary"]
    assert sum(1 for a in articles if {"zh", "en"} <= a.locales.keys()) >= 150
    assert sum(1 for a in shipped if {"ja", "ko"} <= a.locales.keys()) >= 40
    assert len(glossary) >= 80


def test_every_article_has_a_demo_owner_and_a_review_date(shipped: list[KbSeedArticle]) -> None:
    agents = {agent.username for agent in demo_agents()}
    for article in shipped:
        assert article.owner in agents, article.slug
        assert date(2025, 1, 1) <= article.reviewed <= date(2027, 1, 1), article.slug
        assert article.review_every_days in (90, 180, 365), article.slug
        assert article.category in KB_CATEGORIES
        assert set(article.locales) <= set(KB_LANGUAGES)


def test_some_shipped_articles_are_overdue_for_review(shipped: list[KbSeedArticle]) -> None:
    demo_today = date(2026, 11, 23)
    overdue = [a for a in shipped if (demo_today - a.reviewed).days > a.review_every_days]
    assert 0 < len(overdue) < len(shipped) / 2


def _article(name: str, **changes: Any) -> dict[str, Any]:
    article: dict[str, Any] = {
        "slug": name,
        "category": "spot",
        "tags": ["spot"],
        "owner": "kevin",
        "reviewed": "2026-01-02",
        "review_every_days": 180,
        "locales": {
            lang: {"title": f"{name} {lang}", "summary": "s", "body": "b"} for lang in ("zh", "en")
        },
    }
    article.update(changes)
    return article


def _write(folder: Path, name: str, articles: list[dict[str, Any]]) -> None:
    (folder / name).write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")


def test_a_valid_directory_loads_in_file_order(tmp_path: Path) -> None:
    linked = _article("b-one")
    linked["locales"]["en"]["body"] = "See [the other](kb:a-one)."
    _write(tmp_path, "b.json", [linked])
    _write(tmp_path, "a.json", [_article("a-one")])
    loaded = load_kb_content(tmp_path)
    assert [a.slug for a in loaded] == ["a-one", "b-one"]
    assert loaded[0].reviewed == date(2026, 1, 2)
    assert loaded[0].tags == ("spot",)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"category": "cooking"}, "unknown category"),
        ({"slug": "Not Kebab"}, "lowercase-kebab"),
        ({"reviewed": "yesterday"}, "ISO date"),
        ({"review_every_days": 0}, "review_every_days"),
        ({"locales": {"en": {"title": "t", "summary": "s", "body": "b"}}}, "'zh' locale"),
        ({"locales": {"fr": {"title": "t", "summary": "s", "body": "b"}}}, "unknown language"),
        (
            {"locales": {"zh": {"title": "", "summary": "s", "body": "b"}, "en": {}}},
            "non-empty 'title'",
        ),
    ],
)
def test_malformed_articles_name_file_and_slug(
    tmp_path: Path, changes: dict[str, Any], problem: str
) -> None:
    _write(tmp_path, "bad.json", [_article("good-one"), _article("broken", **changes)])
    with pytest.raises(ValueError, match=problem) as caught:
        load_kb_content(tmp_path)
    assert "bad.json" in str(caught.value)


def test_duplicate_slugs_across_files_are_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", [_article("same")])
    _write(tmp_path, "b.json", [_article("same")])
    with pytest.raises(ValueError, match=r"b\.json: article 'same': slug already used in a\.json"):
        load_kb_content(tmp_path)


def test_links_to_unknown_articles_are_rejected(tmp_path: Path) -> None:
    article = _article("linker")
    article["locales"]["zh"]["body"] = "见[别处](kb:nowhere)"
    _write(tmp_path, "links.json", [article])
    with pytest.raises(
        ValueError, match=r"links\.json: article 'linker': zh links to unknown kb:nowhere"
    ):
        load_kb_content(tmp_path)


def test_files_that_are_not_article_lists_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        load_kb_content(tmp_path)
    (tmp_path / "broken.json").write_text('{"slug": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: the top level must be a list"):
        load_kb_content(tmp_path)
