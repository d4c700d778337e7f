"""Dates, relative times and amounts in the current UI language (Babel)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from decimal import Decimal

from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_decimal

from console.ui.i18n import babel_locale, tr

__all__ = ["amount", "local_tz", "number", "relative_time", "short_datetime"]


def local_tz() -> tzinfo:
    tz = datetime.now().astimezone().tzinfo
    return tz if tz is not None else UTC


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def relative_time(moment: datetime, now: datetime | None = None, *, compact: bool = False) -> str:
    """'5 minutes ago' / '5分钟前'; under a minute (or a clock slightly ahead) is 'just now'."""
    now = now or datetime.now(UTC)
    delta = _aware(moment) - now
    if abs(delta.total_seconds()) < 60:
        return tr("just now")
    width = "short" if compact else "long"  # "11 min. ago" fits a table column
    return format_timedelta(delta, add_direction=True, format=width, locale=babel_locale())


def short_datetime(moment: datetime) -> str:
    return format_datetime(_aware(moment), format="short", tzinfo=local_tz(), locale=babel_locale())


def amount(value: Decimal) -> str:
    """Crypto amounts keep every significant decimal: 0.00012345 BTC must not read as 0."""
    return format_decimal(value, locale=babel_locale(), decimal_quantization=False)


def number(value: int) -> str:
    return format_decimal(value, locale=babel_locale())
