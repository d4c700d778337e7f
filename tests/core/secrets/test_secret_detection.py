"""The detection rules one by one: phrases, Chinese, keys, context, keystores, redaction."""

from __future__ import annotations

import dataclasses
import json
import random
import unicodedata

import pytest
from mnemonic import Mnemonic
from secret_corpus import b58check, b58encode, keystore

from console.core.secrets import (
    Redaction,
    SecretFinding,
    detect_secrets,
    marker,
    redact_secrets,
)

RNG = random.Random(11)


def _words(lang: str = "english", strength: int = 128, seed: int = 1) -> list[str]:
    entropy = random.Random(seed).randbytes(strength // 8)
    return Mnemonic(lang).to_mnemonic(entropy).split("\u3000" if lang == "japanese" else " ")


def _only(text: str) -> SecretFinding:
    found = detect_secrets(text)
    assert len(found) == 1, found
    return found[0]


def _hex() -> str:
    return RNG.randbytes(32).hex()


# --- the API ---------------------------------------------------------------------------------


def test_finding_and_redaction_shapes() -> None:
    text = "seed: " + " ".join(_words())
    found = _only(text)
    assert found == SecretFinding(kind="mnemonic", start=6, end=len(text), language="english")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.start = 0  # type: ignore[misc]
    result = redact_secrets(text)
    assert isinstance(result, Redaction)
    assert result.text == "seed: [secret redacted: mnemonic]"
    assert result.findings == [found]
    assert marker("wif") == "[secret redacted: wif]"
    assert detect_secrets("") == [] and redact_secrets("").text == ""


def test_positions_index_the_original_text() -> None:
    key = _hex()
    text = f"1. {' '.join(_words())}\nmy private key: {key}\nthanks"
    result = redact_secrets(text)
    assert [f.kind for f in result.findings] == ["mnemonic", "private_key"]
    assert result.findings[0].start == 0  # the list number goes too
    assert text[result.findings[1].start : result.findings[1].end] == key
    assert result.text == (
        "[secret redacted: mnemonic]\nmy private key: [secret redacted: private_key]\nthanks"
    )


# --- phrases in the letter, kana and Hangul lists ------------------------------------------------


@pytest.mark.parametrize(
    "layout",
    [
        lambda w: " ".join(w),
        lambda w: "\n".join(w),
        lambda w: "\t".join(w),
        lambda w: ", ".join(w),
        lambda w: "、".join(w),
        lambda w: "\u3000".join(w),
        lambda w: " ".join(f"{n}. {x}" for n, x in enumerate(w, 1)),
        lambda w: "\n".join(f"{n}) {x}" for n, x in enumerate(w, 1)),
        lambda w: " ".join(f"{n}-{x}" for n, x in enumerate(w, 1)),
        lambda w: " ".join(f"({n}) {x}" for n, x in enumerate(w, 1)),
        lambda w: " ".join(f"#{n} {x}" for n, x in enumerate(w, 1)),
        lambda w: "".join(f"{n}.{x}" for n, x in enumerate(w, 1)),
        lambda w: json.dumps(w),
    ],
)
def test_separators_and_numbering(layout) -> None:  # type: ignore[no-untyped-def]
    words = _words()
    text = "my words:\n" + layout(words) + "\nhelp!"
    found = _only(text)
    assert found.kind == "mnemonic" and found.language == "english"
    assert found.start <= text.index(words[0]) and found.end >= text.rindex(words[-1])
    assert text.index(words[0]) - found.start <= 5  # at most the list number before it


@pytest.mark.parametrize("count", [12, 13, 14, 16, 24, 25, 36])
def test_runs_of_twelve_words_or_more(count: int) -> None:
    words = (_words(strength=256) * 2)[:count]
    assert _only(" ".join(words)).end == len(" ".join(words))


def test_eleven_words_are_not_a_phrase() -> None:
    assert detect_secrets(" ".join(_words()[:11])) == []


def test_one_typo_is_tolerated_two_are_not() -> None:
    words = _words()
    typo = [*words]
    typo[5] = typo[5][:-1] + ("x" if typo[5][-1] != "x" else "y")
    assert _only(" ".join(typo)).end == len(" ".join(typo))
    at_end = [*words[:11], words[11] + "s"]
    assert _only(" ".join(at_end)).end == len(" ".join(at_end))
    two = [*typo]
    two[9] = two[9][:-1] + ("x" if two[9][-1] != "x" else "y")
    assert detect_secrets(" ".join(two)) == []
    # Another word in the middle is no typo: two runs of six words.
    assert detect_secrets(" ".join([*words[:6], "zzzzzzz", *words[6:]])) == []


def test_letter_case_accents_and_abbreviations() -> None:
    words = _words()
    assert _only(" ".join(w.upper() for w in words)).language == "english"
    assert _only(" ".join(w.title() for w in words)).language == "english"
    assert _only(" ".join(w[:4] for w in words)).language == "english"  # steel plates
    spanish = _words("spanish", seed=3)
    bare = "".join(c for c in unicodedata.normalize("NFKD", " ".join(spanish)) if c.isascii())
    assert _only(bare).language == "spanish"
    turkish = _words("turkish", seed=4)
    assert _only(" ".join(w.upper() for w in turkish)).language == "turkish"


def test_test_vectors_with_repeated_words() -> None:
    assert _only("abandon " * 11 + "about").language == "english"
    assert _only("zoo " * 23 + "vote").language == "english"
    assert detect_secrets("text text text text text text text text text text text text") == []


@pytest.mark.parametrize("lang", ["japanese", "korean", "russian", "czech", "french", "italian"])
def test_other_lists(lang: str) -> None:
    words = _words(lang, seed=5)
    for form in ("NFC", "NFKD"):
        text = unicodedata.normalize(form, "\u3000".join(words))
        assert _only(text).language == lang


def test_words_glued_to_the_text_around_them() -> None:
    japanese = [unicodedata.normalize("NFC", w) for w in _words("japanese", seed=6)]
    text = "シードフレーズは" + " ".join(japanese) + "です"
    found = _only(text)
    assert found.start == text.index(japanese[0]) and found.end >= text.rindex(japanese[-1])
    english = _words()
    text = "니모닉은" + " ".join(english) + "입니다"
    assert _only(text).language == "english"


def test_english_prose_full_of_list_words_is_not_a_phrase() -> None:
    prose = (
        "I have a problem with my account because the deposit address you gave me shows a "
        "different amount, so please check the balance again and let me know if there is any "
        "fee or limit that can explain it, thank you. You can also call me any time today."
    )
    assert detect_secrets(prose) == []


# --- Chinese ---------------------------------------------------------------------------------


def _valid_chinese(lang: str = "chinese_simplified", strength: int = 128) -> list[str]:
    return _words(lang, strength, seed=8)


def test_chinese_with_separators() -> None:
    words = _valid_chinese()
    for joined in (" ".join(words), "，".join(words), "\n".join(words), "、".join(words)):
        text = "我的助记词是：" + joined + "。谢谢"
        found = _only(text)
        assert text[found.start : found.end] == joined
    numbered = " ".join(f"{n}.{w}" for n, w in enumerate(words, 1))
    assert _only(numbered).start == 0


def test_chinese_without_separators_only_alone_and_with_a_checksum() -> None:
    words = _valid_chinese()
    run = "".join(words)
    assert _only(run).language == "chinese_simplified"
    assert _only(f"这个安全吗？\n“{run}”\n谢谢").kind == "mnemonic"
    assert _only(f"助记词：{run}").kind == "mnemonic"
    assert detect_secrets(f"我的助记词是{run}谢谢") == []  # inside a sentence: not told apart
    broken = [*words]
    broken[0] = next(c for c in "的一是在不了有和人这" if c != words[0])
    while Mnemonic("chinese_simplified").check(" ".join(broken)):
        broken[1] = RNG.choice(Mnemonic("chinese_simplified").wordlist)
    assert detect_secrets("".join(broken)) == []


def test_a_character_typed_in_the_other_script() -> None:
    simplified = Mnemonic("chinese_simplified").wordlist
    traditional = Mnemonic("chinese_traditional").wordlist
    words = _valid_chinese()
    at = next(i for i, w in enumerate(words) if traditional[simplified.index(w)] != w)
    words[at] = traditional[simplified.index(words[at])]
    assert _only(" ".join(words)).language == "chinese_simplified"
    assert _only("".join(words)).language == "chinese_simplified"


def test_a_long_phrase_over_two_lines() -> None:
    words = _valid_chinese("chinese_traditional", 256)
    text = "".join(words[:12]) + "\n" + "".join(words[12:])
    assert _only(text).language == "chinese_traditional"


def test_ordinary_chinese_is_not_a_phrase() -> None:
    lines = [
        "请问我的提币什么时候能到账",  # 13
        "我已经等了三个小时还没有到账",  # 14
        "为什么我的账户被冻结了怎么办",
        "的一是在不了有和人这中大",  # the 12 most frequent characters
        "您好，我的充值一直没有到账，麻烦帮我查一下，谢谢。",
    ]
    for line in lines:
        assert detect_secrets(line) == [], line


# --- keys and their context ------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "my private key is {k}",
        "privkey: 0x{k}",
        "私钥：{k}",
        "秘密鍵は{k}です",
        "개인키 {k}",
        '{{"privateKey": "{k}"}}',
        "{k}\n^ this is the secret key MetaMask exported",
    ],
)
def test_hex_keys_by_their_words(template: str) -> None:
    key = _hex()
    text = template.format(k=key)
    found = _only(text)
    assert found.kind == "private_key" and key in text[found.start : found.end]


@pytest.mark.parametrize(
    "template",
    [
        "{k}",
        "still not credited: {k}",
        "txid {k}",
        "TX hash: 0x{k}",
        "交易哈希：{k}",
        "トランザクションID {k}",
        "거래 해시 {k}",
        "https://etherscan.io/tx/0x{k}",
        "I never shared my private key, but this transaction drained me: {k}",
        "my public key {k}",
    ],
)
def test_hashes_stay(template: str) -> None:
    assert detect_secrets(template.format(k=_hex())) == []


def test_the_nearest_word_decides_and_other_values_do_not_count() -> None:
    keys = [_hex(), _hex()]
    listed = "my private keys:\n" + "\n".join(keys)
    assert [f.kind for f in detect_secrets(listed)] == ["private_key", "private_key"]
    both = f"txid {keys[0]} and here is my private key {keys[1]}"
    assert [both[f.start : f.end] for f in detect_secrets(both)] == [keys[1]]
    assert detect_secrets(_hex() + _hex()) == []  # 128 hex: a signature, not a key
    assert detect_secrets("private key " + _hex()[:63]) == []


def test_wif_and_extended_keys() -> None:
    for payload in (b"\x80" + RNG.randbytes(32), b"\x80" + RNG.randbytes(32) + b"\x01"):
        wif = b58check(payload)
        assert _only(f"here {wif} ok").kind == "wif"
    broken = b58check(b"\x80" + RNG.randbytes(32) + b"\x01")
    broken = broken[:-1] + ("2" if broken[-1] != "2" else "3")
    assert detect_secrets(broken) == []
    assert _only(f"my private key (WIF): {broken}").kind == "wif"
    xprv = Mnemonic.to_hd_master_key(Mnemonic.to_seed(" ".join(_words())))
    assert _only(xprv).kind == "extended_key"
    assert _only(xprv[:-1] + "1").kind == "extended_key"  # a typo: still the key
    xpub = b58check(bytes.fromhex("0488B21E") + RNG.randbytes(74))
    assert detect_secrets(f"my xpub {xpub}") == []


def test_addresses_are_not_secrets() -> None:
    addresses = [
        b58check(b"\x00" + RNG.randbytes(20)),
        b58check(b"\x05" + RNG.randbytes(20)),
        b58check(b"\x41" + RNG.randbytes(20)),
        "0x" + RNG.randbytes(20).hex(),
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        b58encode(RNG.randbytes(32)),
    ]
    for address in addresses:
        assert detect_secrets(f"my private key leaked, funds went to {address}") == []


def test_solana_keys() -> None:
    array = json.dumps(list(RNG.randbytes(64)))
    assert _only(array).kind == "private_key"
    secret = b58encode(RNG.randbytes(64))
    assert _only(f"phantom private key: {secret}").kind == "private_key"
    assert detect_secrets(f"signature {secret}") == []


# --- keystores -------------------------------------------------------------------------------


def test_keystore_json() -> None:
    data = json.dumps(keystore(RNG))
    text = f"my keystore: {data} password 1234"
    found = _only(text)
    assert (found.kind, text[found.start : found.end]) == ("keystore", data)
    cut = json.dumps(keystore(RNG, "Crypto"), indent=2)[:300]
    assert _only("keystore:\n" + cut).end == len("keystore:\n" + cut)
    fields = 'ciphertext: "abc123"\nkdf: scrypt\nmac: "ff00"\nthanks'
    found = _only("fields:\n" + fields)
    assert "ciphertext" in ("fields:\n" + fields)[found.start : found.end]
    assert detect_secrets('{"cipher": "aes", "note": "no ciphertext here"}') == []
