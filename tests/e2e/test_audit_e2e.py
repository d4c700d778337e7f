"""An agent's attempt to ask for a seed phrase, end to end: alice's chat composer keeps the
message back (the customer never gets it), her console reports the attempt to the server, and
sara, a supervisor, sees it on her Audit page. Alice herself has no Audit page, and the server
refuses her the log (403 role_forbidden). Real consoles against the real reference server."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from e2e_chat import bodies, customer_sees, one_agent_in_a_chat
from e2e_inbox import api_client, click, run_scenario, sign_in, start_console, type_mixed
from e2e_support import LiveServer, wait_until
from PySide6.QtCore import Qt

from console.api.errors import ApiError

pytestmark = pytest.mark.usefixtures("english_ui")

ASKING = "To restore your wallet, please send your 助记词 here."


def test_a_blocked_request_for_a_seed_phrase_reaches_the_supervisors_audit_page(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
) -> None:
    alice_app = start_console(tmp_path / "alice", live_server.url)
    sara_app = start_console(tmp_path / "sara", live_server.url)
    clients: list[Any] = []

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, alice_app, clients)
        cid = customer.conversation_id

        # Alice writes it and presses Enter: it stays in her composer, with the reason.
        editor = page.composer.editor
        editor.setFocus()
        type_mixed(qtbot, editor, ASKING)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        composer = page.composer
        await wait_until(lambda: composer.file_error.isVisible(), what="the reason shown")
        assert "seed phrase" in composer.file_error.text()
        assert composer.text() == ASKING

        # Her console tells the server (kinds and place only), which a checker sees at once.
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)

        found: list[Any] = []
        for _ in range(100):  # the report is sent in the background: up to 10 s
            found = (await checker.audit_log(action="guard.blocked")).items
            if found:
                break
            await asyncio.sleep(0.1)
        [entry] = found
        assert (entry.actor_name, entry.target_kind, entry.target_id) == (
            "Alice Zhou",
            "chat",
            str(cid),
        )
        assert entry.detail == {
            "kind": "chat_message",
            "categories": ["asks_secret"],
            "source": "console",
        }
        assert "助记词" not in entry.model_dump_json()

        # Sara opens her Audit page and finds the attempt (below her own sign-in).
        sara = await sign_in(qtbot, sara_app, "sara")
        window = sara.window
        click(qtbot, window.rail.buttons["audit"])
        await wait_until(lambda: "audit" in window.role_pages, what="the Audit page built")
        audit_page = window.role_pages["audit"]
        await wait_until(lambda: audit_page.table.rowCount() > 0, what="the log loaded")
        table = audit_page.table
        rows = [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        [blocked] = [row for row in rows if row[3] == "Blocked message"]
        assert blocked[1:5] == ["Alice Zhou", "Agent", "Blocked message", f"Chat #{cid}"]
        assert blocked[6] == (
            "a chat message that asked for a seed phrase or private key; stopped by the console"
        )

        # Alice: no Audit page on her rail, and the server would not give her the log anyway.
        assert "audit" not in alice.window.rail.buttons
        with pytest.raises(ApiError) as refused:
            await alice.client.audit_log()
        assert (refused.value.status, refused.value.code) == (403, "role_forbidden")

        # And the customer never received it.
        view = await customer_sees(customer, lambda v: True, "the conversation")
        assert not any("助记词" in body for body in bodies(view.messages))

    run_scenario(qasync_loop, scenario, [alice_app, sara_app], clients)
