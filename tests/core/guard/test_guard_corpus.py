"""The corpus: every request is caught with its kind, no support reply is flagged."""

from __future__ import annotations

import re
from collections import Counter

from console.core.guard import ASK_KINDS, check_outgoing

_HANGUL = re.compile(r"[\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Characters only traditional Chinese writes this way (in the words the corpus uses).
_TRADITIONAL = re.compile(r"[詞鑰碼語請給發碼帳將們這讓遠螢幕錢聯絡裝載開啟錄驗證輸簡訊]")


def _language(text: str) -> str:
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh-Hant" if _TRADITIONAL.search(text) else "zh-Hans"
    return "en"


def test_every_request_is_caught(requests_corpus) -> None:
    missed = []
    for request in requests_corpus:
        kinds = {f.kind for f in check_outgoing(request.text)}
        if request.kind not in kinds:
            missed.append(
                f"line {request.line}: {request.kind} not in {sorted(kinds)}: {request.text}"
            )
    caught = len(requests_corpus) - len(missed)
    by_kind = Counter(r.kind for r in requests_corpus)
    by_language = Counter(_language(r.text) for r in requests_corpus)
    print(
        f"\nrequests: {caught}/{len(requests_corpus)} caught "
        f"(catch rate {caught / len(requests_corpus):.3f}); "
        f"by kind {dict(sorted(by_kind.items()))}; by language {dict(sorted(by_language.items()))}"
    )
    assert not missed, "\n".join(missed)


def test_request_corpus_covers_every_kind_and_language(requests_corpus) -> None:
    assert len(requests_corpus) >= 150
    assert {r.kind for r in requests_corpus} == set(ASK_KINDS)
    languages = {_language(r.text) for r in requests_corpus}
    assert languages == {"en", "zh-Hans", "zh-Hant", "ja", "ko"}
    for kind in ASK_KINDS:
        per_language = Counter(_language(r.text) for r in requests_corpus if r.kind == kind)
        assert set(per_language) == languages, (kind, per_language)


def test_no_reply_is_flagged(replies_corpus) -> None:
    flagged = []
    for reply in replies_corpus:
        findings = check_outgoing(reply.text)
        if findings:
            shown = [(f.kind, reply.text[f.start : f.end]) for f in findings]
            flagged.append(f"{reply.language} line {reply.line}: {shown}: {reply.text}")
    by_language = Counter(r.language for r in replies_corpus)
    print(
        f"\nreplies: {len(flagged)}/{len(replies_corpus)} flagged "
        f"(false-positive rate {len(flagged) / len(replies_corpus):.3f}); "
        f"by language {dict(sorted(by_language.items()))}"
    )
    assert not flagged, "\n".join(flagged)


def test_reply_corpus_is_large_and_varied(replies_corpus) -> None:
    assert len(replies_corpus) >= 400
    counts = Counter(r.language for r in replies_corpus)
    assert all(counts[language] >= 80 for language in ("en", "zh", "ja", "ko")), counts
    texts = [r.text for r in replies_corpus]
    warning = re.compile(
        r"never|not|n't|scam|phishing|请勿|請勿|不要|不会|不會|切勿|绝不|絕不|诈骗|詐騙|ないで|ません|決して|"
        r"詐欺|마세요|않|절대|사기"
    )
    warnings = sum(bool(warning.search(t)) for t in texts)
    links = sum("lumen.example" in t for t in texts)
    asks = sum(
        bool(re.search(r"TxID|UID|screenshot|截图|截圖|スクリーンショット|스크린샷", t))
        for t in texts
    )
    print(
        f"\nreplies that warn: {warnings}, with official links: {links}, "
        f"asking for TxID/UID/screenshots: {asks}"
    )
    assert warnings >= 150 and links >= 40 and asks >= 40
