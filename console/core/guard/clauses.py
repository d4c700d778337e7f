"""Sentences and clauses: the scope in which a request verb, its object and a negation belong
together.

A sentence ends at . ! ? (a full stop only when a space, the end or a CJK character follows, so
"0.5 BTC" stays whole), at 。！？ and at a line break. Inside it, a clause ends at a comma (not a
thousands separator), a semicolon, a bracket, or just before a contrast word ("but", "但是",
"しかし", "하지만"), so that "We never ask for your password, but please send me the code" is two
clauses with their own negation. The list comma 、 does not split ("助记词、私钥或密码" is one
list). Sentences are split into clauses only when a secret is mentioned in them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .lexicon import Family, Marks

__all__ = ["Clause", "Clauses"]

# One character class first, so that `re` skips ahead; the look-ahead then drops a full stop
# inside a word or number and a comma inside a number.
_SENTENCE_END = re.compile(r"[!?。！？\n.](?!(?<=\.)[\x21-\x7e])")
_CLAUSE_PUNCTUATION = re.compile(r"[，;；()（）\[\]【】,](?!(?<=,)\d)")
_CONTRAST = Family(
    latin="but; however; although; though; whereas; instead",
    cjk="但是; 但; 可是; 不过; 不過; 然而; しかし; でも; ですが; けど; けれど; "
    "하지만; 그러나; 그런데; 다만",
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|‘[^’]*’|《[^》]*》")


class Clause(NamedTuple):
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class Clauses:
    """The sentences of a text, found around the positions asked about and split into clauses
    on first use."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.text = text
        self.marks = marks
        self._starts: list[int] = []  # of the sentences found so far, in order
        self._sentences: list[tuple[int, int]] = []
        self._split: dict[int, list[Clause]] = {}  # sentence start -> clauses
        self._quotes: list[tuple[int, int]] | None = None

    def sentence(self, position: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `position`."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self._sentences[index][1]:
            return self._sentences[index]
        text = self.text
        after = _SENTENCE_END.search(text, position)
        end = after.end() if after is not None else len(text)
        # The sentence starts after the last end before `position`; the end of a sentence found
        # earlier is one, so the search back stops there.
        floor = self._sentences[index][1] if index >= 0 else 0
        start, reach = floor, 256
        while True:
            low = max(floor, position - reach)
            ends = [m.end() for m in _SENTENCE_END.finditer(text, low, position + 1)]
            ends = [e for e in ends if e <= position]
            if ends:
                start = ends[-1]
                break
            if low == floor:
                break
            reach *= 4
        index = bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._sentences.insert(index, (start, end))
        return start, end

    def locate(self, position: int) -> tuple[list[Clause], int]:
        """The clauses of the sentence holding `position` and the index of the one holding it."""
        start, end = self.sentence(position)
        clauses = self._split.get(start)
        if clauses is None:
            clauses = self._split[start] = self._clauses(start, end)
        index = 0
        while index + 1 < len(clauses) and clauses[index + 1].start <= position:
            index += 1
        return clauses, index

    def _clauses(self, start: int, end: int) -> list[Clause]:
        cuts = [m.end() for m in _CLAUSE_PUNCTUATION.finditer(self.text, start, end)]
        cuts += [s for s, _ in self.marks.within(_CONTRAST, start, end)]
        clauses = []
        previous = start
        for cut in sorted(set(cuts)):
            if cut >= end:
                break
            if previous < cut:
                clauses.append(Clause(previous, cut, start, end))
                previous = cut
        clauses.append(Clause(previous, end, start, end))
        return clauses

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation (“…”, "…", 「…」, 『…』, ‘…’, 《…》) holding text[start:end], if any."""
        if self._quotes is None:
            self._quotes = [m.span() for m in _QUOTED.finditer(self.text)]
        if not self._quotes:
            return None
        for quote in self._quotes:
            if quote[0] > start:
                break
            if end <= quote[1]:
                return quote
        return None
