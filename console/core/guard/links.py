"""Links in an outgoing message: found, their hosts normalised, judged against the official
domains.

Three shapes count as links:

- a URL with a scheme (http, https, ftp) or starting "www.", whatever its ending; the host is
  taken from the authority, after any "user@" (so "https://lumen.example@evil.com" goes to
  evil.com) and without the port;
- a bare domain ("lumen-support.com", "help.lumen.example/path") under a known top-level domain,
  not glued to a sentence ("done.It" is no link) and not a file name ("main.py");
- an e-mail address (outside a link): naming one is fine (a customer's own gmail address), so
  its domain is only reported when it imitates an official domain ("support@lumen-help.com").

Links to an official domain or its subdomains pass; every other link is `link_unofficial`, or
`link_lookalike` when its host imitates an official one (see `hosts.py`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .findings import GuardKind
from .hosts import Host, Officials, normalise_host, skeleton
from .tlds import BARE_TLDS, FUNCTION_WORD_TLDS

__all__ = ["Link", "find_links"]

# Letters a host label may be written with: Latin (with accents), Greek, Cyrillic.
_LC = r"a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u052f"
_LABEL = rf"[{_LC}](?:[{_LC}\-]{{0,62}})"
# Characters that end a URL: spaces, brackets and quotes that never belong to one, CJK text and
# CJK punctuation (so "请访问https://lumen.example/help了解" stops before 了).
_URL_END = (
    r"\s<>\"`{}|\\^\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
# No look-behind in front (it would make `re` stop at every position); `find_links` checks the
# character before a match instead.
_URL = re.compile(
    rf"(?:https?://|ftp://|www\.)"
    # A host in Chinese, Japanese or Korean ("https://例子.中国/") when the scheme says it is one.
    rf"(?:(?:[^\x00-\x7f\s。，、]+\.)+[^\x00-\x7f\s。，、/]+(?=[/?#:]|\s|$))?"
    rf"[^{_URL_END}]*"
)
# All patterns run on the lower-cased text without IGNORECASE: case-blind literals would stop `re`
# from skipping ahead to the first character.
_EMAIL_DOMAIN = re.compile(rf"@(?P<host>(?:{_LABEL}\.)+{_LABEL})")
_EMAIL_LOCAL = re.compile(r"[a-z0-9._%+\-]+$")
_BARE = re.compile(
    rf"(?P<host>(?:{_LABEL}\.)+{_LABEL})(?![{_LC}_@\-]|\.[{_LC}])"
    rf"(?P<port>:\d{{1,5}}(?!\d))?(?P<path>[/?#][^{_URL_END}]*)?"
)
# A dot between two label characters: where a bare domain may be. Its name starts after the last
# character before it that cannot be part of one.
_DOT = re.compile(
    r"\.(?<=[a-z0-9\u00c0-\u024f\u0370-\u052f\-]\.)(?=[a-z\u00c0-\u024f\u0370-\u052f])"
)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _is_name_char(char: str) -> bool:
    return char in _NAME_CHARS or "\u00c0" <= char <= "\u024f" or "\u0370" <= char <= "\u052f"


_NOT_BEFORE_URL = re.compile(r"[\w.\-]")
_NOT_BEFORE_NAME = re.compile(r"[@/\\:_]")
_TRAILING = ".,;:!?'\")]}>»"
_SCHEME = re.compile(r"^(?:[a-z]+://)?", re.IGNORECASE)
_PATH_START = re.compile(r"[/?#]")


class Link(NamedTuple):
    """A link in the text, `text[start:end]`, with its verdict (None: official, fine)."""

    start: int
    end: int
    host: str
    kind: GuardKind | None
    detail: str


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _authority(url: str) -> tuple[str, str]:
    """(userinfo, host) of a URL or "www." link."""
    rest = url[_SCHEME.match(url).end() :]  # type: ignore[union-attr]
    authority = _PATH_START.split(rest, maxsplit=1)[0]
    userinfo, _, hostport = authority.rpartition("@")
    if hostport.startswith("["):  # IPv6 literal
        return userinfo, hostport.split("]", 1)[0] + "]"
    return userinfo, hostport.split(":", 1)[0]


@lru_cache(maxsize=4096)
def _bare_verdict(
    raw: str, bare: bool, officials: Officials
) -> tuple[str, GuardKind | None, str] | None:
    """(host, kind, detail) of a bare domain written `raw` ("done.It" keeps its capital);
    `bare`: without a port or path. None when it is no link."""
    labels = raw.split(".")
    tld = labels[-1]
    lowered_tld = tld.lower()
    known = lowered_tld in BARE_TLDS or lowered_tld.startswith("xn--")
    if not known and (lowered_tld.isascii() or skeleton(tld) not in BARE_TLDS):
        return None  # a homoglyph ending ("lumen.exаmple") counts as the ending it imitates
    host = normalise_host(raw)
    if host is None:
        return None
    brand = officials.is_official(host) or officials.imitation(host) is not None
    if not brand and len(labels) == 2:
        if tld[0].isupper() and tld[1:].islower():
            return None  # "done.It says": a sentence without its space
        if bare and (lowered_tld in FUNCTION_WORD_TLDS or labels[0].isdigit()):
            return None
    kind, detail = _judge(host, officials)
    return host.display, kind, detail


@lru_cache(maxsize=4096)
def _url_verdict(raw: str, officials: Officials) -> tuple[int, str, GuardKind | None, str] | None:
    """(length after trimming, host, kind, detail) of a URL as matched; None: no host."""
    url = _trim(raw)
    userinfo, raw_host = _authority(url)
    host = normalise_host(raw_host)
    if host is None or not url:
        return None
    kind, detail = _judge(host, officials, userinfo)
    return len(url), host.display, kind, detail


@lru_cache(maxsize=2048)
def _judge(host: Host, officials: Officials, userinfo: str = "") -> tuple[GuardKind | None, str]:
    shown = host.display if host.display == host.ascii else f"{host.display} ({host.ascii})"
    imitation = officials.userinfo_imitation(userinfo) if userinfo else None
    if imitation is None:
        if officials.is_official(host):
            return None, ""
        imitation = officials.imitation(host)
    if imitation is not None:
        official, why = imitation
        if official:
            return "link_lookalike", f"{shown} imitates {official}: {why}"
        return "link_lookalike", f"{shown} looks disguised: {why}"
    allowed = ", ".join(officials.domains) or "none configured"
    return "link_unofficial", f"link to {shown}, which is not an official domain ({allowed})"


def find_links(text: str, lowered: str, officials: Officials) -> list[Link]:
    """Every URL, bare domain and e-mail address in `text`, in order, each judged once;
    `lowered` is `text` in lower case, character for character."""
    links: list[Link] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    if "://" in lowered or "www." in lowered:
        for match in _URL.finditer(lowered):
            if match.start() and _NOT_BEFORE_URL.match(lowered, match.start() - 1):
                continue
            verdict = _url_verdict(text[match.start() : match.end()], officials)
            if verdict is None:
                continue
            length, shown, kind, detail = verdict
            end = match.start() + length
            links.append(Link(match.start(), end, shown, kind, detail))
            taken.append((match.start(), end))
    scan = lowered
    if taken:  # dots inside a URL are no bare domains: blank the URLs out
        parts, position = [], 0
        for start, end in taken:
            parts += [lowered[position:start], " " * (end - start)]
            position = end
        scan = "".join([*parts, lowered[position:]])
    resume = 0
    for dot in _DOT.finditer(scan):
        position = dot.start()
        if position < resume:
            continue
        start = position
        floor = max(resume, start - 253)
        while start > floor and _is_name_char(scan[start - 1]):
            start -= 1
        while start < position and scan[start] in ".-":
            start += 1
        name = _BARE.match(scan, start)
        if name is None:
            continue
        resume = name.end()
        if start and _NOT_BEFORE_NAME.match(scan, start - 1):
            continue
        end = start + len(_trim(name.group()))
        bare = not name.group("path") and not name.group("port")
        judged = _bare_verdict(text[start : name.end("host")], bare, officials)
        if judged is None:
            continue
        links.append(Link(start, end, *judged))
        taken.append((start, end))
    if "@" in lowered:
        for match in _EMAIL_DOMAIN.finditer(lowered):
            local = _EMAIL_LOCAL.search(lowered, max(0, match.start() - 64), match.start())
            if local is None:
                continue
            span = (local.start(), match.end())
            if not free(*span):
                continue
            taken.append(span)
            host = normalise_host(match.group("host"))
            if host is None:
                continue
            kind, detail = _judge(host, officials)
            if kind == "link_unofficial":  # an ordinary address, e.g. the customer's own
                kind, detail = None, ""
            elif kind == "link_lookalike":
                detail = "e-mail address at " + detail
            links.append(Link(span[0], span[1], host.display, kind, detail))
    links.sort(key=lambda link: link.start)
    return links
