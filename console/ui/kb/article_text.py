"""What an article puts on the clipboard and into a reply, in the customer's language.

The reply gets the locale the customer reads (the ticket's language) when the article has it,
else English, else Chinese — every article has those two. A link for a customer points at the
public help centre; the `kb:` link (for colleagues) is what "Copy link" adds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from console.core.kb.markdown import KB_LINK_SCHEME, clean_text, markdown_to_text

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut, KbLocale

__all__ = [
    "HELP_CENTRE_URL",
    "article_title",
    "base_language",
    "copy_link_text",
    "kb_link",
    "reply_language",
    "reply_link",
    "reply_snippet",
]

# The demo exchange's public help centre (the content's official domain is lumen.example).
HELP_CENTRE_URL = "https://lumen.example/help"
_FALLBACK = ("en", "zh")


def base_language(code: str | None) -> str:
    """ "zh_CN" / "zh-Hans" -> "zh"; None -> ""."""
    return (code or "").replace("-", "_").split("_", 1)[0].lower()


def reply_language(locales: Mapping[str, object], customer_language: str | None) -> str:
    """The locale to answer in: the customer's if written, else en, else zh, else any."""
    for code in (base_language(customer_language), *_FALLBACK):
        if code and code in locales:
            return code
    return next(iter(locales), "")


def _locale(article: KbArticleOut, lang: str) -> KbLocale:
    return article.locales[reply_language(article.locales, lang)]


def article_title(article: KbArticleOut, lang: str) -> str:
    return clean_text(_locale(article, lang).title)


def kb_link(article: KbArticleOut) -> str:
    return f"{KB_LINK_SCHEME}:{article.slug}"


def copy_link_text(article: KbArticleOut, lang: str) -> str:
    """For colleagues (notes, chat): a readable title line and the `kb:` link."""
    return f"{clean_text(_locale(article, lang).title)}\n{kb_link(article)}"


def reply_snippet(article: KbArticleOut, lang: str) -> str:
    """The summary (it answers the question on its own); the body as text if there is none."""
    locale = _locale(article, lang)
    text = locale.summary.strip() or markdown_to_text(locale.body)
    return clean_text(text)


def reply_link(article: KbArticleOut, lang: str) -> str:
    """The title and the public address of the article in that language."""
    code = reply_language(article.locales, lang)
    title = clean_text(article.locales[code].title)
    return f"{title}: {HELP_CENTRE_URL}/{code}/{article.slug}"
