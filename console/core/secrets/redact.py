"""Replacing secrets with a marker that names their kind."""

from __future__ import annotations

from .detector import detect_secrets
from .findings import Redaction, SecretKind

__all__ = ["marker", "redact_secrets"]


def marker(kind: SecretKind) -> str:
    """What stands in a redacted text where a secret of `kind` was."""
    return f"[secret redacted: {kind}]"


def redact_secrets(text: str) -> Redaction:
    """`text` with every secret replaced by its marker; the findings index the original text."""
    findings = detect_secrets(text)
    if not findings:
        return Redaction(text=text, findings=[])
    parts: list[str] = []
    position = 0
    for finding in findings:
        parts.append(text[position : finding.start])
        parts.append(marker(finding.kind))
        position = finding.end
    parts.append(text[position:])
    return Redaction(text="".join(parts), findings=findings)
