"""The server's notion of now: timezone-aware UTC, one place to read it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
