"""Private keys written out: raw hex, WIF, extended private keys, 64-byte Base58, byte arrays.

- 64 hex digits, with or without 0x: a key only when the words around call it one
  (`context.py`; bare or with transaction words it is a transaction hash and stays).
- WIF: 51 or 52 Base58 characters starting 5, K, L (mainnet) or 9, c (testnet) whose Base58Check
  decodes to version 0x80/0xef + 32 bytes (+ 0x01 compressed). A WIF-shaped string whose checksum
  fails (a typo) is still a key when the words around call it one.
- Extended private keys: xprv, yprv, zprv, Yprv, Zprv, tprv, uprv, vprv, Uprv, Vprv (and Litecoin
  Ltpv/Mtpv/ttpv, Dogecoin dgpv): 111 Base58 characters (104 to 116 taken). The prefix alone
  is decisive; the checksum is not required, so a copy with a typo is still caught. Extended public
  keys (xpub, ypub, zpub, tpub...) are not secrets.
- 64-byte Base58 (86-88 characters, Solana secret keys): the same context rule as hex, since
  Solana transaction signatures have that shape too.
- A JSON array of 64 numbers 0-255 (a Solana keypair file): a key unless the words around call
  it something else.

A value is a whole run of ASCII letters and digits: a longer run (a 128-hex signature, a URL
path) is none of these.

Addresses (Base58, bech32, 0x + 40 hex, TRON T...) have other lengths or shapes and never match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .base58 import ALPHABET, b58check_decode, b58decode
from .context import Span, classify, markers, mentions_keys, said_key
from .findings import Candidate, SecretFinding, SecretKind

__all__ = ["key_candidates"]

_B58_CHARS = frozenset(ALPHABET)
_HEX_CHARS = frozenset("0123456789abcdefABCDEF")
_SHORTEST = 50  # WIF: 51 characters; nothing shorter is a key here
_ALNUM_RUN = re.compile(rf"[0-9A-Za-z]{{{_SHORTEST},}}")
_ASCII_ALNUM = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
_EXTENDED_PREFIXES = (
    *(f"{letter}prv" for letter in "xyztuvYZUV"),
    "Ltpv",
    "Mtpv",
    "ttpv",
    "dgpv",
)
_BYTE_ARRAY = re.compile(r"\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]")
_WIF_VERSIONS = frozenset({0x80, 0xEF})


def key_candidates(text: str, blockers: Sequence[Span] = ()) -> list[Candidate]:
    """Keys in `text`; `blockers` are the spans of the other secrets found in it (phrases,
    keystores), which the context rule reads past."""
    candidates: list[Candidate] = []
    runs = _long_runs(text)
    around = sorted([*blockers, *((start, end) for start, end, _ in runs), *markers(text)])
    context = _Context(text, around)
    for start, end, value in runs:
        found = _classify_run(context, start, end, value)
        if found is not None:
            candidates.append(found)
    if text.count(",") >= 63:
        for match in _BYTE_ARRAY.finditer(text):
            values = [int(v) for v in re.findall(r"\d+", match.group())]
            if max(values) <= 255 and classify(text, *match.span(), around) != "hash":
                candidates.append(_candidate("private_key", *match.span()))
    return candidates


def _long_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of every run of 50 or more ASCII letters and digits, found in C.

    Every other character turns into a space in a bytes copy as long as the text; a long piece
    of it is found again from where the one before ended (nothing shorter can hold it).
    """
    spaced = text.encode("ascii", "replace").translate(_ASCII_ALNUM)
    if len(spaced) != len(text):
        return [(m.start(), m.end(), m.group()) for m in _ALNUM_RUN.finditer(text)]
    runs: list[tuple[int, int, str]] = []
    position = 0
    for piece in spaced.split():
        if len(piece) >= _SHORTEST:
            start = spaced.find(piece, position)
            position = start + len(piece)
            runs.append((start, position, text[start:position]))
    return runs


class _Context:
    """The key words around values of one text, asked only when needed."""

    def __init__(self, text: str, around: Sequence[Span]) -> None:
        self.text = text
        self.around = around
        self._mentions: bool | None = None

    def said_key(self, start: int, end: int) -> bool:
        if self._mentions is None:
            self._mentions = mentions_keys(self.text)
        return self._mentions and said_key(self.text, start, end, self.around)


def _classify_run(context: _Context, start: int, end: int, value: str) -> Candidate | None:
    """A maximal run of ASCII letters and digits: which key, if any, it is."""
    size = end - start
    if value.startswith(_EXTENDED_PREFIXES) and 104 <= size <= 116:
        if _B58_CHARS.issuperset(value):
            return _candidate("extended_key", start, end)
        return None
    hex_value = value[2:] if value[:2] in ("0x", "0X") else value
    if len(hex_value) == 64 and _HEX_CHARS.issuperset(hex_value):
        return _candidate("private_key", start, end) if context.said_key(start, end) else None
    if not _B58_CHARS.issuperset(value):
        return None
    if size in (51, 52) and value[0] in "59KLc":
        if _is_wif(value) or context.said_key(start, end):
            return _candidate("wif", start, end)
        return None
    if 86 <= size <= 88 and context.said_key(start, end):
        raw = b58decode(value)
        if raw is not None and len(raw) == 64:
            return _candidate("private_key", start, end)
    return None


def _is_wif(value: str) -> bool:
    payload = b58check_decode(value)
    if payload is None or payload[0] not in _WIF_VERSIONS:
        return False
    return len(payload) == 33 or (len(payload) == 34 and payload[-1] == 0x01)


def _candidate(kind: SecretKind, start: int, end: int) -> Candidate:
    return Candidate(SecretFinding(kind=kind, start=start, end=end))
