"""The Latin word stems in the index, for prefix checks and typo tolerance.

Typos are found with a deletion neighbourhood (SymSpell): every word is filed under itself and
each string made by deleting one of its characters; a query word looks up itself and its own
deletions, which finds every word within one insertion, deletion, substitution or swap of
adjacent letters. Candidates are then checked with a real edit distance.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

__all__ = ["Vocabulary"]

MIN_TYPO_LENGTH = 4  # shorter words have too many neighbours to guess from


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (one insert, delete, substitute or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


class Vocabulary:
    """Counts of stems over the indexed rows; not thread-safe (KbIndex holds its lock)."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._neighbours: dict[str, set[str]] = {}
        self._sorted: list[str] = []
        self._sorted_stale = False

    @staticmethod
    def wanted(word: str) -> bool:
        return len(word) >= 2 and word.isascii() and word.isalpha()

    def add(self, words: Iterable[str]) -> None:
        for word in words:
            count = self._counts.get(word, 0)
            self._counts[word] = count + 1
            if count == 0:
                self._sorted_stale = True
                if len(word) >= MIN_TYPO_LENGTH - 1:
                    for key in _deletions(word) | {word}:
                        self._neighbours.setdefault(key, set()).add(word)

    def remove(self, words: Iterable[str]) -> None:
        for word in words:
            count = self._counts.get(word, 0) - 1
            if count <= 0:
                self._counts.pop(word, None)
                self._sorted_stale = True  # its neighbour entries stay; lookups check counts
            else:
                self._counts[word] = count

    def clear(self) -> None:
        self._counts.clear()
        self._neighbours.clear()
        self._sorted = []
        self._sorted_stale = False

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def has_prefix(self, prefix: str) -> bool:
        if self._sorted_stale:
            self._sorted = sorted(self._counts)
            self._sorted_stale = False
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)

    def near(self, word: str, limit: int = 6) -> list[str]:
        """Indexed words one edit away from `word` (not `word` itself), most frequent first."""
        if len(word) < MIN_TYPO_LENGTH or not self.wanted(word):
            return []
        found: set[str] = set()
        for key in _deletions(word) | {word}:
            found.update(self._neighbours.get(key, ()))
        found.discard(word)
        near = [w for w in found if w in self._counts and _within_one_edit(word, w)]
        near.sort(key=lambda w: (-self._counts[w], w))
        return near[:limit]
