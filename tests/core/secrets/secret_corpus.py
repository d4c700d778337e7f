"""The positive half of the secret-detection corpus, built deterministically on first use
(the negatives: `secret_negatives.py`).

BIP39 phrases in every wordlist `mnemonic` ships, 20 per list plus unseparated Chinese ones,
made by Mnemonic(lang).generate(strength) with its randomness drawn from a seeded random.Random
(every fourth with a broken checksum), laid out in every separator style and embedded in
customer sentences in zh/en/ja/ko; and keys: 64-hex with key words around, WIF, extended
private keys, keystore JSON, Solana keypairs.
"""

from __future__ import annotations

import hashlib
import json
import random
import unicodedata
from dataclasses import dataclass
from functools import cache
from unittest import mock

import mnemonic.mnemonic as mnemonic_module
from mnemonic import Mnemonic
from secret_corpus_text import KEY_SENTENCES, WRAPPERS

LANGUAGES = sorted(Mnemonic.list_languages())
CHINESE = ("chinese_simplified", "chinese_traditional")
LATIN = tuple(lang for lang in LANGUAGES if lang not in (*CHINESE, "japanese", "korean"))
STRENGTHS = (128, 160, 192, 224, 256)
PER_LIST = 20
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


@dataclass(frozen=True)
class Positive:
    text: str
    kind: str
    start: int  # where the secret's first word / character begins
    end: int  # where its last one ends
    languages: frozenset[str] = frozenset()  # lists that hold every word (mnemonics)
    style: str = ""


def b58encode(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    out = ""
    while number:
        number, digit = divmod(number, 58)
        out = B58[digit] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def b58check(payload: bytes) -> str:
    return b58encode(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])


@cache
def wordlist(lang: str) -> tuple[str, ...]:
    return tuple(Mnemonic(lang).wordlist)


def phrase_words(lang: str, rng: random.Random, strength: int, broken: bool) -> list[str]:
    # Mnemonic.generate draws from the secrets module: seeded here, so the corpus is stable.
    with mock.patch.object(mnemonic_module.secrets, "token_bytes", rng.randbytes):
        phrase = Mnemonic(lang).generate(strength)
    words = phrase.split("\u3000" if lang == "japanese" else " ")
    if broken:
        checker = Mnemonic(lang)
        while checker.check(" ".join(words)):
            words[rng.randrange(len(words))] = rng.choice(wordlist(lang))
    return words


def holders(words: list[str]) -> frozenset[str]:
    """Every list holding all the words (English and French share some, the Chinese lists many)."""
    norm = {unicodedata.normalize("NFKD", w).lower() for w in words}
    return frozenset(lang for lang in LANGUAGES if norm <= _normalized(lang))


@cache
def _normalized(lang: str) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFKD", w) for w in wordlist(lang))


# Separator styles: name -> function(words) -> (text, offset of first word, end of last word).
def _joined(separator: str):  # type: ignore[no-untyped-def]
    def join(words: list[str]) -> str:
        return separator.join(words)

    return join


def _numbered(pattern: str, between: str = " "):  # type: ignore[no-untyped-def]
    def join(words: list[str]) -> str:
        return between.join(pattern.format(n=n, w=w) for n, w in enumerate(words, 1))

    return join


STYLES = {
    "space": _joined(" "),
    "double space": _joined("  "),
    "ideographic space": _joined("\u3000"),
    "comma": _joined(", "),
    "comma tight": _joined(","),
    "fullwidth comma": _joined("，"),
    "ideographic comma": _joined("、"),
    "newline": _joined("\n"),
    "tab": _joined("\t"),
    "numbered dot": _numbered("{n}. {w}"),
    "numbered paren": _numbered("{n}) {w}"),
    "numbered dash": _numbered("{n}-{w}"),
    "numbered brackets": _numbered("({n}) {w}"),
    "numbered hash": _numbered("#{n} {w}"),
    "numbered lines": _numbered("{n}. {w}", "\n"),
    "numbered tight": _numbered("{n}.{w}", ""),
    "two columns": lambda words: _two_columns(words),
}


def _two_columns(words: list[str]) -> str:
    """A recovery card: "1. w1    13. w13" on each line."""
    rows = (len(words) + 1) // 2
    lines = []
    for i in range(rows):
        line = f"{i + 1}. {words[i]}"
        if i + rows < len(words):
            line += f"\t{i + rows + 1}. {words[i + rows]}"
        lines.append(line)
    return "\n".join(lines)


LATIN_ONLY = {"numbered tight"}  # "1.word2.word" needs another script to split on


def _case(words: list[str], rng: random.Random, lang: str) -> list[str]:
    if lang not in LATIN:
        return words
    mode = rng.choice(["lower", "lower", "upper", "title", "mixed"])
    if mode == "upper":
        return [w.upper() for w in words]
    if mode == "title":
        return [w.title() for w in words]
    if mode == "mixed":
        return [w.upper() if rng.random() < 0.5 else w for w in words]
    return words


def _wrap_language(lang: str, rng: random.Random) -> str:
    if lang.startswith("chinese"):
        return "zh"
    if lang in ("japanese", "korean"):
        return {"japanese": "ja", "korean": "ko"}[lang]
    return rng.choice(["en", "en", "zh", "ja", "ko"])


def _mnemonic_positives() -> list[Positive]:
    rng = random.Random(20240611)
    out: list[Positive] = []
    styles = list(STYLES)
    for lang in LANGUAGES:
        for number in range(PER_LIST):
            words = phrase_words(lang, rng, STRENGTHS[number % 5], broken=number % 4 == 3)
            languages = holders(words)
            if lang == "japanese" and number % 2:
                words = [unicodedata.normalize("NFC", w) for w in words]
            words = _case(words, rng, lang)
            style = styles[(number + LANGUAGES.index(lang)) % len(styles)]
            if style in LATIN_ONLY and lang not in LATIN:
                style = "numbered dot"
            phrase = STYLES[style](words)
            before, after = rng.choice(WRAPPERS[_wrap_language(lang, rng)])
            text = before + phrase + after
            first = len(before) + phrase.index(words[0])
            last = len(before) + len(phrase)
            out.append(Positive(text, "mnemonic", first, last, languages, style))
        if lang in CHINESE:
            out.extend(_unseparated_chinese(lang, rng))
    return out


def _unseparated_chinese(lang: str, rng: random.Random) -> list[Positive]:
    """Chinese phrases written without separators: alone on a line, valid checksum."""
    out: list[Positive] = []
    wrappers = [
        ("", ""),
        ("这个助记词安全吗？\n", ""),
        ("客服让我提供助记词\n", "\n谢谢"),
        ("助记词：", ""),
    ]
    for number in range(8):
        words = phrase_words(lang, rng, STRENGTHS[number % 5], broken=False)
        phrase = "".join(words)
        if number == 7:  # a 24-word phrase over two lines
            phrase = "".join(words[:12]) + "\n" + "".join(words[12:])
        before, after = wrappers[number % len(wrappers)]
        text = before + phrase + after
        out.append(
            Positive(
                text,
                "mnemonic",
                len(before),
                len(before) + len(phrase),
                holders(words),
                "unseparated",
            )
        )
    return out


def _in_sentence(rng: random.Random, kind: str, key: str, lang: str | None = None) -> Positive:
    lang = lang or rng.choice(list(KEY_SENTENCES))
    template = rng.choice(KEY_SENTENCES[lang])
    text = template.format(key=key)
    start = text.index(key)
    return Positive(text, kind, start, start + len(key), style=lang)


def _key_positives() -> list[Positive]:
    rng = random.Random(77)
    out: list[Positive] = []
    for lang, templates in KEY_SENTENCES.items():
        for template in templates:
            for prefix in ("", "0x"):
                key = prefix + rng.randbytes(32).hex()
                if rng.random() < 0.3:
                    key = key.upper().replace("0X", "0x")
                text = template.format(key=key)
                out.append(
                    Positive(
                        text, "private_key", text.index(key), text.index(key) + len(key), style=lang
                    )
                )
    wif_sentences = [
        "{key}",
        "my WIF key: {key}",
        "私钥（WIF）{key}",
        "WIF形式の秘密鍵 {key}",
        "{key} 이거 제 지갑 키예요",
    ]
    for number in range(15):
        version = b"\xef" if number % 5 == 4 else b"\x80"
        suffix = b"\x01" if number % 2 else b""
        key = b58check(version + rng.randbytes(32) + suffix)
        text = wif_sentences[number % len(wif_sentences)].format(key=key)
        out.append(Positive(text, "wif", text.index(key), text.index(key) + len(key), style="wif"))
    versions = ["0488ADE4", "04358394", "049D7878", "04B2430C", "0295B005", "02AA7A99"]
    xprv_sentences = [
        "{key}",
        "my xprv is {key}",
        "扩展私钥：{key}",
        "拡張秘密鍵 {key} です",
        "확장 개인키 {key}",
    ]
    for number in range(12):
        key = b58check(bytes.fromhex(versions[number % len(versions)]) + rng.randbytes(74))
        text = xprv_sentences[number % len(xprv_sentences)].format(key=key)
        out.append(
            Positive(
                text, "extended_key", text.index(key), text.index(key) + len(key), style="xprv"
            )
        )
    seed = Mnemonic.to_seed(Mnemonic("english").to_mnemonic(rng.randbytes(16)))
    key = Mnemonic.to_hd_master_key(seed)
    out.append(
        Positive(
            f"Electrum shows this master key: {key}",
            "extended_key",
            32,
            32 + len(key),
            style="xprv",
        )
    )
    out.extend(_keystore_positives(rng))
    array = json.dumps(list(rng.randbytes(64)))
    text = f"my phantom keypair file: {array}"
    out.append(Positive(text, "private_key", text.index(array), len(text), style="keypair"))
    key = b58encode(rng.randbytes(64))
    out.append(_in_sentence(rng, "private_key", key, "en"))
    return out


def keystore(rng: random.Random, crypto: str = "crypto") -> dict[str, object]:
    return {
        "address": rng.randbytes(20).hex(),
        crypto: {
            "cipher": "aes-128-ctr",
            "ciphertext": rng.randbytes(32).hex(),
            "cipherparams": {"iv": rng.randbytes(16).hex()},
            "kdf": "scrypt",
            "kdfparams": {
                "dklen": 32,
                "n": 262144,
                "p": 1,
                "r": 8,
                "salt": rng.randbytes(32).hex(),
            },
            "mac": rng.randbytes(32).hex(),
        },
        "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
        "version": 3,
    }


def _keystore_positives(rng: random.Random) -> list[Positive]:
    out: list[Positive] = []
    wrappers = [
        ("My keystore file: ", " and the password is hunter2"),
        ("这是我的keystore文件内容\n", "\n密码是123456"),
        ("キーストアです：", ""),
        ("", ""),
        ("키스토어 파일 내용입니다.\n", "\n확인해 주세요."),
    ]
    for number in range(10):
        data = json.dumps(
            keystore(rng, "Crypto" if number % 3 == 2 else "crypto"),
            indent=None if number % 2 else 2,
        )
        before, after = wrappers[number % len(wrappers)]
        if number == 9:  # cut short by the chat box
            data = data[: len(data) * 2 // 3]
            after = ""
        text = before + data + after
        out.append(
            Positive(text, "keystore", len(before), len(before) + len(data), style="keystore")
        )
    return out


@cache
def positives() -> tuple[Positive, ...]:
    return tuple(_mnemonic_positives() + _key_positives())
