"""What a word of a seed phrase looks like in text, and what may stand between two words.

Words: a run of letters (Latin, Cyrillic, with any combining accents), a run of kana, or a run of
Hangul. Each script makes its own token, so "助记词是abandon" yields "abandon". Chinese characters
are no word here at all (`chinese.py` reads them one by one).

Between two words of a phrase there may only be separators: white space (the ideographic space
too), commas (, ， 、), semicolons, slashes, bars, quotes, brackets, dashes, bullets - and at most
one list number: "1." "2)" "3-" "(4)" "#5" "6:" "7、" "⑧" "9️⃣". A full stop, a question mark or
any other word ends the run, which is what keeps sentences of ordinary prose apart.
"""

from __future__ import annotations

import re

__all__ = [
    "GAP",
    "GAP_NONEMPTY",
    "HAN",
    "HANGUL",
    "KANA",
    "LEADING_NUMBER",
    "SEPARATORS",
    "TOKEN",
    "leading_number_start",
]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff"  # without the middle dot ・
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# Combining accents (decomposed input) and U+FFFD, which one word of the shipped Russian list holds.
_MARKS = "\u0300-\u036f\ufffd"

TOKEN = re.compile(rf"(?:[^\W\d_{HAN}{KANA}{HANGUL}]|[{_MARKS}])+|[{KANA}]+|[{HANGUL}]+")

# U+FE0F and U+20E3 make keycap numbers: "1️⃣ abandon 2️⃣ ability".
SEPARATORS = r"\s,，、;；|/\\・·•*\"'“”‘’«»「」『』()（）\[\]【】<>《》\-‐‑–—_~\ufe0f\u20e3"
_NUMBER = (
    r"(?:[#№(（\[【]?\d{1,2}[.．)）\]】:：、\-]{0,2}"
    r"|[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe])"
)
GAP = re.compile(rf"[{SEPARATORS}]*(?:{_NUMBER}[{SEPARATORS}]*)?")
GAP_NONEMPTY = rf"(?:[{SEPARATORS}]+(?:{_NUMBER}[{SEPARATORS}]*)?|{_NUMBER}[{SEPARATORS}]*)"
# A list number right before a phrase's first word ("1. ", "(1) ", "#1 ", "①"), on its line.
LEADING_NUMBER = re.compile(rf"(?:^|(?<=[\s,，、;；]))[(（\[]?{_NUMBER}[ \t\u3000\ufe0f\u20e3]*$")
_LOOKBACK = 8


def leading_number_start(text: str, start: int) -> int:
    """Where the list number in front of a phrase starting at `start` begins (else `start`)."""
    found = LEADING_NUMBER.search(text, max(0, start - _LOOKBACK), start)
    return start if found is None else found.start()
