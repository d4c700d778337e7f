"""Ticket text search on SQLite FTS5.

unicode61 splits Latin text into words but keeps a run of CJK characters as one token, so "提币"
inside "我的提币没到账" would never match. Every CJK character is therefore indexed as its own
token and a query word becomes a phrase of those characters ("提 币"); other words match as word
prefixes ("withdr" finds "withdrawal", "U10000" finds the customer uid "U10000042").
"""

from __future__ import annotations

import re

_CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3100-\u312f"  # bopomofo
    "\u31f0-\u31ff"
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0002fa1f"
)
_CJK_CHAR = re.compile(f"([{_CJK}])")
_HAS_WORD_CHAR = re.compile(r"\w")


def _spaced(text: str) -> str:
    if _CJK_CHAR.search(text) is None:  # most text has none; skip the costlier substitution
        return text
    return _CJK_CHAR.sub(_pad, text)


def _pad(match: re.Match[str]) -> str:
    return f" {match.group(1)} "


def index_text(*parts: str) -> str:
    """The text stored in the index for one ticket: subject, preview, customer uid and name,
    search terms (email, tx hashes), one per line."""
    return _spaced("\n".join(parts).lower())


def match_expression(words: list[str]) -> str | None:
    """An FTS5 MATCH expression requiring every word; None if no word has searchable text."""
    terms: list[str] = []
    for word in words:
        if not _HAS_WORD_CHAR.search(word):
            continue
        phrase = " ".join(_spaced(word.lower()).split()).replace('"', '""')
        # A trailing CJK character is a whole token; only a Latin/digit tail can be a prefix.
        prefix = "" if _CJK_CHAR.fullmatch(word[-1]) else "*"
        terms.append(f'"{phrase}"{prefix}')
    return " AND ".join(terms) if terms else None
