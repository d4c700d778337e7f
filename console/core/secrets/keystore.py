"""Encrypted wallet files (Ethereum/TRON keystore JSON) pasted into a message.

A keystore is a JSON object whose "crypto" (older files: "Crypto") holds "ciphertext" together
with "kdf"/"kdfparams", "cipherparams" or "mac". With the password (often the one the customer
uses everywhere) it is the key, so the whole object goes: from its opening brace to the brace that
closes it, or to the end of the message when the paste was cut short. Without any brace (fields
copied one by one) the lines holding the fields go.
"""

from __future__ import annotations

import re

from .findings import Candidate, SecretFinding

__all__ = ["keystore_candidates"]

_CIPHERTEXT = re.compile(r"[\"']?ciphertext[\"']?\s*[:=]", re.IGNORECASE)
_COMPANION = re.compile(r"[\"']?(?:kdf|kdfparams|cipherparams|mac)[\"']?\s*[:=]", re.IGNORECASE)
_FIELD_LINE = re.compile(
    r"[\"'](?:crypto|cipher|ciphertext|cipherparams|iv|kdf|kdfparams|dklen|n|p|r|salt|mac"
    r"|address|id|version|c|prf)[\"']\s*:"
    r"|\b(?:crypto|cipher|ciphertext|cipherparams|iv|kdf|kdfparams|salt|mac)\s*[:=]"
    r"|^\s*[{}\[\]],?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def keystore_candidates(text: str) -> list[Candidate]:
    """Every keystore object (or block of keystore fields) in `text`."""
    if "iphertext" not in text and "IPHERTEXT" not in text:
        return []
    objects = _top_level_objects(text)
    candidates: list[Candidate] = []
    for match in _CIPHERTEXT.finditer(text):
        span = next((o for o in objects if o[0] <= match.start() < o[1]), None)
        if span is None:
            span = _field_lines(text, match.start())
        if _COMPANION.search(text, *span):
            finding = SecretFinding(kind="keystore", start=span[0], end=span[1])
            candidates.append(Candidate(finding))
    return candidates


def _top_level_objects(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost {...} of the text (strings respected; unclosed: to the end)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    in_string = False
    escaped = False
    for position, char in enumerate(text):
        if depth == 0:
            if char == "{":
                depth, start = 1, position
            continue
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                spans.append((start, position + 1))
    if depth > 0:
        spans.append((start, len(text)))
    return spans


def _field_lines(text: str, at: int) -> tuple[int, int]:
    """The block of consecutive lines around `at` that hold keystore fields."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, offset + len(line.rstrip("\r\n"))))
        offset += len(line)
    here = next(i for i, (s, e) in enumerate(lines) if s <= at <= e)
    first = last = here
    while first > 0 and _FIELD_LINE.search(text, *lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and _FIELD_LINE.search(text, *lines[last + 1]):
        last += 1
    return lines[first][0], lines[last][1]
