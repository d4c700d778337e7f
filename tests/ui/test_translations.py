"""Every tr() message used by the UI is translated, with the same {placeholders}."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from console.ui.formatting import amount, relative_time
from console.ui.i18n import LANGUAGES, set_language, tr

ROOT = Path(__file__).resolve().parents[2]


def _used_msgids() -> set[str]:
    found = extract_from_dir(
        str(ROOT),
        [("console/ui/**.py", "python"), ("console/app.py", "python")],
        keywords={"tr": None},
    )
    return {str(message) for _file, _line, message, _comments, _context in found}


def _placeholders(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def _catalog(locale: str) -> dict[str, str]:
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    return {str(m.id): str(m.string) for m in catalog if m.id and not m.fuzzy}


def test_the_ui_uses_many_messages():
    assert len(_used_msgids()) > 100


@pytest.mark.parametrize("locale", sorted(LANGUAGES))
def test_every_message_is_translated_with_matching_placeholders(locale):
    catalog = _catalog(locale)
    problems = []
    for msgid in sorted(_used_msgids()):
        text = catalog.get(msgid, "")
        if not text.strip():
            problems.append(f"missing: {msgid!r}")
        elif _placeholders(text) != _placeholders(msgid):
            problems.append(f"placeholders differ: {msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_chinese_catalog_is_really_chinese():
    catalog = _catalog("zh_CN")
    with_han = [t for t in catalog.values() if any("\u4e00" <= ch <= "\u9fff" for ch in t)]
    assert len(with_han) > 0.8 * len(catalog) - 20


def test_tr_switches_language_and_formats():
    assert tr("Signed in as {name}", name="Mei") == "Signed in as Mei"
    set_language("zh_CN")
    assert tr("Signed in as {name}", name="Mei") == "当前登录：Mei"
    assert tr("a message nobody translated") == "a message nobody translated"
    assert set_language("xx") == "en"
    assert tr("Inbox") == "Inbox"


def test_dates_and_amounts_follow_the_locale():
    from datetime import UTC, datetime, timedelta
    from decimal import Decimal

    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert relative_time(now - timedelta(minutes=5), now) == "5 minutes ago"
    assert relative_time(now - timedelta(seconds=5), now) == "just now"
    assert amount(Decimal("12345.00012345")) == "12,345.00012345"
    set_language("zh_CN")
    assert relative_time(now - timedelta(minutes=5), now) == "5分钟前"
    assert relative_time(now - timedelta(seconds=5), now) == "刚刚"
