"""`check_outgoing`: everything an agent's reply or chat message must not say, in one pass."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .asks import find_requests
from .findings import GuardFinding, GuardKind
from .hosts import Officials
from .links import find_links

__all__ = ["OFFICIAL_DOMAINS", "check_outgoing"]

# The demo exchange "Lumen"; help articles live at https://lumen.example/help/<lang>/<slug>.
OFFICIAL_DOMAINS: frozenset[str] = frozenset({"lumen.example"})

_LABELS: dict[GuardKind, str] = {
    "asks_secret": "asks the customer for a seed phrase, private key or keystore",
    "asks_password": "asks the customer for a password",
    "asks_code": "asks the customer for a 2FA / verification code",
    "asks_remote_access": "asks the customer to allow remote access to their device",
}
_SNIPPET = 80


@lru_cache(maxsize=8)
def _officials(domains: frozenset[str]) -> Officials:
    return Officials(domains)


def _lower(text: str) -> str:
    """Lower case with every character kept in its place (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET else flat[: _SNIPPET - 1] + "…"


def _merge(findings: list[GuardFinding]) -> list[GuardFinding]:
    """One finding per kind for overlapping spans."""
    merged: list[GuardFinding] = []
    for finding in sorted(findings, key=lambda f: (f.kind, f.start, f.end)):
        last = merged[-1] if merged else None
        if last is not None and last.kind == finding.kind and finding.start < last.end:
            if finding.end > last.end:
                merged[-1] = GuardFinding(last.kind, last.start, finding.end, last.detail)
            continue
        merged.append(finding)
    return merged


def check_outgoing(
    text: str, official_domains: Iterable[str] = OFFICIAL_DOMAINS
) -> list[GuardFinding]:
    """What in `text` (a ticket reply or chat message) must not go out, in text order.

    Empty when the message is fine. `official_domains` are the exchange's own domains; their
    subdomains are official too.
    """
    if not text:
        return []
    domains = [official_domains] if isinstance(official_domains, str) else official_domains
    officials = _officials(frozenset(domains))
    lowered = _lower(text)
    links = find_links(text, lowered, officials)
    findings = [
        GuardFinding(link.kind, link.start, link.end, link.detail)
        for link in links
        if link.kind is not None
    ]
    if links:  # a link's path is no request ("/help/en/never-share-your-seed-phrase")
        parts = []
        position = 0
        for link in links:
            parts.append(lowered[position : link.start])
            parts.append(" " * (link.end - link.start))
            position = link.end
        parts.append(lowered[position:])
        lowered = "".join(parts)
    for request in find_requests(lowered):
        detail = f"{_LABELS[request.kind]}: “{_snippet(text[request.start : request.end])}”"
        findings.append(GuardFinding(request.kind, request.start, request.end, detail))
    merged = _merge(findings)
    merged.sort(key=lambda f: (f.start, f.end, f.kind))
    return merged
