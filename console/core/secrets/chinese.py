"""Seed phrases in the two Chinese lists, whose words are single characters.

The simplified list is the 2,048 most frequent characters, in order of frequency: ordinary
Chinese is made of them (97 % of the characters of our Chinese help articles are in it), so a bare
run of characters proves nothing. Two rules:

Both lists hold the same words in the same order, so a phrase may mix them (a character typed
in the other script); its language is the list that holds all (or most) of its characters.

1. **Separated**: 12 or more characters of the lists, each standing alone (no other Chinese
   character touching it) with separators between every two of them - spaces, ideographic
   spaces, commas (, ， 、), new lines (one per line), list numbers ("1.的 2.一", "(1) 的"). As
   for the other lists (`phrases.py`), any run of 12 or more counts and the checksum is not
   required: prose never puts a separator after every character.
2. **Unseparated**: characters written together are a phrase only when they are alone on their
   line(s) - the whole message, a line, or consecutive lines holding nothing but Chinese
   characters (wrapping quotes or brackets and a closing 。 allowed) - or follow a seed-phrase
   label on their line ("助记词：..."), and only when all of these hold:
   - exactly 12, 15, 18, 21 or 24 characters, all in the lists;
   - the BIP39 checksum is valid (a random line passes with a chance of 1 in 16 to 1 in 256);
   - the characters do not read as prose: fewer than two common words (`chinese_words.py`),
     and characters not much more frequent than a random draw (the mean of log(250 / rank),
     rank = position in the frequency-ordered list, stays below 0.3; prose averages about
     0.6, a random phrase about -1.1).
   A random phrase reads as prose about 5 times in 100,000 (measured over 180,000 of 12, 15 and
   24 characters); of the 1,694 clauses of our Chinese help articles taken one per line, 29 have
   the right length, all characters in the list and a valid checksum, and none passes the prose
   test. A run between other words on a line ("我的助记词是的一是...谢谢") is not caught:
   nothing tells it from a sentence.
"""

from __future__ import annotations

import math
import re
from functools import cache

from .chinese_words import COMMON_WORDS
from .findings import Candidate, SecretFinding
from .tokens import GAP_NONEMPTY, HAN, leading_number_start
from .wordlists import VALID_COUNTS, checksum_ok, chinese_wordlists

__all__ = ["chinese_candidates"]

_MIN_WORDS = 12
_MAX_WORDS = max(VALID_COUNTS)
_PROSE_WORDS = 2
_PROSE_FREQUENCY = 0.3
_ONE_HAN = re.compile(f"[{HAN}]")
_ALL_HAN = re.compile(f"[{HAN}]+")
# A character class first lets the regex engine skip to candidates in C; the lookbehind after
# it checks that the first character stands alone.
_SEPARATED = re.compile(
    rf"[{HAN}](?<![{HAN}][{HAN}])(?![{HAN}])"
    rf"(?:{GAP_NONEMPTY}[{HAN}](?![{HAN}])){{{_MIN_WORDS - 1},}}"
)
_WRAP = "\"'“”‘’「」『』《》【】()（）[]"
_TAIL = f" \t\u3000{_WRAP}。.!！"
_STRIP = f"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029{_TAIL}"
_LABELS = (
    "助记词",
    "助記詞",
    "记忆词",
    "記憶詞",
    "种子",
    "種子",
    "恢复短语",
    "恢復短語",
    "seed",
    "mnemonic",
    "phrase",
    "recovery",
    "シード",
    "ニーモニック",
    "니모닉",
    "시드",
)
# What may follow a label up to the phrase: "：", "是", " is: ", quotes...
_AFTER_LABEL = re.compile(
    rf"[^\n{HAN}]{{0,12}}?(?:是|为|為|如下|は|는|은)?[:：]?[ \t\u3000{re.escape(_WRAP)}]*"
    rf"([{HAN}]{{{_MIN_WORDS},{_MAX_WORDS}}})[{re.escape(_TAIL)}]*$",
    re.MULTILINE,
)


def chinese_candidates(text: str) -> list[Candidate]:
    """Every separated run and every unseparated line block that makes a phrase, per list."""
    if text.isascii() or _ONE_HAN.search(text) is None:
        return []
    candidates: list[Candidate] = []
    candidates.extend(_separated(text))
    for start, end, chars in _unseparated_runs(text):
        candidates.extend(_unseparated(start, end, chars))
    return candidates


def _separated(text: str) -> list[Candidate]:
    candidates: list[Candidate] = []
    index = _merged_index()
    for match in _SEPARATED.finditer(text):
        run: list[tuple[int, str]] = []
        for found in [*_ONE_HAN.finditer(text, *match.span()), None]:
            if found is not None and found.group() in index:
                run.append((found.start(), found.group()))
                continue
            chars = [char for _, char in run]
            if len(run) >= _MIN_WORDS and _not_a_table(chars):
                start = leading_number_start(text, run[0][0])
                candidates.append(_candidate(start, run[-1][0] + 1, chars))
            run = []
    return candidates


def _not_a_table(chars: list[str]) -> bool:
    """As in `phrases.py`: repeated characters make a table unless a checksum holds."""
    if len(set(chars)) * 2 >= len(chars):
        return True
    return len(set(chars)) > 1 and checksum_ok([_merged_index()[char] for char in chars])


def _unseparated_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, characters) of each block of Chinese-only lines and each labelled run.

    A labelled line ("助记词：" + characters) may start a block: a 24-word phrase is often
    written as two lines of 12.
    """
    # Per line: (start, end, characters, may follow another line), or None.
    lines: list[tuple[int, int, str, bool] | None] = []
    labels: list[str] | None = None  # the labels the text holds, once a line may need them
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.strip(_STRIP)
        size = len(body)
        entry: tuple[int, int, str, bool] | None = None
        if size and size <= _MAX_WORDS and _ALL_HAN.fullmatch(body):
            start = offset + len(line) - len(line.lstrip(_STRIP))
            entry = (start, start + size, body, True)
        elif size > _MIN_WORDS and _ALL_HAN.fullmatch(body, size - _MIN_WORDS):
            if labels is None:
                lowered = text.lower()
                labels = [label for label in _LABELS if label in lowered]
            if labels:
                found = _labelled(text, labels, offset, offset + len(line))
                if found:
                    entry = (*found, False)
        lines.append(entry)
        offset += len(line)
    runs: list[tuple[int, int, str]] = []
    for first, head in enumerate(lines):
        if head is None:
            continue
        chars = ""
        for number, last in enumerate(lines[first:]):
            if last is None or (number and not last[3]):
                break
            chars += last[2]
            if len(chars) > _MAX_WORDS:
                break
            if len(chars) in VALID_COUNTS:
                runs.append((head[0], last[1], chars))
    return runs


def _labelled(text: str, labels: list[str], start: int, end: int) -> tuple[int, int, str] | None:
    """The run after a seed-phrase label on the line text[start:end] ("助记词：的一是...")."""
    line = text[start:end].lower()
    if len(line) != end - start:
        return None  # lower case moved the characters (a rare letter such as "İ")
    for label in labels:
        at = line.find(label)
        while at >= 0:
            match = _AFTER_LABEL.match(text, start + at + len(label), end)
            if match is not None:
                return match.start(1), match.end(1), match.group(1)
            at = line.find(label, at + 1)
    return None


def _unseparated(start: int, end: int, chars: str) -> list[Candidate]:
    if len(chars) not in VALID_COUNTS:
        return []
    index = _merged_index()
    indices = [index.get(char) for char in chars]
    known = [i for i in indices if i is not None]
    if len(known) == len(chars) and checksum_ok(known) and not _reads_as_prose(chars, known):
        return [_candidate(start, end, list(chars))]
    return []


def _candidate(start: int, end: int, chars: list[str]) -> Candidate:
    """The list is the one that holds every character (simplified first), else the one that
    holds more of them: a phrase typed with a character of the other script is still caught."""
    simplified, traditional = chinese_wordlists()
    inside = {wl.name: sum(char in wl.index for char in chars) for wl in (simplified, traditional)}
    language = max(inside, key=lambda name: (inside[name], name == simplified.name))
    weight = 100 if checksum_ok([_merged_index()[char] for char in chars]) else 0
    return Candidate(SecretFinding("mnemonic", start, end, language), weight)


@cache
def _merged_index() -> dict[str, int]:
    """Character -> word number in either list (the two lists hold the same words in order)."""
    simplified, traditional = chinese_wordlists()
    return {**traditional.index, **simplified.index}


@cache
def _common_words() -> frozenset[str]:
    """The common words in simplified and in traditional characters."""
    simplified, traditional = chinese_wordlists()
    words = set(COMMON_WORDS)
    for word in COMMON_WORDS:
        mapped = [
            traditional.words[simplified.index[c]] if c in simplified.index else c for c in word
        ]
        words.add("".join(mapped))
    return frozenset(words)


def _reads_as_prose(chars: str, indices: list[int]) -> bool:
    common = _common_words()
    words = sum(
        1 for i in range(len(chars)) if chars[i : i + 2] in common or chars[i : i + 3] in common
    )
    if words >= _PROSE_WORDS:
        return True
    frequency = sum(math.log(250 / (index + 1)) for index in indices) / len(indices)
    return frequency >= _PROSE_FREQUENCY
