"""Property tests: any phrase in any separator mix is found and redacted whole; ordinary text
never is; redacting twice changes nothing more."""

from __future__ import annotations

import os
import unicodedata
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic
from secret_corpus import CHINESE, LANGUAGES, LATIN, holders, positives
from secret_negatives import negatives

from console.core.secrets import detect_secrets, marker, redact_secrets

SETTINGS = settings(
    # More for a deeper search: SECRETS_EXAMPLES=2000 pytest tests/core/secrets
    max_examples=int(os.environ.get("SECRETS_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEPARATORS = [" ", "  ", "\u3000", ", ", ",", "，", "、", "\n", "\t", " \n", "\r\n", "; ", " / "]
NUMBERING = [
    "{n}. ",
    "{n}) ",
    "{n}-",
    "({n}) ",
    "#{n} ",
    "{n}.",
    "{n}: ",
    "{n}、",
    "{n}\ufe0f\u20e3 ",
]
PREFIXES = [
    "",
    "Hi, my phrase is: ",
    "助记词：\n",
    "シードは：",
    "Here:\n",
    'seed = "',
    "제 시드: ",
]
SUFFIXES = ["", ". Thanks!", "\n谢谢", "。よろしく", " 감사합니다.", '"']
CASES = [str.lower, str.upper, str.title]


@cache
def _mnemonic(lang: str) -> Mnemonic:
    return Mnemonic(lang)


@st.composite
def phrases(draw: st.DrawFn) -> tuple[str, int, int, str, list[str]]:
    """(text, start of the first word, end of the last, list, words)."""
    lang = draw(st.sampled_from(LANGUAGES))
    size = draw(st.sampled_from([16, 20, 24, 28, 32]))
    entropy = draw(st.binary(min_size=size, max_size=size))
    words = _mnemonic(lang).to_mnemonic(entropy).split("\u3000" if lang == "japanese" else " ")
    original = words
    if lang == "japanese" and draw(st.booleans()):
        words = [unicodedata.normalize("NFC", w) for w in words]
    if lang in LATIN:
        words = [draw(st.sampled_from(CASES))(w) for w in words]
    numbering = draw(st.one_of(st.none(), st.sampled_from(NUMBERING)))
    prefix = draw(st.sampled_from(PREFIXES))
    suffix = draw(st.sampled_from(SUFFIXES))
    parts = [prefix]
    first = -1
    for number, word in enumerate(words, 1):
        if number > 1:
            parts.append(draw(st.sampled_from(SEPARATORS)))
        if numbering:
            parts.append(numbering.format(n=number))
        if first < 0:
            first = sum(map(len, parts))
        parts.append(word)
    end = sum(map(len, parts))
    parts.append(suffix)
    return "".join(parts), first, end, lang, original


@SETTINGS
@given(phrases())
def test_any_phrase_is_found_and_redacted_whole(case: tuple[str, int, int, str, list[str]]) -> None:
    text, first, end, lang, words = case
    covering = [
        f
        for f in detect_secrets(text)
        if f.kind == "mnemonic" and f.start <= first and f.end >= end
    ]
    assert covering, (lang, text)
    assert covering[0].language in holders(words)
    assert (
        text[covering[0].start : first].strip(" \n\t\u3000") == "" or first - covering[0].start <= 6
    )
    redacted = redact_secrets(text)
    found = covering[0]
    assert redacted.text.count(marker("mnemonic")) >= 1
    head, tail = text[: found.start], text[found.end :]
    assert redacted.text.startswith(head) and redacted.text.endswith(tail)
    if lang in CHINESE:
        # Not one character of the phrase is left where it stood.
        middle = redacted.text[len(head) : len(redacted.text) - len(tail)]
        assert not set(middle) & set("".join(words))


@cache
def _pieces() -> list[str]:
    pool = list(negatives())
    return pool[::3]


@SETTINGS
@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8),
    st.sampled_from([" ", "\n", "\n\n", " | ", "", "\t"]),
)
def test_ordinary_text_has_no_secret(picks: list[int], joiner: str) -> None:
    pieces = _pieces()
    text = joiner.join(pieces[i % len(pieces)] for i in picks)
    assert detect_secrets(text) == []


@SETTINGS
@given(
    st.integers(min_value=0, max_value=10**6),
    st.lists(st.integers(min_value=0, max_value=10**6), max_size=3),
    st.sampled_from([" ", "\n", "", "  "]),
)
def test_redaction_is_idempotent(secret: int, around: list[int], joiner: str) -> None:
    pieces = _pieces()
    parts = [pieces[i % len(pieces)] for i in around]
    parts.insert(len(parts) // 2, positives()[secret % len(positives())].text)
    text = joiner.join(parts)
    once = redact_secrets(text)
    assert once.findings == detect_secrets(text)
    twice = redact_secrets(once.text)
    assert twice.findings == []
    assert twice.text == once.text
