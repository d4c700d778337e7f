"""CJK-aware tokens for SQLite FTS5, shared by ticket search (store) and the knowledge base.

unicode61 splits Latin text into words but keeps a run of CJK characters as one token, so "提币"
inside "我的提币没到账" would never match (and trigram finds nothing for 2-character queries).
Every run of CJK characters (Chinese, kana, Hangul) is therefore indexed as its overlapping
bigrams followed by its last character alone:

    "我的提币没到账"  ->  我的 的提 提币 币没 没到 到账 账

A two-character query word is then a single token lookup ("提币"), a longer one a phrase of its
bigrams ("充值 值未 未到 到账"), and a single character a prefix of either form ("币"* finds the
bigrams starting with 币 and 币 ending a run, i.e. every occurrence). The trailing character makes
a run's end searchable when the query word goes on after it ("提币abc"). Other words match as
word prefixes ("withdr" finds "withdrawal").
"""

from __future__ import annotations

import re

__all__ = ["CJK_CHARS", "CJK_RUN", "bigrams", "cjk_tokens", "word_phrase"]

CJK_CHARS = (
    "\u1100-\u11ff"  # Hangul jamo
    "\u2e80-\u2fdf"  # radicals
    "\u3040-\u309a"  # hiragana (without the spacing sound marks)
    "\u309d-\u309f"
    "\u30a1-\u30fa"  # katakana (without the middle dot)
    "\u30fc-\u30ff"
    "\u3100-\u312f"  # bopomofo
    "\u3130-\u318f"  # Hangul compatibility jamo
    "\u31f0-\u31ff"
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0002fa1f"
)
CJK_RUN = re.compile(f"[{CJK_CHARS}]+")
_HAS_WORD_CHAR = re.compile(r"\w")
_TRAILING_NON_WORD = re.compile(rf"[^\w{CJK_CHARS}]+$")


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _run_tokens(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) == 1:
        return f" {run} "
    return f" {' '.join(bigrams(run))} {run[-1]} "


def cjk_tokens(text: str) -> str:
    """`text` with every CJK run replaced by its index tokens, space separated."""
    if CJK_RUN.search(text) is None:  # most text has none; skip the costlier substitution
        return text
    return CJK_RUN.sub(_run_tokens, text)


def word_phrase(word: str) -> tuple[str, bool] | None:
    """The FTS5 phrase (quotes escaped, not yet quoted) for one lower-cased query word and
    whether its last token is a prefix; None when the word has nothing searchable."""
    word = _TRAILING_NON_WORD.sub("", word)
    if not word or not _HAS_WORD_CHAR.search(word):
        return None
    parts: list[str] = []
    prefix = True  # a Latin/digit tail matches as a word prefix
    end = 0
    for match in CJK_RUN.finditer(word):
        parts.append(word[end : match.start()])
        run = match.group(0)
        if match.end() < len(word):
            # Text follows the run in the word, so the indexed run ends here too.
            parts.append(_run_tokens(match))
        elif len(run) == 1:
            parts.append(run)  # the prefix of bigrams starting with it, or of it alone
        else:
            parts.append(" ".join(bigrams(run)))
            prefix = False
        end = match.end()
    parts.append(word[end:])
    phrase = " ".join(" ".join(parts).split()).replace('"', '""')
    return (phrase, prefix) if phrase else None
