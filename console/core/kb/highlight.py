"""Highlight spans and snippets computed on the original text (FTS5's highlight() would mark
bigram tokens of the index, not words a reader sees)."""

from __future__ import annotations

import re

from .text import TOKEN, normalize_with_map, stem

__all__ = ["SNIPPET_CHARS", "Highlighter"]

SNIPPET_CHARS = 160
_LEAD = 40  # characters of context kept before the first match in a snippet

Marks = tuple[tuple[int, int], ...]


def _merge(spans: list[tuple[int, int]]) -> Marks:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


class Highlighter:
    """What to mark: normalized CJK strings, Latin stems whole, Latin stem prefixes."""

    __slots__ = ("_words", "cjk", "prefixes", "stems")

    def __init__(self, cjk: tuple[str, ...], stems: frozenset[str], prefixes: tuple[str, ...]):
        self.cjk = cjk
        self.stems = stems
        self.prefixes = prefixes
        # Words worth stemming: those starting like a wanted stem (a stem may differ from its
        # words in the last letter: delay -> delai).
        starts = {s[:-1] if len(s) > 3 else s for s in stems} | set(prefixes)
        alternatives = "|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True) if s)
        self._words = re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*") if alternatives else None

    def marks(self, text: str) -> Marks:
        norm, where = normalize_with_map(text)
        spans: list[tuple[int, int]] = []
        for needle in self.cjk:
            at = norm.find(needle)
            while at >= 0:
                spans.append((at, at + len(needle)))
                at = norm.find(needle, at + 1)
        if self._words is not None:
            for match in self._words.finditer(norm):
                word = TOKEN.match(match.group())
                if (
                    word is None
                    or word.group("word") is None
                    or word.end() != match.end() - match.start()
                ):
                    continue
                word_stem = stem(word.group())
                if word_stem in self.stems or word_stem.startswith(self.prefixes or ("\0",)):
                    spans.append(match.span())
        if not spans:
            return ()
        return _merge([(where[start], where[end - 1] + 1) for start, end in spans])

    def found_in(self, text: str) -> bool:
        """Whether anything this highlighter marks occurs in normalized `text`."""
        if any(needle in text for needle in self.cjk):
            return True
        if self._words is None:
            return False
        for match in self._words.finditer(text):
            word = TOKEN.match(match.group())
            if word is not None and word.group("word") is not None:
                word_stem = stem(word.group())
                if word_stem in self.stems or word_stem.startswith(self.prefixes or ("\0",)):
                    return True
        return False

    def snippet(self, body: str, summary: str) -> tuple[str, Marks]:
        """About SNIPPET_CHARS of plain `body` around its densest matches, else the summary."""
        body_marks = self.marks(body)
        if not body_marks:
            return _cut(summary.replace("\n", " "), self.marks(summary), 0)
        best_start, best_count = body_marks[0][0], 0
        for start, _ in body_marks:
            count = sum(
                1 for s, e in body_marks if start <= s and e <= start + SNIPPET_CHARS - _LEAD
            )
            if count > best_count:
                best_start, best_count = start, count
        return _cut(body.replace("\n", " "), body_marks, max(0, best_start - _LEAD))


def _cut(text: str, marks: Marks, start: int) -> tuple[str, Marks]:
    """The window of `text` from about `start`, with an ellipsis where it was cut and the marks
    moved into the window's coordinates."""
    if len(text) <= SNIPPET_CHARS:
        start = 0
    else:
        start = min(start, len(text) - SNIPPET_CHARS)
        space = text.rfind(" ", max(0, start - 12), start + 1)
        if start > 0 and space > 0:
            start = space + 1
    end = min(len(text), start + SNIPPET_CHARS)
    lead = "…" if start > 0 else ""
    window = lead + text[start:end].strip() + ("…" if end < len(text) else "")
    skipped = len(text[start:end]) - len(text[start:end].lstrip())
    shift = start + skipped - len(lead)
    inner_end = len(window) - (1 if end < len(text) else 0)
    moved = tuple(
        (max(s - shift, len(lead)), min(e - shift, inner_end))
        for s, e in marks
        if s - shift < inner_end and e - shift > len(lead)
    )
    return window, moved
