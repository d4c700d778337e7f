"""The shipped knowledge-base articles (resources/kb/articles/*.json) as seed data, validated.

Every file is a JSON list of articles written by hand; a mistake in one (a duplicate slug, a
missing zh or en locale, a link to an article that does not exist) fails loudly here, naming the
file and the slug, rather than showing up as a broken page in the console.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from console.core.data_files import resources_dir
from console.core.kb import KB_CATEGORIES, KB_LANGUAGES

__all__ = ["KbSeedArticle", "kb_articles_dir", "load_kb_content"]

_REQUIRED_LANGUAGES = ("zh", "en")
_LOCALE_FIELDS = ("title", "summary", "body")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KB_LINK = re.compile(r"\]\(kb:([^)\s]*)\)")


@dataclass(frozen=True, slots=True)
class KbSeedArticle:
    slug: str
    category: str
    tags: tuple[str, ...]
    owner: str  # an agent username
    reviewed: date
    review_every_days: int
    locales: dict[str, dict[str, str]]  # lang -> {"title", "summary", "body"}


def kb_articles_dir() -> Path:
    return resources_dir() / "kb" / "articles"


def _fail(path: Path, slug: object, problem: str) -> ValueError:
    return ValueError(f"{path.name}: article {slug!r}: {problem}")


def _locales(path: Path, slug: str, raw: Any) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise _fail(path, slug, "locales must be an object")
    locales: dict[str, dict[str, str]] = {}
    for lang, fields in raw.items():
        if lang not in KB_LANGUAGES:
            raise _fail(path, slug, f"unknown language {lang!r}")
        if not isinstance(fields, dict):
            raise _fail(path, slug, f"locale {lang!r} must be an object")
        for name in _LOCALE_FIELDS:
            if not isinstance(fields.get(name), str) or not fields[name].strip():
                raise _fail(path, slug, f"locale {lang!r} needs a non-empty {name!r}")
        locales[lang] = {name: fields[name] for name in _LOCALE_FIELDS}
    for lang in _REQUIRED_LANGUAGES:
        if lang not in locales:
            raise _fail(path, slug, f"the {lang!r} locale is required")
    return locales


def _article(path: Path, raw: Any) -> KbSeedArticle:
    if not isinstance(raw, dict):
        raise _fail(path, None, "each article must be an object")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise _fail(path, slug, "slug must be lowercase-kebab ASCII")
    category = raw.get("category")
    if category not in KB_CATEGORIES:
        raise _fail(path, slug, f"unknown category {category!r}")
    tags = raw.get("tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise _fail(path, slug, "tags must be a list of non-empty strings")
    owner = raw.get("owner")
    if not isinstance(owner, str) or not owner:
        raise _fail(path, slug, "owner (an agent username) is required")
    try:
        reviewed = date.fromisoformat(str(raw.get("reviewed")))
    except ValueError:
        raise _fail(path, slug, "reviewed must be an ISO date") from None
    every = raw.get("review_every_days")
    if not isinstance(every, int) or isinstance(every, bool) or every <= 0:
        raise _fail(path, slug, "review_every_days must be a positive integer")
    return KbSeedArticle(
        slug=slug,
        category=category,
        tags=tuple(tags),
        owner=owner,
        reviewed=reviewed,
        review_every_days=every,
        locales=_locales(path, slug, raw.get("locales")),
    )


def load_kb_content(directory: Path | None = None) -> list[KbSeedArticle]:
    """Every article in `directory` (default: the shipped ones), files in name order.

    Raises ValueError naming the file and slug when an article is malformed, a slug repeats, or
    a `kb:` link points at no article."""
    folder = kb_articles_dir() if directory is None else directory
    articles: list[KbSeedArticle] = []
    source: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{path.name}: not readable JSON: {error}") from None
        if not isinstance(raw, list):
            raise ValueError(f"{path.name}: the top level must be a list of articles")
        for item in raw:
            article = _article(path, item)
            if article.slug in source:
                raise _fail(path, article.slug, f"slug already used in {source[article.slug].name}")
            source[article.slug] = path
            articles.append(article)
    for article in articles:
        for lang, fields in article.locales.items():
            for target in _KB_LINK.findall(fields["body"]):
                if target not in source:
                    raise _fail(
                        source[article.slug], article.slug, f"{lang} links to unknown kb:{target}"
                    )
    return articles
