"""A customer pastes a seed phrase into the chat, end to end: a real console (signed in through
the dialog, the real sync engine) against the real reference server, the customer played
through the customer API. The phrase is hidden on both sides — in the agent's transcript, list
preview and local store, and in the customer's own view — and the customer is warned at once to
move their funds."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_chat import bodies, customer_sees, one_agent_in_a_chat, shown_in_order
from e2e_inbox import run_scenario, start_console
from e2e_support import LiveServer, wait_until
from mnemonic import Mnemonic

from console.server.services import chat_texts

pytestmark = pytest.mark.usefixtures("english_ui")

MARKER = "[secret redacted: mnemonic]"


def test_a_pasted_chinese_seed_phrase_is_hidden_on_both_sides_and_the_customer_warned(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[Any] = []
    phrase = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(32, 64)))  # 24 words
    pasted = f"客服你好，我的钱包恢复不了，这是我的助记词：\n{phrase}\n请帮我看看。"
    warning = chat_texts.text_for("secret_warning", "en")  # the customer writes in English

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, app, clients)
        cid = customer.conversation_id
        sent = await customer.send(pasted)
        assert sent.body == f"客服你好，我的钱包恢复不了，这是我的助记词：\n{MARKER}\n请帮我看看。"

        # The agent's transcript shows the marker where the phrase was, then the warning.
        def shown() -> list[str]:
            return bodies(shown_in_order(page))

        await wait_until(lambda: warning in shown(), what="the warning in the transcript")
        [bubble] = [b for b in page.transcript.bubbles if MARKER in b.message.body]
        assert bubble.body.toPlainText() == sent.body
        assert not any(phrase in text or phrase.replace(" ", "") in text for text in shown())
        row = page.list.row(cid)
        assert row is not None and " ".join(phrase.split()[:3]) not in row.preview.text()
        # Nor does the console keep it on disk.
        kept = [m.body for m in alice.store.chats.messages(cid)]
        assert sent.body in kept and not any(phrase in body for body in kept)

        # The customer sees their message as stored, and the warning.
        view = await customer_sees(customer, lambda v: warning in bodies(v.messages), "warning")
        assert sent.body in bodies(view.messages)
        assert not any(phrase in body for body in bodies(view.messages))
        assert view.conversation.state == "active"  # the agent keeps the chat

    run_scenario(qasync_loop, scenario, [app], clients)
