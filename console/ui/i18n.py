"""The one way user-visible text is translated: `tr("Reply to {name}", name=...)`.

Catalogs are the Babel .po files under translations/, read at run time (nothing compiled is
committed). Switching language takes effect on the next `tr()` call; views re-read their labels
in `retranslate()`, which the shell calls right after `set_language()`.
"""

from __future__ import annotations

import logging

from babel import Locale
from babel.messages.pofile import read_po

from console.ui.paths import translations_dir

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


def _load(code: str) -> dict[str, str]:
    if code in _cache:
        return _cache[code]
    path = translations_dir() / code / "LC_MESSAGES" / "messages.po"
    messages: dict[str, str] = {}
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=code)
    except OSError:
        log.warning("no catalog for %s at %s; showing source text", code, path)
    else:
        for message in catalog:
            msgid, text = message.id, message.string
            usable = isinstance(msgid, str) and isinstance(text, str) and not message.fuzzy
            if usable and msgid and text:
                messages[msgid] = text
    _cache[code] = messages
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
    return Locale.parse(_current)


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
