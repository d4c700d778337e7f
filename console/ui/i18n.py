"""The one way user-visible text is translated: `tr("Reply to {name}", name=...)`.

Catalogs are the Babel .po files under translations/, read at run time (nothing compiled is
committed). Switching language takes effect on the next `tr()` call; views re-read their labels
in `retranslate()`, which the shell calls right after `set_language()`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from console.core.data_files import translations_dir
from console.ui.po_reader import UnsupportedCatalog, read_messages

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "babel_locale",
    "language",
    "language_for_system_locale",
    "set_language",
    "tr",
]

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
# Language code -> its own name (shown in that language, so anyone can find theirs).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

_current = DEFAULT_LANGUAGE
_messages: dict[str, str] = {}
_cache: dict[str, dict[str, str]] = {}
_locales: dict[str, Locale] = {}


def _load(code: str) -> dict[str, str]:
    if code in _cache:
        return _cache[code]
    path = translations_dir() / code / "LC_MESSAGES" / "messages.po"
    try:
        text = path.read_text("utf-8")
    except OSError:
        log.warning("no catalog for %s at %s; showing source text", code, path)
        messages: dict[str, str] = {}
    else:
        try:
            messages = read_messages(text)
        except UnsupportedCatalog:
            messages = read_with_babel(text, code)
    _cache[code] = messages
    return messages


def read_with_babel(text: str, code: str) -> dict[str, str]:
    """The catalog's usable messages as Babel reads them (any .po feature)."""
    from io import StringIO

    from babel.messages.pofile import read_po

    messages: dict[str, str] = {}
    for message in read_po(StringIO(text), locale=code):
        msgid, translated = message.id, message.string
        usable = isinstance(msgid, str) and isinstance(translated, str) and not message.fuzzy
        if usable and msgid and translated:
            messages[msgid] = translated
    return messages


def set_language(code: str) -> str:
    """Switch the UI language; unknown codes fall back to English. Returns the code in use."""
    global _current, _messages
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    _messages = _load(code)
    _current = code
    return code


def language() -> str:
    return _current


def babel_locale() -> Locale:
    locale = _locales.get(_current)
    if locale is None:
        from babel import Locale  # loaded with the first date or number shown

        locale = _locales[_current] = Locale.parse(_current)
    return locale


def language_for_system_locale(name: str) -> str:
    """Pick a supported language for a system locale name such as "zh_CN.UTF-8" or "en_US"."""
    lowered = name.lower()
    if lowered.startswith("zh"):
        return "zh_CN"
    return DEFAULT_LANGUAGE


def tr(msgid: str, /, **kwargs: object) -> str:
    text = _messages.get(msgid, msgid)
    if not kwargs:
        return text
    try:
        return text.format(**kwargs)
    except (KeyError, IndexError, ValueError):
        # A broken translation must never hide the information: fall back to the source text.
        log.warning("translation of %r does not fit its placeholders", msgid)
        return msgid.format(**kwargs)
