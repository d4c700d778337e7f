"""The negative half of the secret-detection corpus: ordinary support text, built
deterministically on first use.

Composed support messages in zh/en/ja/ko (an opener, an issue, details, a closer) with
transaction hashes (transaction words around them), addresses, xpubs, ids, numbers and blobs;
paragraphs dense in BIP39 English words; Chinese lines made only of wordlist characters; bare
transaction hashes, public keys, signatures, base64 blobs.
"""

from __future__ import annotations

import base64
import random
from functools import cache

from secret_corpus import BECH32, b58check, b58encode, positives, wordlist
from secret_corpus_text import (
    CLOSERS,
    COINS,
    DETAILS,
    FIATS,
    ISSUES,
    NETWORKS,
    OPENERS,
    PARAGRAPHS,
)


def _address(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return b58check(b"\x00" + rng.randbytes(20))
    if kind == 1:
        return b58check(b"\x05" + rng.randbytes(20))
    if kind == 2:
        return "bc1q" + "".join(rng.choice(BECH32) for _ in range(38))
    if kind == 3:
        return "0x" + rng.randbytes(20).hex()
    if kind == 4:
        return b58check(b"\x41" + rng.randbytes(20))  # TRON T...
    return b58encode(rng.randbytes(32))  # Solana


def _xpub(rng: random.Random) -> str:
    version = rng.choice(["0488B21E", "049D7CB2", "04B24746", "043587CF"])
    return b58check(bytes.fromhex(version) + rng.randbytes(74))


def _slots(rng: random.Random) -> dict[str, object]:
    return {
        "coin": rng.choice(COINS),
        "hours": rng.randint(2, 72),
        "amount": rng.choice(["0.5", "120", "3,000", "15.75", "0.0021", "2500"]),
        "network": rng.choice(NETWORKS),
        "order": rng.choice(["", "#", "P2P-"]) + str(rng.randrange(10**11, 10**12)),
        "address": _address(rng),
        "txhash": rng.choice(["", "0x"]) + rng.randbytes(32).hex(),
        "hex64": rng.randbytes(32).hex(),
        "uid": rng.randrange(10**7, 10**9),
        "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "confirmations": rng.randint(1, 120),
        "xpub": _xpub(rng),
        "longnum": str(rng.randrange(10**15, 10**20)),
        "blob": base64.b64encode(rng.randbytes(rng.choice([48, 64, 96]))).decode(),
        "fiat": rng.choice(FIATS),
        "ticket": f"T-{rng.randrange(10**5, 10**6)}",
    }


def _composed(rng: random.Random, lang: str) -> str:
    joiner = " " if lang in ("en", "ko") else ""
    parts = [rng.choice(OPENERS[lang]), rng.choice(ISSUES[lang])]
    for _ in range(rng.choice([0, 1, 1, 2])):
        parts.append(rng.choice(DETAILS[lang]))
    parts.append(rng.choice(CLOSERS[lang]))
    return joiner.join(p for p in parts if p).format(**_slots(rng))


CHAT_PIECES = """
    请问 我的 提币 什么时候 能到账 为什么 还没有 充值 已经 三个小时 了 帮我 查一下 订单 账户
    被冻结 怎么办 今天 价格 太低 手续费 是多少 钱包 地址 不对 实名认证 失败 密码 忘记 客服 在吗
    合约 亏损 谢谢 你们 平台 资金 安全 吗
"""


def _chinese_lines(rng: random.Random) -> list[str]:
    """Chat lines without punctuation, made only of characters of the Chinese wordlist."""
    pieces = CHAT_PIECES.split()
    simplified = set(wordlist("chinese_simplified"))
    lines: list[str] = []
    while len(lines) < 60:
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(4, 9)))
        if len(line) in (12, 15, 18, 21, 24) and set(line) <= simplified:
            lines.append(line)
    return lines


def _specials(rng: random.Random) -> list[str]:
    out: list[str] = list(PARAGRAPHS)
    out.append(" ".join(PARAGRAPHS[:7]))
    out.append("".join(PARAGRAPHS[7:10]))
    for _ in range(20):
        h = rng.randbytes(32).hex()
        out += [
            f"txid: {h}",
            f"tx hash 0x{h} still pending",
            f"交易哈希 {h}",
            f"トランザクションID：{h}",
            f"트랜잭션 해시 0x{h} 확인 부탁드립니다",
            h,  # a bare 64-hex: taken for a transaction hash
            f"Still not received: {h}",
            f"https://mempool.space/tx/{h}",
        ]
    for _ in range(20):
        out += [
            f"Send it to {_address(rng)} please",
            f"我的充值地址：{_address(rng)}",
            f"watch-only xpub: {_xpub(rng)}",
            f"UUID {rng.randbytes(16).hex()}",
            f"order {rng.randrange(10**17, 10**19)} / {rng.randrange(10**17, 10**19)}",
            f"log: {base64.b64encode(rng.randbytes(rng.choice([40, 64, 100, 200]))).decode()}",
            f"My public key is 02{rng.randbytes(32).hex()}",
            f"signature: {rng.randbytes(64).hex()}",
        ]
    out += _chinese_lines(rng)
    return out


@cache
def composed() -> dict[str, tuple[str, ...]]:
    """The composed support messages, per language."""
    rng = random.Random(4242)
    return {
        lang: tuple(_composed(rng, lang) for _ in range(260)) for lang in ("en", "zh", "ja", "ko")
    }


@cache
def negatives() -> tuple[str, ...]:
    out = [text for texts in composed().values() for text in texts]
    out += _specials(random.Random(4343))
    return tuple(out)


def messages(size: int = 2000, count: int = 100, lang: str | None = None) -> list[str]:
    """Messages of `size` characters made of corpus text (one language, or all mixed), every
    tenth with a secret in it: for the timing figure."""
    rng = random.Random(9)
    pool = list(composed()[lang]) if lang else list(negatives())
    secrets = [p.text for p in positives()]
    out: list[str] = []
    for number in range(count):
        parts = [rng.choice(secrets)] if number % 10 == 0 else []
        while sum(map(len, parts)) < size:
            parts.append(rng.choice(pool))
        rng.shuffle(parts)
        out.append("\n".join(parts)[:size])
    return out
