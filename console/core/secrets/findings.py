"""What the detector reports, and how overlapping candidates are settled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["KINDS", "Candidate", "Redaction", "SecretFinding", "SecretKind", "select"]

SecretKind = Literal["mnemonic", "private_key", "wif", "extended_key", "keystore"]
KINDS: tuple[SecretKind, ...] = ("mnemonic", "private_key", "wif", "extended_key", "keystore")


@dataclass(frozen=True)
class SecretFinding:
    """A secret in a text: `text[start:end]` is the whole of it.

    `language` names the BIP39 wordlist of a mnemonic ("english", "chinese_simplified", ...) and is
    None for every other kind.
    """

    kind: SecretKind
    start: int
    end: int
    language: str | None = None


@dataclass(frozen=True)
class Redaction:
    """A text with every secret replaced by a marker; `findings` index the original text."""

    text: str
    findings: list[SecretFinding] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    """A finding before overlaps are settled; among equal spans the higher `weight` wins."""

    finding: SecretFinding
    weight: int = 0


def select(candidates: Iterable[Candidate]) -> list[SecretFinding]:
    """Non-overlapping findings in text order: longer spans first, then the higher weight."""
    ordered = sorted(
        candidates,
        key=lambda c: (c.finding.start - c.finding.end, -c.weight, c.finding.start),
    )
    chosen: list[SecretFinding] = []
    for candidate in ordered:
        found = candidate.finding
        if all(found.end <= other.start or other.end <= found.start for other in chosen):
            chosen.append(found)
    chosen.sort(key=lambda f: f.start)
    return chosen
