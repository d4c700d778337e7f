"""The text the knowledge views build: highlighted results, what goes into a reply, the diff."""

from __future__ import annotations

from html.parser import HTMLParser

from kb_fixtures import article, locale, revision

from console.api.schemas_kb import KbLocale
from console.ui.kb.article_text import (
    copy_link_text,
    reply_language,
    reply_link,
    reply_snippet,
)
from console.ui.kb.highlight import MARK_CLOSE, MARK_OPEN, marked_html
from console.ui.kb.review_diff import diff_html, revision_diff


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def parsed(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def test_marks_wrap_the_spans_and_everything_is_escaped() -> None:
    title = "<b>提币</b> & withdraw"
    html = marked_html(title, [(3, 5), (12, 20)])
    assert html == (
        f"&lt;b&gt;{MARK_OPEN}提币{MARK_CLOSE}&lt;/b&gt; &amp; {MARK_OPEN}withdraw{MARK_CLOSE}"
    )
    assert parsed(html).tags == ["span", "span"]
    assert parsed(html).text == title


def test_marks_out_of_range_overlapping_or_empty_are_tamed() -> None:
    html = marked_html("abcdef", [(4, 99), (-3, 1), (2, 2), (0, 2), (1, 3)])
    assert html == f"{MARK_OPEN}abc{MARK_CLOSE}d{MARK_OPEN}ef{MARK_CLOSE}"


def test_search_input_with_markup_cannot_add_tags() -> None:
    query = "<img src=x onerror=alert(1)><script>x</script>"
    html = marked_html(query, [(0, len(query))])
    assert parsed(html).tags == ["span"]
    assert parsed(html).text == query


def test_bidi_override_in_a_title_is_dropped() -> None:
    assert "\u202e" not in marked_html("abc\u202edef", [(2, 5)])


def test_reply_language_prefers_the_customer_then_en_then_zh() -> None:
    locales = {"zh": 1, "en": 2, "ja": 3}
    assert reply_language(locales, "ja") == "ja"
    assert reply_language(locales, "zh_CN") == "zh"
    assert reply_language(locales, "ko") == "en"
    assert reply_language({"zh": 1}, "ko") == "zh"
    assert reply_language(locales, None) == "en"


def test_reply_texts_are_in_the_customer_language() -> None:
    a = article(3, "withdrawal-delayed")
    assert reply_snippet(a, "zh") == "中文摘要。"
    assert reply_snippet(a, "ko") == "English summary."
    assert reply_link(a, "zh") == "提币文章 3: https://lumen.example/help/zh/withdrawal-delayed"
    assert copy_link_text(a, "en") == "Withdrawal article 3\nkb:withdrawal-delayed"


def test_snippet_falls_back_to_the_body_as_text() -> None:
    a = article(
        3,
        "x",
        locales={
            "zh": locale("标题"),
            "en": KbLocale(title="T", summary="", body="## Steps\n1. **Open** [fees](kb:fees)"),
        },
    )
    assert reply_snippet(a, "en") == "Steps\n\n1. Open fees"


def test_diff_shows_only_changed_fields_escaped() -> None:
    current = article(5, "a")
    locales = dict(current.locales)
    locales["en"] = KbLocale(
        title=current.locales["en"].title,
        summary="New <script>summary</script>.",
        body=current.locales["en"].body,
    )
    locales["ja"] = KbLocale(title="出金", summary="概要", body="本文")
    rev = revision(9, current, locales=locales, tags=["withdrawal", "delay"])
    diffs = revision_diff(current, rev)
    names = [d.name for d in diffs]
    assert names == ["en summary", "ja title", "ja summary", "ja body", "tags"]
    en = diffs[0].lines
    assert "-English summary." in en and "+New <script>summary</script>." in en
    html = diff_html(diffs, no_changes="none")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert set(parsed(html).tags) <= {"h4", "p", "span", "br"}


def test_no_changes_and_a_new_article() -> None:
    current = article(5, "a")
    assert revision_diff(current, revision(1, current)) == []
    assert diff_html([], no_changes="No <changes>") == "<p>No &lt;changes&gt;</p>"
    everything = revision_diff(None, revision(1, current))
    assert {d.name for d in everything} >= {"zh title", "en body", "tags", "category"}
