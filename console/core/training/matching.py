"""How the script and the scoring compare what a trainee did and wrote with a scenario.

Actions (`action_matches`): a pattern without a qualifier ("escalate") matches the action with
any qualifier ("escalate", "escalate:security"); a pattern with one ("escalate:security")
matches only that exact action. Case and surrounding spaces are ignored.

Words (`says_any`, `find_said`): text and words are compared after NFKC normalisation (so
full-width "ｓｏｒｒｙ" and "！" count as "sorry" and "!"), case folding, straight apostrophes
and single spaces. A word that begins with an ASCII letter or digit must begin a word in the
text - no ASCII letter or digit right before it - but may run on, as in the knowledge-base
search: "refund" finds "refunded" and "apologi" finds "apologise", while "sent" does not find
"consent" and "ban" does not find "urban". With `whole_words` such a word must also end a word
("hi" then finds "Hi," but not "his"). Anything else (Chinese, "!!!") is a plain substring,
since Chinese has no word boundaries to respect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["action_matches", "find_said", "normalize_text", "says_any"]

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def action_matches(pattern: str, done: str) -> bool:
    """Whether the action `done` (with its qualifier, if any) is what `pattern` asks for."""
    pattern = pattern.strip().casefold()
    done = done.strip().casefold()
    if not pattern:
        return False
    if ":" in pattern:
        return done == pattern
    return done == pattern or done.startswith(pattern + ":")


def normalize_text(text: str) -> str:
    """`text` as the word matching sees it."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _contains(text: str, word: str, whole_words: bool) -> bool:
    if not _ascii_alnum(word[0]):
        return word in text
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _ascii_alnum(text[start - 1])) and (
            not whole_words
            or end == len(text)
            or not (_ascii_alnum(word[-1]) and _ascii_alnum(text[end]))
        ):
            return True
        start = text.find(word, start + 1)
    return False


def find_said(text: str, words: Sequence[str], *, whole_words: bool = False) -> str | None:
    """The first of `words` (as given) that `text` contains, else None. Blank words never match."""
    normalized = normalize_text(text)
    if not normalized:
        return None
    for word in words:
        needle = normalize_text(word)
        if needle and _contains(normalized, needle, whole_words):
            return word
    return None


def says_any(text: str, words: Sequence[str], *, whole_words: bool = False) -> bool:
    """Whether `text` contains any of `words` (rules in the module docstring)."""
    return find_said(text, words, whole_words=whole_words) is not None
