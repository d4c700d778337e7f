"""Key or transaction hash? The words around a 64-hex (or 64-byte Base58) value decide.

A private key and a transaction hash look the same: 64 hex digits, with or without 0x (Solana:
88 Base58 characters for both a secret key and a transaction signature). Support text is full of
transaction hashes and an agent needs them, so:

- the nearest context word within `WINDOW` characters on either side decides: a key word
  ("private key", "privkey", "secret key", "私钥", "秘密鍵", "개인키", "imported into MetaMask"...)
  makes it a key; a hash word ("txid", "tx hash", "transaction", "hash", "交易哈希", "哈希",
  "トランザクション", "트랜잭션", "block", "explorer", "public key"...) makes it a hash or some
  other non-secret; at equal distance the key word wins;
- distance counts the words between, not other values: another hex string, a seed phrase, a
  keystore or a redaction marker in between counts as one character and its own words are not
  context ("private key: <key 1> <key 2>" makes both keys). So redacting changes no decision;
- a value inside a link ("https://etherscan.io/tx/0x...") is a hash whatever the words say;
- a bare value, with neither kind of word near it, is taken for a transaction hash and kept: a
  false alarm would redact the evidence the agent needs, while a customer who pastes a private
  key nearly always says what it is ("here is my private key").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Literal

__all__ = ["WINDOW", "Context", "Span", "classify", "markers", "mentions_keys", "said_key"]

Context = Literal["key", "hash"]
Span = tuple[int, int]
WINDOW = 80
_TERM_MARGIN = 16
_LINK_LOOKBACK = 120

# Looked up in the lower-cased window with "-" and "_" read as spaces ("tx-hash" = "tx hash").
# Latin terms must stand as words; where a term holds a shorter one ("public key" holds "key"),
# the longer wins.
_NOT_SECRET = (
    "public key", "publickey", "pubkey", "pub key", "xpub", "txid", "tx id", "txhash",
    "tx hash", "txn", "tx", "txs", "transaction", "transactions", "trx", "hash", "hashes",
    "signature", "signatures", "block", "blocks", "blockchain", "explorer", "checksum",
    "sha256", "sha 256", "id", "ids", "etherscan", "bscscan", "tronscan", "solscan", "mempool",
    "blockchair", "oklink",
    "hash值", "公钥", "公鑰", "公開鍵", "공개키", "공개 키", "交易", "哈希", "区块", "區塊",
    "浏览器", "瀏覽器", "トランザクション", "ハッシュ", "取引", "ブロック", "트랜잭션", "해시",
    "거래", "블록",
)  # fmt: skip
_KEY = (
    "private key", "private keys", "privatekey", "priv key", "privkey", "secret key",
    "secretkey", "secret", "private", "key", "keys", "pk", "import", "imported", "importing",
    "export", "exported", "exporting", "keypair",
    "私钥", "私鑰", "私匙", "密钥", "密鑰", "秘钥", "秘鑰", "导入", "導入", "导出", "導出",
    "秘密鍵", "秘密キー", "プライベートキー", "プライベート キー", "インポート", "エクスポート",
    "개인키", "개인 키", "비밀키", "비밀 키", "프라이빗키", "프라이빗 키", "시크릿키", "시크릿 키",
    "가져오기", "내보내기",
)  # fmt: skip
_TERMS: tuple[tuple[str, Context], ...] = tuple(
    sorted(
        [(term, "hash") for term in _NOT_SECRET] + [(term, "key") for term in _KEY],
        key=lambda entry: -len(entry[0]),
    )
)
# Every key term holds one of these: without them, nothing near the value calls it a key.
_KEY_STEMS = ("key", "priv", "secret", "pk", "import", "export", "私钥", "私鑰", "私匙", "密钥",
              "密鑰", "秘钥", "秘鑰", "导入", "導入", "导出", "導出", "秘密", "キー", "インポート",
              "エクスポート", "키", "가져오기", "내보내기")  # fmt: skip
_ASCII_KEY_STEMS = tuple(stem for stem in _KEY_STEMS if stem.isascii())
_ANY_KEY_STEM = re.compile("|".join(sorted(_KEY_STEMS, key=len, reverse=True)))
_MARKER = re.compile(r"\[secret redacted: [a-z_]+\]")
_LINKS = ("://", "www.", "/tx/", "/txs/", "/transaction/", "/search")


def markers(text: str) -> list[Span]:
    """Spans of the redaction markers already in `text`."""
    return [m.span() for m in _MARKER.finditer(text)] if "[secret redacted: " in text else []


def mentions_keys(text: str) -> bool:
    """Whether a key word stands anywhere in the text: without one, no value in it is a key."""
    lowered = text.lower()
    if lowered.isascii():
        return any(stem in lowered for stem in _ASCII_KEY_STEMS)
    return _ANY_KEY_STEM.search(lowered) is not None


def said_key(text: str, start: int, end: int, blockers: Sequence[Span] = ()) -> bool:
    """Whether the words around text[start:end] make it a key (the nearest says "key")."""
    return classify(text, start, end, blockers, quick=True) == "key"


def classify(
    text: str, start: int, end: int, blockers: Sequence[Span] = (), *, quick: bool = False
) -> Context | None:
    """What the value at text[start:end] is, by its context; None when nothing says.

    `blockers`: spans of other values, secrets and redaction markers (`markers`), in text order:
    they count as one character of distance.
    `quick`: answer None as soon as no key word is near (enough for `said_key`).
    """
    before = text[max(0, start - _LINK_LOOKBACK) : start]
    if before and not before[-1].isspace():
        token = before.rsplit(None, 1)[-1]
        if ("/" in token or "www." in token) and any(link in token for link in _LINKS):
            return "hash"
    low, high = _reach(text, start, end, blockers)
    window = text[low:high].lower()
    if len(window) != high - low:
        return None  # lower case moved the characters (a rare letter such as "İ")
    window = window.replace("-", " ").replace("_", " ")
    if quick and _ANY_KEY_STEM.search(window) is None:
        return None  # no key word near: whatever else is said, not a key
    # Other values and secrets: blank (no words in them), and one character long.
    skipped = [
        (a - low, b - low) for a, b in blockers if a < high and b > low and (a, b) != (start, end)
    ]
    for a, b in skipped:
        window = window[: max(a, 0)] + " " * (min(b, len(window)) - max(a, 0)) + window[b:]
    return _nearest(window, (start - low, end - low), skipped)


def _reach(text: str, start: int, end: int, blockers: Sequence[Span]) -> Span:
    """The stretch to read: WINDOW on either side, more across other values (in text order)."""
    reach_before = reach_after = WINDOW + _TERM_MARGIN
    here = bisect_left(blockers, (start, end))
    for a, b in reversed(blockers[:here]):
        if b > start - reach_before:
            reach_before += b - a
        elif b <= start - reach_before:
            break
    for a, b in blockers[here:]:
        if a >= end and a < end + reach_after:
            reach_after += b - a
        elif a >= end + reach_after:
            break
    return max(0, start - reach_before), min(len(text), end + reach_after)


def _nearest(window: str, value: Span, skipped: list[Span]) -> Context | None:
    taken: list[Span] = []
    best: Context | None = None
    best_distance = WINDOW + 1
    for term, kind in _TERMS:
        at = window.find(term)
        while at >= 0:
            stop = at + len(term)
            if (
                _stands_alone(window, at, stop, term)
                and (stop <= value[0] or at >= value[1])
                and all(stop <= a or at >= b for a, b in taken)
            ):
                taken.append((at, stop))
                gap = (stop, value[0]) if stop <= value[0] else (value[1], at)
                distance = gap[1] - gap[0]
                for a, b in skipped:
                    if a >= gap[0] and b <= gap[1]:
                        distance -= b - a - 1
                if distance <= WINDOW and (
                    distance < best_distance or (distance == best_distance and kind == "key")
                ):
                    best, best_distance = kind, distance
            at = window.find(term, at + 1)
    return best


def _stands_alone(window: str, start: int, stop: int, term: str) -> bool:
    """A Latin term must not be part of a longer word ("key" in "keystore", "id" in "uid")."""
    if not term[0].isascii():
        return True
    if start > 0 and window[start - 1].isascii() and window[start - 1].isalnum():
        return False
    return not (stop < len(window) and window[stop].isascii() and window[stop].isalnum())
