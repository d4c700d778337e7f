"""Article Markdown -> viewer HTML: the supported subset renders, nothing else becomes markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from console.core.kb.markdown import (
    clean_text,
    kb_link_slug,
    markdown_to_text,
    render_markdown,
)

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ol", "ul", "li", "b", "code", "a"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would parse the output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def assert_only_safe_markup(html: str) -> None:
    for tag, attrs in parse(html).tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> in {html!r}"
        if tag == "a":
            assert set(attrs) == {"href"}
            assert re.fullmatch(r"kb:[a-z0-9-]+", attrs["href"] or "")
        else:
            assert attrs == {}, f"<{tag}> has attributes {attrs}"


def test_the_subset_renders() -> None:
    source = (
        "## Before you start\n"
        "Check the **network** and the `memo`.\n"
        "\n"
        "1. Open *Assets*.\n"
        "2. Choose [Withdraw](kb:withdrawal-delayed).\n"
        "\n"
        "- first\n"
        "- second\n"
        "### Detail\n"
        "Last line."
    )
    html = render_markdown(source)
    assert html == (
        "<h3>Before you start</h3>\n"
        "<p>Check the <b>network</b> and the <code>memo</code>.</p>\n"
        "<ol><li>Open *Assets*.</li>"
        '<li>Choose <a href="kb:withdrawal-delayed">Withdraw</a>.</li></ol>\n'
        "<ul><li>first</li><li>second</li></ul>\n"
        "<h4>Detail</h4>\n"
        "<p>Last line.</p>"
    )
    assert_only_safe_markup(html)


def test_paragraph_lines_join_and_blank_lines_split() -> None:
    html = render_markdown("one\ntwo\n\nthree")
    assert html == "<p>one two</p>\n<p>three</p>"


def test_indented_line_continues_a_list_item() -> None:
    assert render_markdown("- a\n  still a\n- b") == "<ul><li>a still a</li><li>b</li></ul>"


def test_ordered_and_bullet_lists_next_to_each_other_stay_apart() -> None:
    assert render_markdown("1. one\n- dot") == "<ol><li>one</li></ol>\n<ul><li>dot</li></ul>"


def test_cjk_text_renders_unchanged() -> None:
    html = render_markdown("## 提币未到账\n请检查**网络**与`标签`。")
    assert html == "<h3>提币未到账</h3>\n<p>请检查<b>网络</b>与<code>标签</code>。</p>"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">click</a>',
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.example'></iframe>",
        '"><svg onload=alert(1)>',
        "**<b onclick=x>bold</b>**",
        "`<script>in code</script>`",
        "## <h1>heading</h1>",
        "- <li>item</li>",
        "[<img src=x onerror=y>](kb:withdrawal-delayed)",
        "&lt;script&gt; stays escaped too",
        "<!-- comment --> <![CDATA[x]]>",
    ],
)
def test_markup_in_the_source_is_shown_as_text(source: str) -> None:
    html = render_markdown(source)
    assert_only_safe_markup(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    # Without Markdown syntax around it, a reader sees exactly the characters of the source.
    if not any(mark in source for mark in ("**", "`", "](", "## ", "- ")):
        assert "".join(parse(html).text) == source


def test_script_tag_text_survives_escaped() -> None:
    html = render_markdown("<script>alert('x')</script>")
    assert html == "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"


def test_an_entity_in_the_source_is_not_decoded() -> None:
    html = render_markdown("&lt;b&gt;")
    assert html == "<p>&amp;lt;b&amp;gt;</p>"
    assert "".join(parse(html).text) == "&lt;b&gt;"


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "https://evil.example/phish",
        "http://lumen.example",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "kb:Bad_Slug",
        "kb:../../etc",
        "kb:",
        'kb:slug"onmouseover=x',
        "withdrawal-delayed",
        "",
    ],
)
def test_links_other_than_kb_lose_their_target(target: str) -> None:
    html = render_markdown(f"See [the guide]({target}) now.")
    assert_only_safe_markup(html)
    assert "<a" not in html
    assert "the guide" in html


def test_kb_link_keeps_only_a_clean_slug() -> None:
    assert kb_link_slug("kb:withdrawal-delayed") == "withdrawal-delayed"
    assert kb_link_slug("KB:fees-schedule") == "fees-schedule"
    assert kb_link_slug("kb:Fees") is None
    assert kb_link_slug("kbx:fees") is None
    assert kb_link_slug("https://x") is None


def test_a_link_label_cannot_nest_another_link() -> None:
    html = render_markdown("[[inner](kb:a)](kb:b)")
    assert_only_safe_markup(html)
    assert html.count("<a ") <= 1


def test_bidi_overrides_and_control_characters_are_removed() -> None:
    # "Send to 0x…RLO…" could show an address reversed; the override must go.
    spoof = "Pay \u202eTDSU 001\u202c now \u2066x\u2069\u200f\x00\x1b[31m"
    html = render_markdown(spoof)
    for char in ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\x00", "\x1b"):
        assert char not in html
    assert "TDSU 001" in html
    assert clean_text("a\r\nb\rc\u202ed") == "a\nb\ncd"


def test_zero_width_joiner_is_kept() -> None:
    # Emoji sequences and some scripts need it; it does not reorder text.
    assert "\u200d" in render_markdown("👩\u200d💻")


def test_unclosed_syntax_stays_literal() -> None:
    html = render_markdown("**not bold and `not code and [label](kb:x")
    assert html == "<p>**not bold and `not code and [label](kb:x</p>"


def test_empty_and_blank_sources_render_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown("\n\n  \n") == ""


def test_huge_input_renders_in_linear_time() -> None:
    import time

    source = ("**" * 5000 + "`" * 5000 + "[" * 5000 + "\n") * 4
    started = time.perf_counter()
    html = render_markdown(source)
    assert time.perf_counter() - started < 2.0
    assert_only_safe_markup(html)


def test_plain_text_for_a_reply() -> None:
    source = (
        "## Steps\nCheck the **network**.\n\n1. Open `Assets`\n2. See [fees](kb:fees)\n\n- a\n- b"
    )
    assert markdown_to_text(source) == (
        "Steps\n\nCheck the network.\n\n1. Open Assets\n2. See fees\n\n- a\n- b"
    )


def test_plain_text_drops_bidi_controls_and_keeps_markup_literal() -> None:
    assert markdown_to_text("<b>x</b>\u202e") == "<b>x</b>"
