"""Characters that make a text read otherwise than it holds, refused in what people write.

Bidi embeddings, overrides, isolates and marks (U+202E turns "gnp.exe" into "exe.png"), and C0
and C1 controls; multi-line text keeps tab and line breaks.
"""

from __future__ import annotations

import re

__all__ = ["text_problem"]

_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why `value` is refused as written text, or None when it is fine."""
    if _BIDI_RE.search(value):
        return "Text must not contain bidi control characters."
    if (_CONTROL_MULTILINE_RE if multiline else _CONTROL_RE).search(value):
        return "Text must not contain control characters."
    return None
