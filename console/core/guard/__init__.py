"""Outgoing guard: what an agent sends (a ticket reply or a chat message; internal notes are
exempt) is checked before it leaves, on the client and again on the server.

    from console.core.guard import GuardFinding, check_outgoing, OFFICIAL_DOMAINS
    findings = check_outgoing(text, official_domains=OFFICIAL_DOMAINS)

Kinds: "asks_secret", "asks_password", "asks_code", "asks_remote_access" (a request, in English,
Chinese, Japanese or Korean, for a seed phrase / private key / keystore, a password, a 2FA or
verification code, or remote access; warnings about them are fine - `asks.py` gives the rules),
"link_unofficial" and "link_lookalike" (links outside the official domains and their
subdomains; look-alikes imitate them - `links.py`, `hosts.py`). Pure Python, no Qt, no I/O.
"""

from __future__ import annotations

from .check import OFFICIAL_DOMAINS, check_outgoing
from .findings import ASK_KINDS, KINDS, LINK_KINDS, GuardFinding, GuardKind

__all__ = [
    "ASK_KINDS",
    "KINDS",
    "LINK_KINDS",
    "OFFICIAL_DOMAINS",
    "GuardFinding",
    "GuardKind",
    "check_outgoing",
]
