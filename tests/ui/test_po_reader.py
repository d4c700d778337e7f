"""The start-up .po reader gives what Babel gives, and leaves what it does not know to Babel."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.ui.i18n import LANGUAGES, read_with_babel
from console.ui.po_reader import UnsupportedCatalog, read_messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_shipped_catalogs_read_the_same_as_with_babel(code: str) -> None:
    text = (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    messages = read_messages(text)
    assert len(messages) > 100
    assert messages == read_with_babel(text, code)


SAMPLE = r"""# header
#, fuzzy
msgid ""
msgstr ""
"Language: zh_CN\n"

#: a.py:1
msgid "Plain"
msgstr "平"

#, python-brace-format
msgid ""
"Two {n} "
"lines"
msgstr "两行 {n}\t\"引号\" \\ 反斜杠\n"

#, fuzzy, python-brace-format
msgid "Guessed"
msgstr "猜的"

msgid "Untranslated"
msgstr ""
msgid "Right after"
msgstr "紧接着"
"""


def test_entries_flags_and_escapes_like_babel() -> None:
    assert read_messages(SAMPLE) == read_with_babel(SAMPLE, "zh_CN")
    assert read_messages(SAMPLE) == {
        "Plain": "平",
        "Two {n} lines": '两行 {n}\t"引号" \\ 反斜杠\n',
        "Right after": "紧接着",
    }


@pytest.mark.parametrize(
    "text",
    [
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "打开"\n',
        'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "文件"\n',
        '#~ msgid "Old"\n#~ msgstr "旧"\n',
        'msgid "a\\q"\nmsgstr "b"\n',
    ],
)
def test_other_features_are_left_to_babel(text: str) -> None:
    with pytest.raises(UnsupportedCatalog):
        read_messages(text)
