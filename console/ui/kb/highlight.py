"""Search results as rich text: the text escaped, the matched spans marked.

The spans come from the index as [start, end) offsets into the original text; each piece is
escaped on its own, so a query or an article title can never add markup of its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from console.core.kb.markdown import clean_text

__all__ = ["MARK_CLOSE", "MARK_OPEN", "marked_html"]

MARK_OPEN = '<span style="background-color:#fde68a;">'
MARK_CLOSE = "</span>"


def _merged(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to the text, sorted, overlapping ones joined; empty ones dropped."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s))
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_html(text: str, marks: Sequence[tuple[int, int]] = ()) -> str:
    """`text` as HTML with `marks` highlighted; bidi and control characters removed."""
    out: list[str] = []
    pos = 0
    for start, end in _merged(marks, len(text)):
        out.append(html.escape(clean_text(text[pos:start])))
        out.append(MARK_OPEN + html.escape(clean_text(text[start:end])) + MARK_CLOSE)
        pos = end
    out.append(html.escape(clean_text(text[pos:])))
    return "".join(out)
