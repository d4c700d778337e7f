"""What the knowledge-base search works on (one article in one language) and what it returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["KB_CATEGORIES", "KB_LANGUAGES", "KbDoc", "KbHit", "docs_for_article"]

KB_LANGUAGES = ("zh", "en", "ja", "ko")
KB_CATEGORIES = (
    "account_security",
    "kyc",
    "policies",
    "deposit_withdrawal",
    "payments",
    "fees",
    "spot",
    "margin",
    "futures",
    "options",
    "api",
    "p2p",
    "earn",
    "launchpad",
    "web3_wallet",
    "troubleshooting",
    "glossary",
)


@dataclass(frozen=True, slots=True)
class KbDoc:
    """One article in one language; `body` is the Markdown source."""

    article_id: int
    slug: str
    category: str
    lang: str
    title: str
    summary: str
    body: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KbHit:
    """One article found: the locale shown, a plain-text snippet and the spans to highlight."""

    article_id: int
    slug: str
    category: str
    lang: str
    title: str
    snippet: str  # plain text around the best match (the summary when the body does not match)
    score: float  # higher is better
    title_marks: tuple[tuple[int, int], ...]  # [start, end) spans of `title`
    snippet_marks: tuple[tuple[int, int], ...]  # [start, end) spans of `snippet`


def docs_for_article(
    article_id: int,
    slug: str,
    category: str,
    tags: Sequence[str],
    locales: Mapping[str, Mapping[str, str]],
) -> list[KbDoc]:
    """One KbDoc per known language of an article, in KB_LANGUAGES order."""
    return [
        KbDoc(
            article_id=article_id,
            slug=slug,
            category=category,
            lang=lang,
            title=locales[lang].get("title", ""),
            summary=locales[lang].get("summary", ""),
            body=locales[lang].get("body", ""),
            tags=tuple(tags),
        )
        for lang in KB_LANGUAGES
        if lang in locales
    ]
