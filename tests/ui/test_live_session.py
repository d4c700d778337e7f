"""The real main window on a real server: inbox from the sync engine, ticket, reply, status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live_helpers import DEMO_PASSWORD, demo_server, wait_until
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.server.embedded import EmbeddedServer
from console.store import Store
from console.ui.session import ConsoleSession
from console.ui.ticket.reply_box import draft_key


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    yield from demo_server(tmp_path / "server.sqlite3")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "cache.sqlite3")
    yield store
    store.close()


def test_agent_works_a_ticket_end_to_end(qasync_loop, qtbot, server, cache):
    async def scenario() -> None:
        client = SupportClient(server.base_url)
        token = await client.login("alice", DEMO_PASSWORD)
        session = ConsoleSession(
            cache, token.agent, demo=True, workspace_name="Demo", client=client
        )
        window = session.window
        qtbot.addWidget(window)
        window.show()
        try:
            assert not window.banner.isHidden()
            await wait_until(lambda: window.connection.state() == "online")
            await wait_until(lambda: window.inbox.model.rowCount() > 0)

            window.inbox.table.selectRow(0)
            await wait_until(lambda: window.ticket_view.ticket_id() is not None)
            view = window.ticket_view
            ticket_id = view.ticket_id()
            await wait_until(lambda: view.conversation.bubbles)
            await wait_until(lambda: view.customer_panel.fields)

            qtbot.keyClicks(view.reply_box.editor, "We are looking into it.")
            await wait_until(lambda: cache.draft(draft_key(ticket_id)) is not None)
            qtbot.keyClick(
                view.reply_box.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            )
            assert view.reply_box.text() == ""
            assert cache.draft(draft_key(ticket_id)) is None

            def sent() -> bool:
                return any(
                    b.message.body == "We are looking into it." and b.message.state == "sent"
                    for b in view.conversation.bubbles
                )

            await wait_until(sent)
            on_server = await client.messages(ticket_id)
            assert on_server[-1].body == "We are looking into it."

            index = view.header.status_box.findData("pending")
            view.header.status_box.activated.emit(index)
            await wait_until(lambda: cache.ticket(ticket_id).status == "pending")
            await wait_until(lambda: not cache.pending_outbox())
            assert (await client.get_ticket(ticket_id)).status == "pending"
        finally:
            await session.aclose()
            window.close()

    qasync_loop.run_until_complete(scenario())


def test_window_opens_from_cache_before_the_server_is_known(qasync_loop, qtbot, server, cache):
    async def scenario() -> None:
        client = SupportClient(server.base_url)
        token = await client.login("bob", DEMO_PASSWORD)
        first = ConsoleSession(cache, token.agent, client=client)
        qtbot.addWidget(first.window)
        await wait_until(lambda: first.window.inbox.model.rowCount() > 0)
        cached = first.window.inbox.model.rowCount()
        await first.aclose()
        first.window.close()

        second = ConsoleSession(cache, token.agent)  # no client yet: a cold start
        qtbot.addWidget(second.window)
        second.window.show()
        assert second.window.inbox.model.rowCount() == cached
        assert second.window.connection.state() == "connecting"
        assert not second.window.ticket_view.reply_box.send_button.isEnabled()
        second.attach(SupportClient(server.base_url, token.token))
        await wait_until(lambda: second.window.connection.state() == "online")
        await second.aclose()
        second.window.close()

    qasync_loop.run_until_complete(scenario())
