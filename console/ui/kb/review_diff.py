"""A proposed revision against the published article, as a unified diff in escaped HTML.

Each locale's title, summary and body are compared line by line (difflib), plus tags and
category; unchanged fields are left out so the reviewer sees only what would change.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from console.core.kb.markdown import clean_text

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut, KbLocale, KbRevisionOut

__all__ = ["FieldDiff", "diff_html", "revision_diff"]

_ADDED = "background-color:#dcfce7;color:#14532d;"
_REMOVED = "background-color:#fee2e2;color:#7f1d1d;"
_HUNK = "color:#6b7280;"
_LOCALE_FIELDS = ("title", "summary", "body")


@dataclass(frozen=True, slots=True)
class FieldDiff:
    name: str  # "zh body", "en title", "tags", "category"
    lines: tuple[str, ...]  # unified diff lines without the ---/+++ header


def _lines(text: str) -> list[str]:
    return clean_text(text).split("\n") if text else []


def _field_diff(name: str, old: str, new: str) -> FieldDiff | None:
    if old == new:
        return None
    lines = list(difflib.unified_diff(_lines(old), _lines(new), lineterm="", n=2))
    return FieldDiff(name, tuple(lines[2:]))  # drop the ---/+++ header lines


def _locale_text(locales: Mapping[str, KbLocale], lang: str, field: str) -> str:
    locale = locales.get(lang)
    return str(getattr(locale, field)) if locale is not None else ""


def revision_diff(current: KbArticleOut | None, revision: KbRevisionOut) -> list[FieldDiff]:
    """What publishing `revision` would change in `current` (None: everything is new)."""
    old_locales: Mapping[str, KbLocale] = current.locales if current is not None else {}
    diffs: list[FieldDiff] = []
    langs = sorted(set(old_locales) | set(revision.locales))
    for lang in langs:
        for field in _LOCALE_FIELDS:
            old = _locale_text(old_locales, lang, field)
            new = _locale_text(revision.locales, lang, field)
            diff = _field_diff(f"{lang} {field}", old, new)
            if diff is not None:
                diffs.append(diff)
    old_tags = ", ".join(current.tags) if current is not None else ""
    for name, old, new in (
        ("tags", old_tags, ", ".join(revision.tags)),
        ("category", current.category if current is not None else "", revision.category),
    ):
        diff = _field_diff(name, old, new)
        if diff is not None:
            diffs.append(diff)
    return diffs


def _styled(lines: Sequence[str]) -> Iterator[str]:
    for line in lines:
        text = html.escape(line) or "&nbsp;"
        if line.startswith("@@"):
            yield f'<span style="{_HUNK}">{text}</span>'
        elif line.startswith("+"):
            yield f'<span style="{_ADDED}">{text}</span>'
        elif line.startswith("-"):
            yield f'<span style="{_REMOVED}">{text}</span>'
        else:
            yield text


def diff_html(diffs: Sequence[FieldDiff], *, no_changes: str) -> str:
    """The diffs as HTML for a QTextBrowser; `no_changes` (translated) when there are none."""
    if not diffs:
        return f"<p>{html.escape(no_changes)}</p>"
    parts = []
    for diff in diffs:
        body = "<br>".join(_styled(diff.lines))
        parts.append(
            f"<h4>{html.escape(diff.name)}</h4>"
            f'<p style="font-family:monospace;white-space:pre-wrap;">{body}</p>'
        )
    return "\n".join(parts)
