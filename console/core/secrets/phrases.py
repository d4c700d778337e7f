"""Seed phrases in the lists whose words are letters, kana or Hangul (all but the Chinese ones).

A *run* is a sequence of words of one list with only separators between them (`tokens.py`: spaces,
ideographic spaces, commas, new lines, tabs, list numbers, quotes...). The rule:

- a run of 12 or more words is a phrase, whatever its length: 12/15/18/21/24 are the BIP39
  counts, but a customer may add or drop a word, or paste two phrases one after the other; the
  checksum is not required (a phrase with a wrong checksum is still somebody's secret);
- one typo per 12 words may sit in a run, between two of its words or at either end: a word of
  four letters or more one edit away from a list word ("abandn", "abnadon"), so that 11 words
  and a typo make a phrase; any other word breaks the run;
- a run whose distinct words are fewer than half its length is a table, not a phrase
  ("false false true false ..."), unless it is exactly 12/15/18/21/24 words, not all the same,
  with a valid checksum (test vectors such as "abandon abandon ... abandon about" repeat words
  too);
- in Japanese and Korean, written without spaces, the first or last word may be glued to the
  text around it ("シードフレーズはせけん ...", "... 가격입니다"): such an edge word counts.

Why that holds no false alarms: in ordinary prose the longest run of words of one list is short.
Function words ("the", "to", "is", "my", "は", "이") are in no list and sentence ends (. ? !)
break runs; over 10 MB of English documentation the longest run of English-list words was 9.

The fast path tokenises the text once and looks every token up in one table of all the lists
(`phrase_masks`); only a text with about 12 list words in a row goes on to the exact scan with
positions, separators and one list at a time.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from .context import markers
from .findings import Candidate, SecretFinding
from .tokens import GAP, HANGUL, KANA, TOKEN, leading_number_start
from .wordlists import (
    Wordlist,
    checksum_ok,
    fold,
    phrase_masks,
    phrase_masks_ascii,
    phrase_wordlists,
    strip_marks,
)

__all__ = ["MIN_WORDS", "phrase_candidates"]

MIN_WORDS = 12
_WORDS_PER_TYPO = 12
# The fast path lets a phrase's first and last word be glued to other text ("seed:abandon" is
# fine, "니모닉은abandon" is not split there): it asks for two words fewer.
_PREFILTER_WORDS = MIN_WORDS - 2
_MARGIN = 64
# Fewest list words a chain may hold: two more may be glued at its edges ("は" + first word).
_SHORTEST_CHAIN = MIN_WORDS - 2
_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_LATIN = "a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f"  # not × ÷
_CYRILLIC = "\u0400-\u04ff\ufffd"
# Two letters or more: no list word is shorter, and fewer tokens make the fast path faster.
_LETTER_RUNS = re.compile(f"[{_LATIN}{_CYRILLIC}{KANA}{HANGUL}]{{2,}}")
_WIDE_LETTER = re.compile(f"[{_LATIN[3:]}{_CYRILLIC}{KANA}{HANGUL}]")
_HIT_RUNS = re.compile("1+")
# Scripts written without spaces, where a phrase's first or last word may be glued to the text
# around it ("シードフレーズはせけん", "...가격입니다").
_GLUING = frozenset({"japanese", "korean"})
_STRETCHES = re.compile("1+(?:01+)*")

# A token: (start, end, folded key, bits of the lists holding it).
_Token = tuple[int, int, str, int]
_Segment = tuple[int, int]  # [first, last) token numbers


def phrase_candidates(text: str) -> list[Candidate]:
    """Every run that makes a phrase, in every list that holds it (`select` picks one)."""
    candidates: list[Candidate] = []
    for start, end in _regions(text):
        tokens = _tokens(text, start, end)
        joined = _Joined(text, tokens)
        union = "".join(["1" if token[3] else "0" for token in tokens])
        # Only stretches of list words (any list) with single other tokens between them matter.
        for stretch in _STRETCHES.finditer(union):
            # With the token on either side: a typo or a glued word may stand there.
            first, last = max(0, stretch.start() - 1), stretch.end() + 1
            if _promising(union[first:last], _SHORTEST_CHAIN):
                candidates.extend(_stretch_candidates(text, tokens, joined, first, last))
    return candidates


def _stretch_candidates(
    text: str, tokens: list[_Token], joined: _Joined, first: int, last: int
) -> list[Candidate]:
    present = 0
    for token in tokens[first:last]:
        present |= token[3]
    candidates: list[Candidate] = []
    for order, wordlist in enumerate(phrase_wordlists()):
        if not present & wordlist.bit:
            continue
        bit = wordlist.bit
        hits = "".join(["1" if token[3] & bit else "0" for token in tokens[first:last]])
        if _promising(hits, _SHORTEST_CHAIN):
            segments = _segments(hits, first, joined)
            candidates.extend(_runs(text, tokens, segments, joined, wordlist, order))
    return candidates


def _promising(hits: str, words: int) -> bool:
    """`words` list words in a row, or `words` - 1 around one other token (a typo)."""
    if "1" * words in hits:
        return True
    if "1" * (words // 2) not in hits:
        return False  # two runs around a typo: the longer holds at least half the words
    runs = [len(run) for run in hits.split("0")]
    return any(a + b >= words - 1 for a, b in pairwise(runs))


def _regions(text: str) -> list[tuple[int, int]]:
    """The parts of `text` the exact scan must read: none for nearly every message.

    Cheap where the exact scan is not. Text without letters beyond ASCII (Chinese characters and
    punctuation don't count) is split in C: bytes translate + split. Other text goes through one
    simple character class. Punctuation and digits count as separators here, so this never sees
    fewer list words in a row than the exact scan, but for words glued to another script
    (`_PREFILTER_WORDS`); the regions reach `_MARGIN` characters beyond the words found.
    """
    lowered = text.lower()
    if lowered.isascii() or not _WIDE_LETTER.search(lowered):
        get_ascii = phrase_masks_ascii().get
        letters = lowered.encode("ascii", "replace").translate(_ASCII_LETTERS)
        ascii_words = letters.split()
        hits = "".join(["1" if get_ascii(word) else "0" for word in ascii_words])
        if not _promising(hits, _PREFILTER_WORDS):
            return []
        source = letters.decode("ascii")
        words = [word.decode("ascii") for word in ascii_words]
    else:
        if not unicodedata.is_normalized("NFC", lowered):
            lowered = unicodedata.normalize("NFC", lowered)
        source = lowered.replace("\u0307", "")  # "İ".lower() keeps a combining dot
        get = phrase_masks().get
        words = _LETTER_RUNS.findall(source)
        hits = "".join(["1" if get(word) else "0" for word in words])
        if not _promising(hits, _PREFILTER_WORDS):
            return []
    if len(source) != len(text):
        return [(0, len(text))]  # normalising moved the characters: read it all
    regions: list[tuple[int, int]] = []
    for stretch in _STRETCHES.finditer(hits):
        if _promising(stretch.group(), _PREFILTER_WORDS):
            start = _offset(source, words, stretch.start())
            end = _offset(source, words, stretch.end() - 1) + len(words[stretch.end() - 1])
            start, end = max(0, start - _MARGIN), min(len(text), end + _MARGIN)
            if regions and start <= regions[-1][1]:
                start = regions.pop()[0]
            regions.append((start, end))
    return regions


def _offset(source: str, words: list[str], number: int) -> int:
    """Where word `number` of `words` (the letter runs of `source`, in order) starts."""
    position = 0
    for word in words[: number + 1]:
        position = source.find(word, position) + len(word)
    return position - len(words[number])


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The words of text[start:end]; none from our own redaction markers, which thus break runs
    ("secret" is a list word: a marker must not complete a phrase when a text is redacted again)."""
    masks = phrase_masks()
    skip = markers(text)
    tokens: list[_Token] = []
    for match in TOKEN.finditer(text, start, end):
        if skip and any(a <= match.start() < b for a, b in skip):
            continue
        key = fold(match.group())
        mask = masks.get(key, 0)
        if not key.isascii():
            mask |= masks.get(strip_marks(key), 0)
        tokens.append((*match.span(), key, mask))
    return tokens


class _Joined:
    """Whether only separators stand between token `number` - 1 and token `number`."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self._text = text
        self._tokens = tokens
        self._known: dict[int, bool] = {}

    def __call__(self, number: int) -> bool:
        if number <= 0:
            return False
        known = self._known.get(number)
        if known is None:
            start, end = self._tokens[number - 1][1], self._tokens[number][0]
            gap = self._text[start:end]
            known = gap == " " or GAP.fullmatch(gap) is not None
            self._known[number] = known
        return known


def _segments(hits: str, offset: int, joined: _Joined) -> list[_Segment]:
    """Maximal ranges of list words with only separators between them (`hits` from `offset`)."""
    segments: list[_Segment] = []
    for match in _HIT_RUNS.finditer(hits):
        first, end = match.start() + offset, match.end() + offset
        for number in range(first + 1, end):
            if not joined(number):
                segments.append((first, number))
                first = number
        segments.append((first, end))
    return segments


def _runs(
    text: str,
    tokens: list[_Token],
    segments: list[_Segment],
    joined: _Joined,
    wordlist: Wordlist,
    order: int,
) -> list[Candidate]:
    scan = _ListScan(text, tokens, joined, wordlist, order)
    candidates: list[Candidate] = []
    for group in _groups(segments, joined):
        if _size(group) < _SHORTEST_CHAIN:
            continue
        # Only now ask whether each token between two segments is a typo of a list word.
        chain: list[_Segment] = [group[0]]
        for segment in group[1:]:
            if wordlist.is_near(tokens[chain[-1][1]][2]):
                chain.append(segment)
                continue
            candidates.extend(scan.chain_candidates(chain))
            chain = [segment]
        candidates.extend(scan.chain_candidates(chain))
    return candidates


def _groups(segments: list[_Segment], joined: _Joined) -> list[list[_Segment]]:
    """Segments one token apart, separators on both sides of that token (a possible typo)."""
    groups: list[list[_Segment]] = []
    for segment in segments:
        if groups:
            previous = groups[-1][-1]
            if segment[0] == previous[1] + 1 and joined(previous[1]) and joined(segment[0]):
                groups[-1].append(segment)
                continue
        groups.append([segment])
    return groups


def _size(chain: list[_Segment]) -> int:
    """Words and typos of a chain of segments."""
    return sum(last - first for first, last in chain) + len(chain) - 1


def _acceptable(chain: list[_Segment], glued: int = 0, typos: int = 0) -> bool:
    """12 words or more, counting `glued` edge words and one typo (inside or at an edge) per 12."""
    typos += len(chain) - 1
    size = _size(chain) + glued + typos - (len(chain) - 1)
    return size >= MIN_WORDS and typos * _WORDS_PER_TYPO <= size


# An edge of a chain: the span of a typo or of a word glued to other text, and whether a typo.
_Edge = tuple[int, int, bool]


class _ListScan:
    """Turns chains of one list's segments into candidates."""

    def __init__(
        self, text: str, tokens: list[_Token], joined: _Joined, wordlist: Wordlist, order: int
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.joined = joined
        self.wordlist = wordlist
        self.order = order

    def chain_candidates(self, chain: list[_Segment]) -> list[Candidate]:
        """The chain when it passes (with a typo or a glued word at an edge if it needs them),
        else its parts that do (longest first, no overlap)."""
        if _size(chain) < _SHORTEST_CHAIN:
            return []
        if _acceptable(chain):
            return self._candidate(chain, None, None)
        left, right = self._left_edge(chain[0][0]), self._right_edge(chain[-1][1])
        options: list[tuple[_Edge | None, _Edge | None]] = []
        if left is not None:
            options.append((left, None))
        if right is not None:
            options.append((None, right))
        if left is not None and right is not None:
            options.append((left, right))
        for before, after in options:
            edges = [edge for edge in (before, after) if edge is not None]
            typos = sum(edge[2] for edge in edges)
            if _acceptable(chain, len(edges) - typos, typos):
                return self._candidate(chain, before, after)
        candidates: list[Candidate] = []
        used_until = -1
        for first in range(len(chain)):
            for last in range(len(chain), first, -1):
                part = chain[first:last]
                if part[0][0] >= used_until and _acceptable(part):
                    candidates.extend(self._candidate(part, None, None))
                    used_until = part[-1][1]
                    break
        return candidates

    def _left_edge(self, first: int) -> _Edge | None:
        """A typo, or a word glued to the text before it, ahead of token `first`."""
        if first == 0 or not self.joined(first):
            return None
        start, end, key, _ = self.tokens[first - 1]
        if self.wordlist.is_near(key):
            return start, end, True
        if self.wordlist.name in _GLUING and len(key) == end - start:
            for cut in range(1, len(key)):
                if key[cut:] in self.wordlist.index:
                    return start + cut, end, False
        return None

    def _right_edge(self, after: int) -> _Edge | None:
        """A typo, or a word glued to the text after it, at token `after`."""
        if after >= len(self.tokens) or not self.joined(after):
            return None
        start, end, key, _ = self.tokens[after]
        if self.wordlist.is_near(key):
            return start, end, True
        if self.wordlist.name in _GLUING and len(key) == end - start:
            for cut in range(len(key) - 1, 0, -1):
                if key[:cut] in self.wordlist.index:
                    return start, start + cut, False
        return None

    def _candidate(
        self,
        chain: list[_Segment],
        left: _Edge | None,
        right: _Edge | None,
    ) -> list[Candidate]:
        tokens = self.tokens
        words = [tokens[i][2] for first, last in chain for i in range(first, last)]
        indices = [i for i in map(self.wordlist.lookup, words) if i is not None]
        if len(set(words)) * 2 < len(words) and not (
            len(set(words)) > 1 and len(chain) == 1 and checksum_ok(indices)
        ):
            # A table ("false false true false ..."), unless the checksum says otherwise: test
            # vectors such as "abandon abandon ... abandon about" repeat their words too.
            return []
        weight = -self.order
        if len(chain) == 1 and left is None and right is None and checksum_ok(indices):
            weight += 100
        start = left[0] if left is not None else tokens[chain[0][0]][0]
        end = right[1] if right is not None else tokens[chain[-1][1] - 1][1]
        finding = SecretFinding(
            kind="mnemonic",
            start=leading_number_start(self.text, start),
            end=end,
            language=self.wordlist.name,
        )
        return [Candidate(finding, weight)]
