"""One pass over a message for every kind of secret, overlaps settled."""

from __future__ import annotations

from .chinese import chinese_candidates
from .findings import SecretFinding, select
from .keys import key_candidates
from .keystore import keystore_candidates
from .phrases import phrase_candidates

__all__ = ["detect_secrets"]


def detect_secrets(text: str) -> list[SecretFinding]:
    """Every secret in `text`, in text order, never overlapping; positions index `text`."""
    if not text:
        return []
    candidates = [*phrase_candidates(text), *chinese_candidates(text), *keystore_candidates(text)]
    # Keys last: their context rule reads past the other secrets (as it does past markers).
    candidates += key_candidates(text, [(c.finding.start, c.finding.end) for c in candidates])
    return select(candidates) if candidates else []


def prepare_detector() -> None:
    """Build the wordlist tables now (a fifth of a second, more on a busy machine) rather than
    inside the first customer message that arrives: call it on a worker thread at start-up."""
    from .wordlists import chinese_wordlists, phrase_masks_ascii

    phrase_masks_ascii()
    chinese_wordlists()
