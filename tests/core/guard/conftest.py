"""The outgoing-guard corpus: requests that must be caught and replies that must pass."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("en", "zh", "ja", "ko")


class Request(NamedTuple):
    kind: str
    text: str
    line: int


class Reply(NamedTuple):
    language: str
    section: str
    text: str
    line: int


def _lines(path: Path) -> list[tuple[int, str, str]]:
    """(line number, section, text) of every message; "\\n" in a line is a line break."""
    rows = []
    section = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            section = line.lstrip("# -").rstrip(" -")
            continue
        if line.strip():
            rows.append((number, section, line.replace("\\n", "\n")))
    return rows


def load_requests() -> list[Request]:
    requests = []
    for number, _section, line in _lines(CORPUS / "requests.txt"):
        kind, _, text = line.partition("|")
        requests.append(Request(kind.strip(), text.strip(), number))
    return requests


def load_replies() -> list[Reply]:
    return [
        Reply(language, section, text, number)
        for language in LANGUAGES
        for number, section, text in _lines(CORPUS / f"replies_{language}.txt")
    ]


@pytest.fixture(scope="session")
def requests_corpus() -> list[Request]:
    return load_requests()


@pytest.fixture(scope="session")
def replies_corpus() -> list[Reply]:
    return load_replies()
