"""Macro rendering: per-language bodies, the four variables, and text that must stay as written."""

from __future__ import annotations

from console.core.macros import MACRO_VARIABLES, macro_body, macro_text, render_macro

BODIES = {
    "en": "Hello {customer_name}, ticket #{ticket_id} (UID {uid}) is with {agent_name}.",
    "zh": "{customer_name} 您好，工单 #{ticket_id}（UID {uid}）由 {agent_name} 处理。",
    "ja": "{customer_name} 様",
}


def _render(bodies=BODIES, language="en", name="Li Lei") -> str:
    return macro_text(
        bodies, language, customer_name=name, uid="U10000042", ticket_id=42, agent_name="Alice"
    )


def test_all_variables_are_filled_in_the_tickets_language():
    assert _render() == "Hello Li Lei, ticket #42 (UID U10000042) is with Alice."
    assert _render(language="zh") == "Li Lei 您好，工单 #42（UID U10000042）由 Alice 处理。"
    assert set(MACRO_VARIABLES) == {"customer_name", "uid", "ticket_id", "agent_name"}


def test_language_variants_and_fallbacks():
    assert macro_body(BODIES, "zh_CN") == BODIES["zh"]
    assert macro_body(BODIES, "ja-JP") == BODIES["ja"]
    assert macro_body(BODIES, "ko") == BODIES["en"]  # no Korean body: English
    assert macro_body({"ko": "안녕하세요"}, "fr") == "안녕하세요"  # only one body: that one
    assert macro_body({"zh_CN": "您好"}, "zh") == "您好"
    assert macro_body({}, "en") == ""


def test_unknown_placeholders_stay_visible():
    body = "Dear {customer_name}, your {order_id} and {{literal}} and {} and {1}"
    assert render_macro(body, {"customer_name": "Bo"}) == (
        "Dear Bo, your {order_id} and {{literal}} and {} and {1}"
    )


def test_braces_in_a_customer_name_are_inserted_as_written():
    name = "{agent_name} {uid} {0} {__class__}"
    text = _render(bodies={"en": "Hi {customer_name} from {agent_name}"}, name=name)
    assert text == "Hi {agent_name} {uid} {0} {__class__} from Alice"


def test_markup_is_plain_text_here():
    text = _render(bodies={"en": "Hi {customer_name}"}, name="<b>x</b>")
    assert text == "Hi <b>x</b>"
