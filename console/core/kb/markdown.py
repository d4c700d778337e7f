"""Knowledge-base Markdown -> the small HTML subset a QTextBrowser shows, safely.

Article bodies are written by colleagues and pass through proposed revisions, so they are treated
as untrusted: every character of source text is escaped, and only the subset the content uses is
turned into markup — `#`/`##`/`###` headings, paragraphs, `1.` and `- ` lists, `**bold**`,
`` `code` `` and links to other articles, `[text](kb:slug)`. A link to any other scheme keeps
its text and loses its target, so no `javascript:` or web address ever becomes clickable.
Bidirectional overrides and control characters are removed: they could make text read
differently from what it is (a spoofed amount or address).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

__all__ = [
    "KB_LINK_SCHEME",
    "clean_text",
    "kb_link_slug",
    "markdown_to_text",
    "render_markdown",
]

KB_LINK_SCHEME = "kb"

# Bidi embeddings/overrides/isolates and marks, zero-width joiners aside (CJK and emoji use them),
# the BOM, and C0/C1 controls other than tab and newline.
_UNSAFE_CHARS = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ORDERED = re.compile(r"(\d{1,9})[.)][ \t]+(.*)$")
_BULLET = re.compile(r"[-*+][ \t]+(.*)$")
# One pass over a line: code spans first (their content is literal), then links, then bold.
_INLINE = re.compile(
    r"`(?P<code>[^`\n]+)`"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<target>[^)\s]*)\)"
    r"|\*\*(?P<bold>[^\n]+?)\*\*"
)


def clean_text(text: str) -> str:
    """`text` without bidi controls and control characters; newlines normalised to \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_CHARS.sub("", text)


def kb_link_slug(target: str) -> str | None:
    """The slug of a `kb:slug` link target, or None for anything else."""
    scheme, sep, slug = target.partition(":")
    if sep and scheme.lower() == KB_LINK_SCHEME and _SLUG.fullmatch(slug):
        return slug
    return None


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _inline(text: str, *, links: bool = True) -> str:
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(_esc(text[pos : match.start()]))
        pos = match.end()
        if match.group("code") is not None:
            out.append(f"<code>{_esc(match.group('code'))}</code>")
        elif match.group("label") is not None:
            label = _inline(match.group("label"), links=False)
            slug = kb_link_slug(match.group("target")) if links else None
            if slug is None:
                out.append(label)  # not an article link: the words stay, the target goes
            else:
                out.append(f'<a href="{KB_LINK_SCHEME}:{slug}">{label}</a>')
        else:
            out.append(f"<b>{_inline(match.group('bold'), links=links)}</b>")
    out.append(_esc(text[pos:]))
    return "".join(out)


def _inline_text(text: str) -> str:
    """The same inline syntax reduced to its words."""

    def words(match: re.Match[str]) -> str:
        for group in ("code", "label", "bold"):
            if match.group(group) is not None:
                return _inline_text(match.group(group)) if group != "code" else match.group(group)
        return match.group(0)

    return _INLINE.sub(words, text)


def _blocks(source: str) -> Iterator[tuple[str, list[str]]]:
    """("h2".."h4", [text]) / ("p", lines) / ("ol" | "ul", items), in order."""
    kind = ""
    lines: list[str] = []
    for raw in clean_text(source).split("\n"):
        line = raw.strip()
        heading = _HEADING.fullmatch(line)
        ordered = _ORDERED.fullmatch(line)
        bullet = _BULLET.fullmatch(line)
        if not line:
            if lines:
                yield kind, lines
            kind, lines = "", []
        elif heading:
            if lines:
                yield kind, lines
            level = min(len(heading.group(1)) + 1, 4)  # the article title is the only h1
            yield f"h{level}", [heading.group(2)]
            kind, lines = "", []
        elif ordered or bullet:
            new_kind = "ol" if ordered else "ul"
            item = ordered.group(2) if ordered else bullet.group(1)  # type: ignore[union-attr]
            if kind != new_kind and lines:
                yield kind, lines
                lines = []
            kind = new_kind
            lines.append(item)
        elif kind in ("ol", "ul") and raw[:1] in (" ", "\t"):
            lines[-1] = f"{lines[-1]} {line}"  # an indented line continues the list item
        else:
            if kind != "p" and lines:
                yield kind, lines
                lines = []
            kind = "p"
            lines.append(line)
    if lines:
        yield kind, lines


def render_markdown(source: str) -> str:
    """HTML for a QTextBrowser: only p, h2–h4, ol/ul/li, b, code and `kb:` anchors."""
    parts: list[str] = []
    for kind, lines in _blocks(source):
        if kind in ("ol", "ul"):
            items = "".join(f"<li>{_inline(item)}</li>" for item in lines)
            parts.append(f"<{kind}>{items}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{_inline(' '.join(lines))}</p>")
        else:
            parts.append(f"<{kind}>{_inline(lines[0])}</{kind}>")
    return "\n".join(parts)


def markdown_to_text(source: str) -> str:
    """The article as plain text (for a reply): headings and paragraphs, lists numbered or
    bulleted, inline syntax reduced to its words, links to their text."""
    parts: list[str] = []
    for kind, lines in _blocks(source):
        if kind == "ol":
            parts.append("\n".join(f"{n}. {_inline_text(t)}" for n, t in enumerate(lines, 1)))
        elif kind == "ul":
            parts.append("\n".join(f"- {_inline_text(t)}" for t in lines))
        else:
            parts.append(_inline_text(" ".join(lines)))
    return "\n\n".join(parts)
