"""Word families (negation words, request verbs, ...) and the secrets themselves, found in one
pass per message and then looked up by range.

The phrases of every family go into shared prefix trees, one for English and one for Chinese,
Japanese and Korean (`re` then tries one branch per character instead of one pattern per
family); the secrets have their own pair. A match is credited to the owner of the phrase it
spells, to the owners of the shorter phrases it starts with ("give me" is also "give", "告诉我"
also "告诉") and to stems ("scam*" finds "scammers"). A few forms that need context are plain
regular expressions. The secrets are searched in the whole message, the families only in the
sentences that mention one (`Marks.regions`), and "which of them lie between a and b" is a
binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Hashable, Iterable

from .wordtrie import phrase_key, phrases, trie_pattern

__all__ = ["Family", "Marks", "register_objects"]

_SEPARATOR_RUN = re.compile(r"[\s\-_・･]+")
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
# An English phrase starts after a character that is neither a letter nor a digit. Matching that
# character too (instead of a look-behind) gives `re` a character class to skip ahead with; CJK
# characters are left out of it (in Chinese text they would all be candidates) and searched
# separately, only in text that has them ("您的seed phrase").
_AFTER_SPACE = rf"[^a-z0-9{_CJK}]"
# After the first letter: the character before it was a CJK one ("您的seed phrase").
_GLUED = rf"(?<=[{_CJK}].)"


class _Lexer:
    """A shared tree of phrases: phrase key -> the owners (families, object kinds).

    `latin` lexers match whole words and credit shorter phrases only at word boundaries ("give
    me" is also "give"); the CJK lexer credits every shorter phrase a match starts with ("告诉我"
    is also "告诉").
    """

    def __init__(self, latin: bool) -> None:
        self.latin = latin
        self.owners: dict[str, set[Hashable]] = {}
        self.stems: dict[str, list[tuple[str, Hashable]]] = {}  # first letter -> (stem, owner)
        self.phrases: list[str] = []
        self._patterns: tuple[re.Pattern[str], ...] = ()
        # matched text -> (end offset, owner) credits; matched texts repeat, keys cost a regex
        self._credits: dict[str, tuple[tuple[int, Hashable], ...]] = {}

    def add(self, owner: Hashable, items: Iterable[str]) -> None:
        for phrase in items:
            key = phrase_key(phrase.rstrip("*"))
            if not key:
                continue
            if phrase.endswith("*"):
                self.stems.setdefault(key[0], []).append((key, owner))
            else:
                self.owners.setdefault(key, set()).add(owner)
            self.phrases.append(phrase)
        self._patterns = ()
        self._credits.clear()

    def _credit(self, matched: str) -> tuple[tuple[int, Hashable], ...]:
        credits: list[tuple[int, Hashable]] = []
        key = phrase_key(matched)
        credits += [(len(matched), owner) for owner in self.owners.get(key, ())]
        if self.latin:
            cuts = [gap.start() for gap in _SEPARATOR_RUN.finditer(matched)]
        else:
            cuts = list(range(1, len(matched)))
        for cut in cuts:
            shorter = phrase_key(matched[:cut])
            credits += [(cut, owner) for owner in self.owners.get(shorter, ())]
        for stem, owner in self.stems.get(key[:1], ()):
            if key.startswith(stem):
                credits.append((len(matched), owner))
        if len(self._credits) < 20_000:
            self._credits[matched] = tuple(credits)
        return tuple(credits)

    def _compiled(self) -> tuple[re.Pattern[str], ...]:
        if not self._patterns:
            tree = trie_pattern(self.phrases) or "(?!)"
            if self.latin:
                glued = trie_pattern(self.phrases, _GLUED) or "(?!)"
                self._patterns = (
                    re.compile(f"{_AFTER_SPACE}({tree})(?![a-z0-9])"),
                    re.compile(f"({glued})(?![a-z0-9])"),
                )
            else:
                self._patterns = (re.compile(f"({tree})"),)
        return self._patterns

    def scan(
        self,
        text: str,
        regions: Iterable[tuple[int, int]],
        found: dict[Hashable, list[tuple[int, int]]],
    ) -> None:
        """Add the spans of every phrase inside `regions` of `text` to `found`, by owner."""
        patterns = self._compiled()
        if self.latin:
            # The space in front stands for the start of the text; offsets shift by one.
            spaced = " " + text
            shifted = [(start, end + 1) for start, end in regions]
            self._scan(patterns[0], spaced, shifted, -1, found)
            if not text.isascii():
                self._scan(patterns[1], text, regions, 0, found)
        else:
            self._scan(patterns[0], text, regions, 0, found)

    def _record(
        self, match: re.Match[str], shift: int, found: dict[Hashable, list[tuple[int, int]]]
    ) -> None:
        matched = match.group(1)
        if not matched:
            return
        credits = self._credits.get(matched)
        if credits is None:
            credits = self._credit(matched)
        start = match.start(1) + shift
        for length, owner in credits:
            found.setdefault(owner, []).append((start, start + length))

    def _scan(
        self,
        pattern: re.Pattern[str],
        text: str,
        regions: Iterable[tuple[int, int]],
        shift: int,
        found: dict[Hashable, list[tuple[int, int]]],
    ) -> None:
        for begin, stop in regions:
            for match in pattern.finditer(text, begin, stop):
                self._record(match, shift, found)


# The things asked for, searched in the whole message; the words around them (`Family`), searched
# only near a mention.
_OBJECTS = (_Lexer(latin=True), _Lexer(latin=False))
_WORDS = (_Lexer(latin=True), _Lexer(latin=False))


def _add(lexers: tuple[_Lexer, _Lexer], owner: Hashable, items: Iterable[str]) -> None:
    listed = list(items)
    lexers[0].add(owner, [p for p in listed if p[0].isascii()])
    lexers[1].add(owner, [p for p in listed if not p[0].isascii()])


def register_objects(owner: Hashable, items: Iterable[str]) -> None:
    """Add the phrases of one kind of object (a secret, a code, ...) to the object trees."""
    _add(_OBJECTS, owner, items)


class Family:
    """One family of words; `latin` and `cjk` are phrase lists ("a; b c"), the extras regexes
    (`extra` for any text, `cjk_extra` only searched in text with non-ASCII characters)."""

    def __init__(
        self, latin: str = "", cjk: str = "", extra: str = "", cjk_extra: str = ""
    ) -> None:
        _add(_WORDS, self, phrases(latin) + phrases(cjk))
        self.extra = re.compile(extra) if extra else None
        self.cjk_extra = re.compile(cjk_extra) if cjk_extra else None


class Marks:
    """Where objects and families occur in one text, computed on first use: objects in the whole
    text, families only inside `regions` (set them before asking; by default the whole text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions: list[tuple[int, int]] = [(0, len(text))]
        self._objects: dict[Hashable, list[tuple[int, int]]] | None = None
        self._words: dict[Hashable, list[tuple[int, int]]] | None = None
        self._spans: dict[Family, tuple[list[int], list[tuple[int, int]]]] = {}

    def _found(self, lexers: tuple[_Lexer, _Lexer], regions: list[tuple[int, int]]) -> dict:
        found: dict[Hashable, list[tuple[int, int]]] = {}
        lexers[0].scan(self.text, regions, found)
        if not self.text.isascii():
            lexers[1].scan(self.text, regions, found)
            for spans in found.values():
                spans.sort()
        return found

    def objects(self, owner: Hashable) -> list[tuple[int, int]]:
        """The spans of the object phrases credited to `owner`, in order."""
        if self._objects is None:
            self._objects = self._found(_OBJECTS, [(0, len(self.text))])
        return self._objects.get(owner, [])

    def phrases(self, family: Family) -> list[tuple[int, int]]:
        """The spans of the family's phrases inside the regions, in order."""
        if self._words is None:
            self._words = self._found(_WORDS, self.regions)
        return self._words.get(family, [])

    def _family_spans(self, family: Family) -> list[tuple[int, int]]:
        spans = list(self.phrases(family))
        text = self.text
        extras = [family.extra] if family.extra is not None else []
        if family.cjk_extra is not None and not text.isascii():
            extras.append(family.cjk_extra)
        for pattern in extras:
            for start, end in self.regions:
                spans += [
                    m.span() for m in pattern.finditer(text, start, end) if m.end() > m.start()
                ]
        spans.sort()
        return spans

    def _cached(self, family: Family) -> tuple[list[int], list[tuple[int, int]]]:
        cached = self._spans.get(family)
        if cached is None:
            spans = self._family_spans(family)
            cached = self._spans[family] = ([s for s, _ in spans], spans)
        return cached

    def any_within(self, family: Family, start: int, end: int) -> bool:
        """Whether one of the family's spans lies inside text[start:end]."""
        starts, spans = self._cached(family)
        for index in range(bisect_left(starts, start), len(spans)):
            span = spans[index]
            if span[0] >= end:
                return False
            if span[1] <= end:
                return True
        return False

    def within(self, family: Family, start: int, end: int) -> list[tuple[int, int]]:
        """The family's spans that lie inside text[start:end]."""
        starts, spans = self._cached(family)
        result = []
        for index in range(bisect_left(starts, start), len(spans)):
            span = spans[index]
            if span[0] >= end:
                break
            if span[1] <= end:
                result.append(span)
        return result
