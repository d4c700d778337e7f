"""Fuzzy matching for the command palette: letters in order, rewarded when they start words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["fuzzy_filter", "fuzzy_score"]

T = TypeVar("T")


def fuzzy_score(query: str, text: str) -> int | None:
    """None if `query`'s characters do not appear in `text` in order; else higher is better.

    Consecutive matches and matches at the start of a word count most, so "sb" finds
    "SLA breached" before "Subject"; case is ignored; CJK characters match one by one.
    """
    query = "".join(query.casefold().split())
    if not query:
        return 0
    haystack = text.casefold()
    score = 0
    position = 0
    previous = -2
    for char in query:
        found = haystack.find(char, position)
        if found < 0:
            return None
        if found == previous + 1:
            score += 5
        if found == 0 or not haystack[found - 1].isalnum():
            score += 8
        score += 1
        previous = found
        position = found + 1
    if haystack.startswith(query):
        score += 20
    return score - len(haystack) // 8


def fuzzy_filter(query: str, items: Sequence[T], text: Callable[[T], str]) -> list[T]:
    """Items matching `query`, best first (ties keep their original order)."""
    scored = []
    for order, item in enumerate(items):
        score = fuzzy_score(query, text(item))
        if score is not None:
            scored.append((-score, order, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _score, _order, item in scored]
