"""Many literal phrases as one fast regular expression.

A plain alternation of a few hundred phrases makes `re` try every alternative at every position
of the text; the same phrases folded into a prefix tree ("pass(?:word|code)") cost one branch per
character instead. A space inside a phrase stands for an optional separator (spaces, hyphens,
underscores, the Japanese middle dot), so "seed phrase" also finds "seed-phrase" and "seedphrase",
and "개인 키" finds "개인키"; a phrase ending in "*" also matches longer words ("scam*": "scams",
"scammer"). `phrase_key` turns a matched text back into the phrase it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["SEPARATOR", "phrase_key", "phrases", "trie_pattern"]

SEPARATOR = r"[\s\-_・･]*"
_SEPARATORS = re.compile(r"[\s\-_・･]+")
_END = ""  # marks the end of a phrase inside the tree
_STEM = "*"  # marks a phrase that may go on with more letters


def phrase_key(text: str) -> str:
    """The lookup key of a phrase or of a text matched by its pattern: lower case, no separators."""
    return _SEPARATORS.sub("", text.lower())


def phrases(block: str) -> list[str]:
    """The phrases of a block: separated by ";" or by line ends."""
    return [p.strip() for p in re.split(r"[;\n]", block) if p.strip()]


def _insert(tree: dict[str, dict], phrase: str) -> None:
    node = tree
    previous_space = True  # drop leading spaces and collapse runs of them
    stem = phrase.endswith(_STEM)
    for char in phrase.rstrip(_STEM).lower():
        if char.isspace() or char in "-_・･":
            if previous_space:
                continue
            char = " "
            previous_space = True
        else:
            previous_space = False
        node = node.setdefault(char, {})
    if node is tree:
        return
    node[_STEM if stem else _END] = {}


def _render(node: dict[str, dict], after_first: str = "") -> str:
    branches = []
    for char in sorted(key for key in node if key not in (_END, _STEM)):
        head = SEPARATOR if char == " " else re.escape(char)
        branches.append(head + after_first + _render(node[char]))
    if _STEM in node:
        branches.append(r"[a-z]*")  # "scam" goes on as "scams", "scammer"
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node and _STEM not in node:
        # Greedy: the longer phrase wins ("one-time password" over "password").
        return "(?:" + body + ")?"
    return body


def trie_pattern(items: Iterable[str], after_first: str = "") -> str:
    """A regular expression (no flags; match it against lower-cased text) for every phrase.

    `after_first` is inserted after the first character of each phrase: a look-behind there (not
    in front) keeps the pattern opening with literal characters, which lets `re` skip straight to
    them instead of trying every position."""
    tree: dict[str, dict] = {}
    for phrase in items:
        _insert(tree, phrase.strip())
    return _render(tree, after_first)
