"""Whatever a customer writes, the ticket and chat bubbles show it as plain text: no crash, no
markup interpreted, no link, no remote image, the characters kept (hypothesis)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.store.records import ChatLocalMessage, LocalMessage
from console.ui.chat.chat_bubble import ChatBubble
from console.ui.ticket.message_bubble import MessageBubble

PIECES = [
    "<b>bold</b>",
    "<img src=https://evil.example/x.png>",
    '<a href="javascript:alert(1)">click</a>',
    "<script>alert(1)</script>",
    "<style>*{display:none}</style>",
    "&lt;&amp;&#x202e;",
    "[link](https://evil.example)",
    "**md** _it_",
    "https://lumen.example/help",
    "\u202egnp.exe",
    "\u200b\u200d\ufeff",
    "提币没到账",
    "出金が反映されません",
    "출금이 안 돼요",
    "0x" + "ab" * 32,
    "\t",
    "\n",
    "   ",
    "😀👍🏽",
]
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=15).map("".join),
)
# Tags Qt itself writes around plain text; anything else would mean markup was interpreted.
QT_TAGS = {"!doctype", "html", "head", "meta", "style", "body", "p", "br", "span"}
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _ticket_bubble(body: str) -> MessageBubble:
    message = LocalMessage(
        id=1, ticket_id=1, kind="customer", body=body, author_name="<i>Customer</i>",
        client_id=None, created_at=NOW, state="sent",
    )  # fmt: skip
    return MessageBubble(message, own=False)


def _chat_bubble(body: str) -> ChatBubble:
    message = ChatLocalMessage(
        id=1, conversation_id=1, seq=1, sender="customer", agent_id=None,
        author_name="<i>Customer</i>", body=body, client_id="c", created_at=NOW, state="sent",
    )  # fmt: skip
    return ChatBubble(message)


def _shown(text: str) -> str:
    # QTextDocument keeps paragraphs apart with U+2029 and breaks lines inside one with U+2028
    # (kept as typed, or made from a newline): both are a new line on screen.
    return text.replace("\u2029", "\n").replace("\u2028", "\n")


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=TEXTS)
def test_any_text_is_shown_as_written_and_never_as_markup(qtbot, body: str) -> None:
    for bubble in (_ticket_bubble(body), _chat_bubble(body)):
        qtbot.addWidget(bubble)
        view = bubble.body
        assert not view.acceptRichText()
        raw = view.document().toRawText()
        assert _shown(raw) == body.replace("\r\n", "\n").replace("\r", "\n").replace(
            "\u2028", "\n"
        ).replace("\u2029", "\n")
        html = view.document().toHtml()
        tags = {t.lower() for t in re.findall(r"<\s*([!a-zA-Z][\w-]*)", html)}
        assert tags <= QT_TAGS, tags
        assert not re.search(r"<[^>]*\bhref\s*=", html, re.I)  # no link, whatever its tag
        assert bubble.author.textFormat().name == "PlainText"
