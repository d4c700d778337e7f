"""An agent signs in, answers a ticket, loses the server, answers again, and the server comes
back: every reply reaches the server exactly once, whatever is replayed."""

from __future__ import annotations

import pytest
from e2e_support import DEMO_PASSWORD, OPEN_STATUSES, LiveServer, wait_until
from e2e_widgets import bubble_state, bubbles_with_body, commit_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.api.client import SupportClient
from console.api.schemas import MessageCreate
from console.ui.inbox.ticket_table_model import Column
from console.ui.launcher import Launcher, LaunchOptions

pytestmark = pytest.mark.usefixtures("english_ui")

FIRST_REPLY = "Hello! 您好，我们已经收到您的提币申请。 We will check it now."
OFFLINE_REPLY = "Update: 链上确认已完成 (12/12), the USDT is on its way. 谢谢您的耐心！"


async def _sign_in(qtbot, launcher: Launcher) -> None:
    shown: list = []
    launcher.sign_in_shown.connect(shown.append)
    launcher.start()
    await wait_until(lambda: shown, what="sign-in dialog shown")
    dialog = shown[0]
    await wait_until(lambda: dialog.workspace is not None, what="workspace loaded")
    qtbot.keyClicks(dialog.username_edit, "alice")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: launcher.session is not None, what="main window opened")


async def _server_tickets(client: SupportClient) -> list[tuple[int, str]]:
    items, cursor = [], None
    while True:
        page = await client.list_tickets(cursor=cursor, limit=100, status=OPEN_STATUSES)
        items += [(t.id, t.subject) for t in page.items]
        cursor = page.next_cursor
        if not cursor or not page.items:
            return items


def _inbox_rows(window) -> list[tuple[int, str]]:
    model = window.inbox.model
    return [(model.ticket_at(r).id, model.ticket_at(r).subject) for r in range(model.rowCount())]


def test_reply_roundtrip_through_an_outage(qasync_loop, qtbot, live_server: LiveServer, tmp_path):
    launcher = Launcher(LaunchOptions(profile_dir=tmp_path / "profile", server_url=live_server.url))
    checker = SupportClient(live_server.url)

    async def scenario() -> None:
        await checker.login("bob", DEMO_PASSWORD)
        await _sign_in(qtbot, launcher)
        session = launcher.session
        window = session.window
        await wait_until(lambda: window.connection.state() == "online", what="online")

        # The inbox shows what the server holds, in the server's order.
        expected = await _server_tickets(checker)
        assert expected
        await wait_until(lambda: _inbox_rows(window) == expected, what="inbox matches server")

        # Open the third ticket by clicking its row.
        table = window.inbox.table
        ticket_id, subject = expected[2]
        rect = table.visualRect(window.inbox.model.index(2, Column.SUBJECT))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        view = window.ticket_view
        await wait_until(lambda: view.ticket_id() == ticket_id, what="ticket opened")
        assert view.header.isVisible() and subject
        before = await checker.messages(ticket_id)
        await wait_until(lambda: len(view.conversation.bubbles) == len(before), what="history")

        # Type a mixed reply (English by key, Chinese through the input method); Ctrl+Enter.
        editor = view.reply_box.editor
        editor.setFocus()
        qtbot.keyClicks(editor, "Hello! ")
        commit_text(editor, "您好，我们已经收到您的提币申请。")
        qtbot.keyClicks(editor, " We will check it now.")
        assert view.reply_box.text() == FIRST_REPLY
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert view.reply_box.text() == ""
        await wait_until(lambda: bubble_state(window, FIRST_REPLY) == "sent", what="sent")
        [bubble] = bubbles_with_body(window, FIRST_REPLY)
        assert bubble.state_label.text() == "Sent"
        on_server = [m for m in await checker.messages(ticket_id) if m.body == FIRST_REPLY]
        assert len(on_server) == 1 and on_server[0].author_name == session.me.display_name

        # The server goes away: the next reply waits in the outbox, the status bar says so.
        await live_server.stop_async()
        await wait_until(lambda: window.connection.state() != "online", what="not online")
        assert "Online" not in window.connection.text()
        editor.setFocus()
        qtbot.keyClicks(editor, "Update: ")
        commit_text(editor, "链上确认已完成")
        qtbot.keyClicks(editor, " (12/12), the USDT is on its way. ")
        commit_text(editor, "谢谢您的耐心！")
        qtbot.mouseClick(view.reply_box.send_button, Qt.MouseButton.LeftButton)
        try:
            await wait_until(lambda: bubble_state(window, OFFLINE_REPLY) == "queued", what="queued")
        except AssertionError as exc:  # say what the window showed instead (a rare CI failure)
            modal = QApplication.activeModalWidget()
            raise AssertionError(
                f"{exc}; bubble: {bubble_state(window, OFFLINE_REPLY)!r}, "
                f"box: {view.reply_box.text()!r}, "
                f"send enabled: {view.reply_box.send_button.isEnabled()}, "
                f"modal: {type(modal).__name__ if modal else None}, "
                f"connection: {window.connection.state()!r}"
            ) from exc
        [queued] = bubbles_with_body(window, OFFLINE_REPLY)
        assert queued.state_label.text() == "Queued — will be sent when online"
        [item] = session.store.pending_outbox()
        assert item.payload["body"] == OFFLINE_REPLY

        # Back on the same address and database: delivered once, shown as sent.
        await live_server.start_async()
        await wait_until(lambda: window.connection.state() == "online", 30, "online again")
        await wait_until(lambda: bubble_state(window, OFFLINE_REPLY) == "sent", what="delivered")
        assert not session.store.pending_outbox()
        copies = [m for m in await checker.messages(ticket_id) if m.body == OFFLINE_REPLY]
        assert len(copies) == 1 and copies[0].client_id == item.client_id

        # The same request again (a confirmation lost on the way back) changes nothing; so does
        # the same message under a fresh key (the client_id identifies it).
        again = MessageCreate.model_validate(item.payload)
        agent = SupportClient(live_server.url)
        await agent.login("alice", DEMO_PASSWORD)
        replayed = await agent.post_message(ticket_id, again, item.idempotency_key)
        assert replayed.id == copies[0].id
        fresh_key = await agent.post_message(ticket_id, again, "e2e-fresh-key-" + item.client_id)
        assert fresh_key.id == copies[0].id
        await agent.aclose()
        server_messages = await checker.messages(ticket_id)
        assert [m.body for m in server_messages].count(OFFLINE_REPLY) == 1
        assert [m.body for m in server_messages].count(FIRST_REPLY) == 1

        # The window settles on the server's history: every message once, ours sent.
        ticket = await checker.get_ticket(ticket_id)
        await wait_until(
            lambda: session.store.ticket(ticket_id).message_count == ticket.message_count,
            what="cache caught up",
        )
        await wait_until(
            lambda: len(view.conversation.bubbles) == len(server_messages), what="no duplicates"
        )
        assert [b.message.body for b in view.conversation.bubbles] == [
            m.body for m in server_messages
        ]
        assert {b.message.state for b in view.conversation.bubbles} == {"sent"}

    async def scenario_then_close() -> None:
        # One pass of the loop: after run_until_complete returns, qasync still delivers queued
        # Qt events with no asyncio loop running, and a request started then would fail.
        try:
            await scenario()
        finally:
            await launcher.aclose()
            await checker.aclose()

    qasync_loop.run_until_complete(scenario_then_close())
