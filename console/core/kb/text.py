"""Text shaping shared by indexing, querying and highlighting: normalisation (NFKC, lower case,
full/half width), Markdown to plain text, Latin word stems and the FTS5 token stream."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from console.core.cjk import CJK_CHARS, cjk_tokens

__all__ = [
    "CJK_ONLY",
    "TOKEN",
    "index_tokens",
    "normalize",
    "normalize_with_map",
    "plain_markdown",
    "stem",
]

# A query or text token: a CJK run, or a Latin/digit word (no CJK inside).
TOKEN = re.compile(rf"(?P<cjk>[{CJK_CHARS}]+)|(?P<word>[^\W_{CJK_CHARS}]+)")
CJK_ONLY = re.compile(rf"[{CJK_CHARS}]+")

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARK = re.compile(r"^\s*(?:#{1,6}\s+|\d+\.\s+|[-*]\s+)", re.MULTILINE)
_INLINE_MARK = re.compile(r"\*\*|`")
_SPACES = re.compile(r"[ \t]+")
_VOWELS = frozenset("aeiouy")


def normalize(text: str) -> str:
    """NFKC (full-width Latin and half-width kana fold to their usual forms), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """normalize() character by character, with each output character's index in `text`, so
    matches found in normalized text map back to the original for highlighting."""
    folded = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):
        # The usual case (full-width punctuation folds one to one): offsets do not move.
        return folded, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).lower() if ord(char) > 127 else char.lower()
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def plain_markdown(markdown: str) -> str:
    """The readable text of the restricted Markdown: no heading/list marks, bold, code ticks or
    link targets; one line per block."""
    text = _LINK.sub(r"\1", markdown)
    text = _LINE_MARK.sub("", text)
    text = _INLINE_MARK.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem (plurals, -ed, -ing, final -e and -y) so inflections meet; not a
    dictionary word, only the same for the same root. Prefix-friendly: a typed prefix of a word
    is (nearly always) a prefix of its stem."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "i"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        root = word[: -len(suffix)]
        if word.endswith(suffix) and len(root) >= 3 and _VOWELS.intersection(root):
            word = root
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stopped -> stop
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y") and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
    return word


# Latin words stem() may change (others are their own stem).
_STEMMABLE = re.compile(r"(?<![^\W_])[a-z]{2,}(?:s|ed|ing|e|y)(?![^\W_])")


def _stem_match(match: re.Match[str]) -> str:
    return stem(match.group())


def index_tokens(text: str) -> str:
    """The text FTS5 indexes for `text`: CJK runs as bigrams, Latin words as their stems."""
    return _STEMMABLE.sub(_stem_match, cjk_tokens(normalize(text)))
