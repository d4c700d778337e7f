"""Canned answers (macros): pick the body for the ticket's language and fill in its variables.

Pure text work shared by the composer and the bulk action. Placeholders are `{name}`; only the
known names are replaced, in one pass, so an unknown placeholder stays visible for the agent to
fix and a customer name that itself contains braces is inserted as written, never expanded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["MACRO_VARIABLES", "macro_body", "macro_text", "render_macro"]

MACRO_VARIABLES: tuple[str, ...] = ("customer_name", "uid", "ticket_id", "agent_name")

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Tried in order when the ticket's language has no body of its own.
_FALLBACK_LANGUAGES = ("en", "zh")


def _base_language(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


def macro_body(bodies: Mapping[str, str], language: str) -> str:
    """The body written for `language` ("zh_CN" finds "zh"), else English, else any."""
    if not bodies:
        return ""
    wanted = [language, _base_language(language), *_FALLBACK_LANGUAGES]
    by_base = {_base_language(code): text for code, text in bodies.items()}
    for code in wanted:
        if code in bodies:
            return bodies[code]
        if code in by_base:
            return by_base[code]
    return next(iter(bodies.values()))


def render_macro(body: str, values: Mapping[str, str]) -> str:
    """Replace each `{name}` whose name is in `values`; leave every other brace untouched."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    return _PLACEHOLDER.sub(substitute, body)


def macro_text(
    bodies: Mapping[str, str],
    language: str,
    *,
    customer_name: str,
    uid: str,
    ticket_id: int,
    agent_name: str,
) -> str:
    """The macro as the customer of this ticket will read it."""
    values = {
        "customer_name": customer_name,
        "uid": uid,
        "ticket_id": str(ticket_id),
        "agent_name": agent_name,
    }
    return render_macro(macro_body(bodies, language), values)
