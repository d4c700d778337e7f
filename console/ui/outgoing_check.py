"""The outgoing guard in the composers: a reply or chat message that asks the customer for a
seed phrase, key, password, verification code or remote access, or links outside the official
domains, is not sent; the agent is told why, in their language, quoting what was found."""

from __future__ import annotations

from console.core.guard import GuardFinding, check_outgoing
from console.ui.i18n import tr

__all__ = ["outgoing_problems"]


def outgoing_problems(text: str) -> str | None:
    """Why `text` must not go to a customer (one line a problem), or None when it may."""
    findings = check_outgoing(text)
    if not findings:
        return None
    lines = [_sentence(finding, text[finding.start : finding.end]) for finding in findings]
    return "\n".join(dict.fromkeys(lines))


def _sentence(finding: GuardFinding, quote: str) -> str:
    if finding.kind == "asks_secret":
        return tr(
            "Not sent: “{quote}” asks for a seed phrase or private key. Support never asks "
            "for them.",
            quote=quote,
        )
    if finding.kind == "asks_password":
        return tr(
            "Not sent: “{quote}” asks for a password. Support never asks for it.", quote=quote
        )
    if finding.kind == "asks_code":
        return tr(
            "Not sent: “{quote}” asks for a 2FA or verification code. Support never asks for it.",
            quote=quote,
        )
    if finding.kind == "asks_remote_access":
        return tr(
            "Not sent: “{quote}” asks for remote access to the customer's device.", quote=quote
        )
    if finding.kind == "link_lookalike":
        return tr("Not sent: {quote} imitates an official Lumen address.", quote=quote)
    return tr("Not sent: {quote} is not an official Lumen address.", quote=quote)
