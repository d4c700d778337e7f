"""The BIP39 wordlists the `mnemonic` package ships, read once on first use.

Every list is looked up by a folded key: NFKC, lower case (the Korean file is stored decomposed,
the French, Spanish and Japanese files with combining accents; customers type composed text).
Latin and Cyrillic lists also answer to the key without accents ("acido" for "ácido", "abarti" for
"abartı", "елка" for "ёлка"), and to the first four letters of a longer word when those four
letters name exactly one word: steel backup plates and recovery cards keep only four letters.

The two Chinese lists are kept apart from the others (`CHINESE`): their words are single characters,
and `chinese.py` applies its own rules to them.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = [
    "CHINESE",
    "VALID_COUNTS",
    "Wordlist",
    "checksum_ok",
    "chinese_wordlists",
    "fold",
    "phrase_masks",
    "phrase_masks_ascii",
    "phrase_wordlists",
    "strip_marks",
]

CHINESE = ("chinese_simplified", "chinese_traditional")
VALID_COUNTS = frozenset({12, 15, 18, 21, 24})
# Scripts whose words lose meaning without their marks (dakuten); no accent-free keys for them.
_KEEP_MARKS = frozenset({"japanese", "korean"})
_ABBREVIATION = 4


def fold(token: str) -> str:
    """The lookup key of a token as typed: NFKC, lower case."""
    key = token.lower()
    if not key.isascii():
        key = unicodedata.normalize("NFKC", key)
    return key


def strip_marks(key: str) -> str:
    """`key` without combining marks, dotless ı as i (Turkish "ABARTI" lowers to "abarti")."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("ı", "i")


def _deletions(key: str) -> Iterable[str]:
    return (key[:i] + key[i + 1 :] for i in range(len(key)))


@dataclass(eq=False)
class Wordlist:
    """One BIP39 list: its words (folded) and every key that names one of them."""

    name: str
    bit: int
    words: tuple[str, ...]
    index: dict[str, int]
    _near: dict[str, int] | None = field(default=None, repr=False)

    def lookup(self, key: str) -> int | None:
        """The word index a folded token stands for, or None."""
        found = self.index.get(key)
        if found is None and self.name not in _KEEP_MARKS:
            found = self.index.get(strip_marks(key))
        return found

    def is_near(self, key: str) -> bool:
        """A token one typo away from a word (a letter missing, extra, wrong or swapped)."""
        if len(key) < _ABBREVIATION or self.lookup(key) is not None:
            return False
        if self._near is None:
            near: dict[str, int] = {}
            for number, folded in enumerate(self.words):
                word = folded if self.name in _KEEP_MARKS else strip_marks(folded)
                near.setdefault(word, number)
                for shorter in _deletions(word):
                    near.setdefault(shorter, number)
            self._near = near
        bare = key if self.name in _KEEP_MARKS else strip_marks(key)
        if bare in self._near:
            return True
        return any(shorter in self._near for shorter in _deletions(bare))


def _read(name: str) -> list[str]:
    text = resources.files("mnemonic").joinpath("wordlist", f"{name}.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _build(name: str, bit: int) -> Wordlist:
    words = tuple(fold(word) for word in _read(name))
    index: dict[str, int] = {}
    for number, word in enumerate(words):
        index[word] = number
    if name not in _KEEP_MARKS:
        for number, word in enumerate(words):
            index.setdefault(strip_marks(word), number)
        prefixes: dict[str, list[int]] = {}
        for number, word in enumerate(words):
            prefixes.setdefault(strip_marks(word)[:_ABBREVIATION], []).append(number)
        for prefix, numbers in prefixes.items():
            if len(numbers) == 1 and len(prefix) == _ABBREVIATION:
                index.setdefault(prefix, numbers[0])
    return Wordlist(name=name, bit=bit, words=words, index=index)


@cache
def _all_wordlists() -> tuple[Wordlist, ...]:
    folder = resources.files("mnemonic").joinpath("wordlist")
    names = sorted(
        entry.name.removesuffix(".txt") for entry in folder.iterdir() if entry.name.endswith(".txt")
    )
    # English first: when a run is a phrase in two lists (they share words), it wins the tie.
    names.sort(key=lambda name: (name != "english", name))
    return tuple(_build(name, 1 << bit) for bit, name in enumerate(names))


def phrase_wordlists() -> tuple[Wordlist, ...]:
    """Every list except the Chinese ones (words made of letters, kana or Hangul)."""
    return tuple(wl for wl in _all_wordlists() if wl.name not in CHINESE)


def chinese_wordlists() -> tuple[Wordlist, ...]:
    return tuple(wl for wl in _all_wordlists() if wl.name in CHINESE)


@cache
def phrase_masks() -> dict[str, int]:
    """Folded key -> bits of the (non-Chinese) lists that hold it; the fast path's only table."""
    masks: dict[str, int] = {}
    for wordlist in phrase_wordlists():
        for key in wordlist.index:
            masks[key] = masks.get(key, 0) | wordlist.bit
    return masks


@cache
def phrase_masks_ascii() -> dict[bytes, int]:
    """`phrase_masks` for the ASCII keys, as bytes: the fast path of ASCII text."""
    return {key.encode("ascii"): bits for key, bits in phrase_masks().items() if key.isascii()}


def checksum_ok(indices: Sequence[int]) -> bool:
    """Whether word indices form a BIP39 phrase with a valid checksum."""
    count = len(indices)
    if count not in VALID_COUNTS:
        return False
    value = 0
    for number in indices:
        value = (value << 11) | number
    checksum_bits = count * 11 // 33
    entropy_bits = count * 11 - checksum_bits
    entropy = (value >> checksum_bits).to_bytes(entropy_bits // 8, "big")
    digest = hashlib.sha256(entropy).digest()
    expected = int.from_bytes(digest[:1], "big") >> (8 - checksum_bits)
    return (value & ((1 << checksum_bits) - 1)) == expected
