"""Base58 and Base58Check (Bitcoin's alphabet), just enough to recognise keys."""

from __future__ import annotations

import hashlib

__all__ = ["ALPHABET", "b58check_decode", "b58decode"]

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}


def b58decode(text: str) -> bytes | None:
    """The bytes `text` encodes, or None when it holds a character outside the alphabet."""
    number = 0
    for char in text:
        value = _VALUES.get(char)
        if value is None:
            return None
        number = number * 58 + value
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * zeros + body


def b58check_decode(text: str) -> bytes | None:
    """The payload of a Base58Check string whose checksum holds, else None."""
    raw = b58decode(text)
    if raw is None or len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload
