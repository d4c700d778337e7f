"""A quick reader for the plain .po catalogs the console ships, for the start-up path.

Babel's `read_po` handles every .po feature, and importing and running it costs a few tens of
milliseconds before the first window can paint. The shipped catalogs use only simple entries
(msgid, msgstr, flags and comments); a catalog with anything else (contexts, plurals) is
refused here and read with Babel instead. A test holds both readers to the same result.
"""

from __future__ import annotations

import re

__all__ = ["UnsupportedCatalog", "read_messages"]

_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class UnsupportedCatalog(ValueError):
    """The catalog uses a feature this reader leaves to Babel."""


def _unquote(token: str) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise UnsupportedCatalog(f"not a quoted string: {token!r}")

    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char not in _ESCAPES:
            raise UnsupportedCatalog(f"escape \\{char}")
        return _ESCAPES[char]

    return _ESCAPE.sub(replace, token[1:-1])


def read_messages(text: str) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy entries (the header excluded)."""
    messages: dict[str, str] = {}
    msgid: list[str] = []
    msgstr: list[str] = []
    fuzzy = False
    target: list[str] | None = None

    def finish() -> None:
        source, translated = "".join(msgid), "".join(msgstr)
        if source and translated and not fuzzy:
            messages[source] = translated

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            raise UnsupportedCatalog("obsolete entries")
        if line.startswith("#"):
            if target is msgstr:  # a comment opens the next entry
                finish()
                msgid, msgstr, fuzzy, target = [], [], False, None
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("msgid "):
            if target is msgid:
                raise UnsupportedCatalog("msgid without msgstr")
            if target is msgstr:  # the next entry, with no comment or flag lines of its own
                finish()
                msgid, msgstr, fuzzy = [], [], False
            target = msgid
            msgid.append(_unquote(line[6:]))
        elif line.startswith("msgstr "):
            if target is not msgid:
                raise UnsupportedCatalog("msgstr without msgid")
            target = msgstr
            msgstr.append(_unquote(line[7:]))
        elif line.startswith('"'):
            if target is None:
                raise UnsupportedCatalog("string outside an entry")
            target.append(_unquote(line))
        else:
            raise UnsupportedCatalog(line.split(None, 1)[0])
    if target is msgstr:
        finish()
    return messages
