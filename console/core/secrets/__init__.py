"""Secrets customers paste into support messages: seed phrases, private keys, keystores.

Shared by the server (customer messages are redacted before they are stored) and the client (a
second line of defence). Pure Python: no Qt, no I/O but reading the BIP39 wordlists the
`mnemonic` package ships, once, on first use.

    findings = detect_secrets(text)  # [SecretFinding(kind, start, end, language)], text order
    result = redact_secrets(text)    # Redaction(text with "[secret redacted: KIND]", findings)

The rules in short (each module's docstring gives the details and the reasons):

- Mnemonics (`phrases.py`, `chinese.py`): 12 or more words of one BIP39 list in a row with only
  separators between them (spaces, ideographic spaces, commas, new lines, tabs, list numbers);
  any count from 12 up, not only 12/15/18/21/24 (a word added or dropped, two phrases in a
  row); any letter case, accents or not, checksum valid or not; one typo per 12 words. Chinese
  characters count when each stands apart; written together only when alone on their line(s)
  (or after a label such as "助记词："), exactly 12/15/18/21/24 of them, with a valid checksum,
  not reading as prose.
- Private keys (`keys.py`, `context.py`): 64 hex digits are a key only when a key word ("private
  key", "私钥", "秘密鍵", "개인키"...) is nearer than a transaction word; a bare one is taken for a
  transaction hash and left alone. WIF keys (valid checksum, or a key word near), extended
  private keys (xprv, yprv, zprv, tprv...), Solana secret keys; keystore JSON (`keystore.py`).
- Not secrets: transaction hashes, addresses, extended public keys (xpub...), ordinary text.
"""

from __future__ import annotations

from .detector import detect_secrets, prepare_detector
from .findings import KINDS, Redaction, SecretFinding, SecretKind
from .redact import marker, redact_secrets

__all__ = [
    "KINDS",
    "Redaction",
    "SecretFinding",
    "SecretKind",
    "detect_secrets",
    "marker",
    "prepare_detector",
    "redact_secrets",
]
