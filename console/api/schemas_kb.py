"""Support API v1 wire schemas of the knowledge base: articles, feedback, flags, revisions, search.

Text written by agents is shown to every other agent (and, through the bot, to customers), so
beyond the API's usual NUL refusal it may hold no control characters (besides line breaks and
tabs in multi-line fields) and no bidi controls, which could make a text read differently from
what it says. Such input is a 422 like any other invalid field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from console.core.kb import KB_CATEGORIES, KB_LANGUAGES
from console.core.text_safety import text_problem

MAX_KB_TITLE_CHARS = 200
MAX_KB_SUMMARY_CHARS = 600
MAX_KB_BODY_CHARS = 20_000
MAX_KB_COMMENT_CHARS = 1000
MAX_KB_FLAG_CHARS = 2000
MAX_KB_TAGS = 20
MAX_KB_TAG_CHARS = 40
MAX_KB_QUERY_CHARS = 200
MAX_KB_PAGE_SIZE = 500
MAX_KB_SEARCH_LIMIT = 100

KbState = Literal["open", "resolved"]
KbRevisionState = Literal["proposed", "published", "rejected"]


def _line(value: str) -> str:
    problem = text_problem(value, multiline=False)
    if problem:
        raise ValueError(problem)
    return value


def _multiline(value: str) -> str:
    problem = text_problem(value, multiline=True)
    if problem:
        raise ValueError(problem)
    return value


def _category(value: str) -> str:
    if value not in KB_CATEGORIES:
        raise ValueError(f"Unknown category; one of: {', '.join(KB_CATEGORIES)}.")
    return value


LineText = Annotated[str, AfterValidator(_line)]
MultilineText = Annotated[str, AfterValidator(_multiline)]
KbCategory = Annotated[str, AfterValidator(_category)]
KbTag = Annotated[str, Field(min_length=1, max_length=MAX_KB_TAG_CHARS), AfterValidator(_line)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


class KbLocale(_Request):
    """An article in one language; `body` is restricted Markdown (see core/kb/markdown.py)."""

    title: Annotated[str, Field(min_length=1, max_length=MAX_KB_TITLE_CHARS), AfterValidator(_line)]
    summary: Annotated[str, Field(max_length=MAX_KB_SUMMARY_CHARS), AfterValidator(_multiline)] = ""
    body: Annotated[str, Field(max_length=MAX_KB_BODY_CHARS), AfterValidator(_multiline)] = ""


def _check_locales(value: dict[str, KbLocale]) -> dict[str, KbLocale]:
    unknown = sorted(set(value) - set(KB_LANGUAGES))
    if unknown:
        raise ValueError(f"Unknown language {unknown[0]!r}; one of: {', '.join(KB_LANGUAGES)}.")
    return value


class KbArticleOut(_Response):
    id: int
    slug: str
    category: str
    tags: list[str] = []
    owner_id: int | None = None
    owner_name: str = ""
    version: int  # number of the published revision, starts at 1
    locales: dict[str, KbLocale]  # keys among KB_LANGUAGES
    reviewed_on: date
    review_every_days: int
    review_due_on: date  # reviewed_on + review_every_days
    helpful: int = 0
    not_helpful: int = 0
    open_flags: int = 0
    updated_at: datetime


class KbArticlePage(_Response):
    articles: list[KbArticleOut]
    next_after_id: int | None = None  # None on the last page


class KbFeedbackCreate(_Request):
    """One vote per agent and article; a second vote replaces the first."""

    helpful: bool
    comment: Annotated[str, Field(max_length=MAX_KB_COMMENT_CHARS), AfterValidator(_multiline)] = ""


class KbFlagCreate(_Request):
    """Marks an article as outdated or wrong; the comment says what is wrong."""

    comment: Annotated[
        str, Field(min_length=1, max_length=MAX_KB_FLAG_CHARS), AfterValidator(_multiline)
    ]


class KbFlagOut(_Response):
    id: int
    article_id: int
    article_title: str
    agent_id: int | None = None
    agent_name: str
    comment: str
    state: KbState
    created_at: datetime
    resolved_by_name: str | None = None
    resolved_at: datetime | None = None


class KbRevisionCreate(_Request):
    """A proposed edit: the whole new content of the article, written against base_version."""

    base_version: int = Field(ge=1)
    locales: dict[str, KbLocale]
    tags: list[KbTag] = Field(max_length=MAX_KB_TAGS)
    category: KbCategory
    note: Annotated[str, Field(max_length=MAX_KB_COMMENT_CHARS), AfterValidator(_multiline)] = ""

    @field_validator("locales")
    @classmethod
    def _locales(cls, value: dict[str, KbLocale]) -> dict[str, KbLocale]:
        _check_locales(value)
        if "zh" not in value or "en" not in value:
            raise ValueError("An article needs at least its zh and en versions.")
        return value


class KbRevisionOut(_Response):
    id: int
    article_id: int
    article_title: str
    number: int | None = None  # the article version it became; set when published
    base_version: int
    state: KbRevisionState
    locales: dict[str, KbLocale]
    tags: list[str] = []
    category: str
    note: str = ""
    author_id: int | None = None
    author_name: str
    created_at: datetime
    reviewer_name: str | None = None
    reviewed_at: datetime | None = None
    review_comment: str = ""


class KbRevisionDecision(_Request):
    comment: Annotated[str, Field(max_length=MAX_KB_COMMENT_CHARS), AfterValidator(_multiline)] = ""


class KbHitOut(_Response):
    """One search result: the article in the locale it is shown in, with spans to highlight."""

    article_id: int
    slug: str
    category: str
    lang: str
    title: str
    snippet: str  # plain text, no Markdown
    score: float  # higher is better
    title_marks: list[tuple[int, int]] = []  # [start, end) spans of title
    snippet_marks: list[tuple[int, int]] = []  # same for snippet
