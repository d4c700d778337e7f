"""Timestamps are stored as integer microseconds since the Unix epoch, UTC: exact, compact, and
ordered the same way as the instants they stand for, which the sort indexes rely on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_NAIVE_EPOCH = datetime(1970, 1, 1)


def to_micros(value: datetime) -> int:
    offset = value.utcoffset()
    # The wire format is UTC; a naive value can only mean UTC.
    naive = value.replace(tzinfo=None) - offset if offset else value.replace(tzinfo=None)
    delta = naive - _NAIVE_EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


def now_micros() -> int:
    return to_micros(datetime.now(UTC))
