"""The real window against a real server that fails: refuses a reply, answers 500, drops the
connection after committing, serves events it should not, or hangs."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from e2e_support import (
    DEMO_PASSWORD,
    LiveServer,
    message_inserts_fail,
    server_database_locked,
    server_db,
    server_messages_with_client_id,
    wait_until,
)
from e2e_widgets import GapMeter, bubble_state, bubbles_with_body, commit_text
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import MAX_MESSAGE_CHARS, MessageCreate
from console.store import Store
from console.ui.gc_guard import settle_long_lived_heap
from console.ui.session import ConsoleSession

pytestmark = pytest.mark.usefixtures("english_ui")


@asynccontextmanager
async def console_on(server: LiveServer, tmp_path: Path) -> AsyncIterator[ConsoleSession]:
    """alice's console, online, with an open ticket of hers on screen."""
    client = SupportClient(server.url)
    token = await client.login("alice", DEMO_PASSWORD)
    store = Store.open(tmp_path / "cache.sqlite3")
    session = ConsoleSession(store, token.agent, client=client)
    window = session.window
    window.show()
    try:
        await wait_until(lambda: window.connection.state() == "online", what="online")
        await wait_until(lambda: window.inbox.model.rowCount() > 3, what="inbox")
        assert window.inbox.select_ticket(window.inbox.model.ticket_at(1).id)
        await wait_until(lambda: window.ticket_view.ticket_id() is not None, what="ticket")
        settle_long_lived_heap()  # as the app does once a session is on screen
        yield session
    finally:
        await session.aclose()
        window.close()
        window.deleteLater()
        session.deleteLater()
        store.close()


def run(qasync_loop, scenario: Callable[[], Awaitable[None]]) -> None:
    qasync_loop.run_until_complete(scenario())


def type_and_send(qtbot, session: ConsoleSession, text: str) -> None:
    box = session.window.ticket_view.reply_box
    box.editor.setFocus()
    commit_text(box.editor, text)
    assert box.text() == text
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    assert box.text() == ""


def our_outbox_item(session: ConsoleSession, body: str):
    [item] = [i for i in session.store.pending_outbox() if i.payload["body"] == body]
    return item


async def server_copies(client: SupportClient, ticket_id: int, body: str) -> int:
    return [m.body for m in await client.messages(ticket_id)].count(body)


# --- the server refuses ---------------------------------------------------------------------


def test_refused_reply_shows_failed_with_retry_and_discard(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    reply = "您好，这条回复会被服务器拒绝 (refused by the server)."

    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            window, view = session.window, session.window.ticket_view
            ticket_id = view.ticket_id()
            box = view.reply_box

            # Longer than the server accepts: refused before it is queued; the text stays.
            too_long = "提" * (MAX_MESSAGE_CHARS + 1)
            commit_text(box.editor, too_long)
            qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
            assert not view.notice.isHidden() and "longer than" in view.notice.text()
            assert box.text() == too_long and not session.store.pending_outbox()
            box.editor.clear()

            # Queue a reply while the server is down ...
            await live_server.stop_async()
            await wait_until(lambda: window.connection.state() != "online", what="offline")
            type_and_send(qtbot, session, reply)
            item = our_outbox_item(session, reply)
            # ... and meanwhile its idempotency key is used for another request (through a
            # second server process on the same database), so the server must refuse it: 422.
            other = LiveServer(live_server.database)
            other.start()
            try:
                intruder = SupportClient(other.url)
                await intruder.login("alice", DEMO_PASSWORD)
                await intruder.post_message(
                    ticket_id, MessageCreate(body="A different reply."), item.idempotency_key
                )
                await intruder.aclose()
            finally:
                other.stop()
            await live_server.start_async()

            await wait_until(lambda: bubble_state(window, reply) == "failed", 30, "failed")
            [bubble] = bubbles_with_body(window, reply)
            assert bubble.state_label.text().startswith("Not sent: ")
            assert "Idempotency-Key" in bubble.state_label.text()
            assert not bubble.retry_button.isHidden() and not bubble.discard_button.isHidden()
            assert window.connection.state() == "online"  # one refused reply is not an outage

            # Retry sends it again (and the server refuses it again: same key, other body).
            attempts = session.store.outbox_item(item.id).attempts
            qtbot.mouseClick(bubble.retry_button, Qt.MouseButton.LeftButton)

            def refused_again() -> bool:
                current = session.store.outbox_item(item.id)
                return current.attempts > attempts and current.state == "failed"

            await wait_until(refused_again, what="retried and refused again")
            await wait_until(lambda: bubble_state(window, reply) == "failed", what="shown")

            # Discard removes it from the conversation and the outbox; the server never had it.
            [bubble] = bubbles_with_body(window, reply)
            qtbot.mouseClick(bubble.discard_button, Qt.MouseButton.LeftButton)
            await wait_until(lambda: not bubbles_with_body(window, reply), what="discarded")
            assert not session.store.pending_outbox() and not session.store.failed_outbox()
            assert all(m.body != reply for m in session.store.messages(ticket_id))
            assert not server_messages_with_client_id(live_server.database, item.client_id)

    run(qasync_loop, scenario)


def test_server_error_keeps_the_reply_queued_then_delivers_it_once(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    reply = "The 500 reply: 服务器内部错误之后再送达。"

    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            window = session.window
            ticket_id = window.ticket_view.ticket_id()
            checker = SupportClient(live_server.url)
            await checker.login("bob", DEMO_PASSWORD)
            with message_inserts_fail(live_server.database):
                with pytest.raises(ApiError) as refused:  # the fault is a real 500
                    await checker.post_message(ticket_id, MessageCreate(body="probe"), "probe-1")
                assert refused.value.status == 500
                type_and_send(qtbot, session, reply)
                item = our_outbox_item(session, reply)

                # 5xx is the server's trouble, not the reply's: back in the queue, tried again.
                def tried_twice() -> bool:
                    current = session.store.outbox_item(item.id)
                    return current is not None and current.attempts >= 2

                await wait_until(tried_twice, what="second attempt")
                assert bubble_state(window, reply) in ("queued", "sending")
                assert not session.store.failed_outbox()
                assert await server_copies(checker, ticket_id, reply) == 0
            await wait_until(lambda: bubble_state(window, reply) == "sent", 30, "delivered")
            assert await server_copies(checker, ticket_id, reply) == 1
            assert window.connection.state() == "online"
            await checker.aclose()

    run(qasync_loop, scenario)


def test_connection_lost_after_the_server_committed_delivers_once(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    """The server stores the reply but its answer never arrives (it stops mid-request): the
    console sends again with the same key after the restart and gets the stored answer."""
    reply = "Committed, answer lost: 已保存但确认丢失。"

    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            window = session.window
            ticket_id = window.ticket_view.ticket_id()
            with server_database_locked(live_server.database):
                type_and_send(qtbot, session, reply)
                item = our_outbox_item(session, reply)
                await wait_until(lambda: bubble_state(window, reply) == "sending", what="sending")
                # Stop only once the server runs the request (it then waits for the lock): a
                # request still on its way would just be dropped, which is another test. Only
                # the POST counts: the console may be reading the same path at that moment.
                await wait_until(
                    lambda: live_server.handling("POST", f"/tickets/{ticket_id}/messages"),
                    what="the server handles the reply",
                )
                await live_server.stop_async()  # the request is still waiting for the lock
                await wait_until(lambda: bubble_state(window, reply) == "queued", what="requeued")
            # The lock is gone: the request the stopped server was still running commits.
            await wait_until(
                lambda: server_messages_with_client_id(live_server.database, item.client_id),
                timeout=30,
                what="committed by the stopped server",
            )
            await live_server.start_async()
            await wait_until(lambda: bubble_state(window, reply) == "sent", 30, "confirmed")
            assert len(server_messages_with_client_id(live_server.database, item.client_id)) == 1
            checker = SupportClient(live_server.url)
            await checker.login("bob", DEMO_PASSWORD)
            assert await server_copies(checker, ticket_id, reply) == 1
            ticket = await checker.get_ticket(ticket_id)
            await wait_until(
                lambda: session.store.ticket(ticket_id).message_count == ticket.message_count,
                what="cache caught up",
            )
            assert len(bubbles_with_body(window, reply)) == 1
            await checker.aclose()

    run(qasync_loop, scenario)


# --- the server misbehaves ------------------------------------------------------------------


_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how the server's SQLite rows hold naive UTC times


def _insert_event(database: Path, type_: str, ticket_id: int, payload: object) -> int:
    """An event row as another (broken) server process sharing the database could write it."""
    with closing(server_db(database)) as conn:
        cursor = conn.execute(
            "INSERT INTO events (type, ticket_id, payload, created_at) VALUES (?, ?, ?, ?)",
            (type_, ticket_id, json.dumps(payload), datetime.now(UTC).strftime(_STORED_TIME)),
        )
        assert cursor.rowcount == 1 and cursor.lastrowid
        return int(cursor.lastrowid)


def test_malformed_event_payloads_are_skipped(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            window, store = session.window, session.store
            model = window.inbox.model
            victim = store.ticket(model.ticket_at(0).id)  # the full ticket, as the server sent it
            target = model.ticket_at(2)
            assert victim is not None and target is not None
            states: list[str] = []
            unsubscribe = store.hub.subscribe(lambda _c: states.append(str(session.sync.state)))
            bad = [
                _insert_event(live_server.database, "ticket.updated", victim.id, {"id": "x"}),
                _insert_event(
                    live_server.database,
                    "ticket.updated",
                    victim.id,
                    {**victim.model_dump(mode="json"), "subject": None, "version": 10_000},
                ),
                _insert_event(live_server.database, "message.created", victim.id, {"body": 1}),
            ]
            # A real change after the bad events: it must still arrive.
            bob = SupportClient(live_server.url)
            await bob.login("bob", DEMO_PASSWORD)
            sent = await bob.post_message(
                target.id, MessageCreate(body="Bob's reply after bad events."), "bob-after-bad"
            )
            served = {e.id for e in (await bob.events(after=min(bad) - 1, limit=50)).items}
            assert set(bad) <= served  # the server hands them out as they are
            await bob.aclose()
            await wait_until(
                lambda: store.event_cursor() is not None and store.event_cursor() > max(bad),
                what="cursor past the bad events",
            )
            await wait_until(
                lambda: any(m.id == sent.id for m in store.messages(target.id)),
                what="the good event applied",
            )
            assert store.ticket(victim.id) == victim  # untouched by the malformed versions
            assert window.connection.state() == "online"
            assert "offline" not in states and "reconnecting" not in states
            unsubscribe()
            row = model.row_of(victim.id)
            assert row is not None and model.ticket_at(row).subject == victim.subject

    run(qasync_loop, scenario)


def test_event_of_a_newer_server_version_does_not_stall_the_feed(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    """Server processes share the events table; during an upgrade a newer one may write an
    event type this version does not know. Later events must still reach the console."""

    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            store, model = session.store, session.window.inbox.model
            target = model.ticket_at(2)
            _insert_event(live_server.database, "ticket.merged", target.id, {"id": target.id})
            bob = SupportClient(live_server.url)
            await bob.login("bob", DEMO_PASSWORD)
            sent = await bob.post_message(
                target.id, MessageCreate(body="Bob's reply after the new event."), "bob-new"
            )
            await bob.aclose()
            await wait_until(
                lambda: any(m.id == sent.id for m in store.messages(target.id)),
                what="the change after the unknown event applied",
            )

    run(qasync_loop, scenario)


@pytest.mark.alone
def test_window_stays_responsive_while_the_server_hangs(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path: Path
):
    reply = "Sent while the server hangs: 服务器很慢的时候发送。"

    async def scenario() -> None:
        async with console_on(live_server, tmp_path) as session:
            window = session.window
            ticket_id = window.ticket_view.ticket_id()
            with server_database_locked(live_server.database):
                type_and_send(qtbot, session, reply)
                await wait_until(lambda: bubble_state(window, reply) == "sending", what="sending")
                # The agent goes on working while the request hangs: another ticket and back
                # (opening a ticket is the console's own work and costs what it costs; the
                # meter below is about the hanging request).
                other = window.inbox.model.ticket_at(3).id
                assert window.inbox.select_ticket(other)
                await wait_until(lambda: window.ticket_view.ticket_id() == other, what="switch")
                assert window.inbox.select_ticket(ticket_id)
                await wait_until(lambda: window.ticket_view.ticket_id() == ticket_id, what="back")
                meter = GapMeter(50)
                meter.start()
                editor = window.ticket_view.reply_box.editor
                for word in ("still ", "typing ", "while ", "it ", "hangs"):
                    qtbot.keyClicks(editor, word)
                    ticks = meter.ticks
                    await wait_until(lambda t=ticks: meter.ticks >= t + 4, what="timer ticks")
                # About three seconds of a hanging request in all.
                await wait_until(lambda: meter.ticks >= 60, what="timer ticks")
                assert bubble_state(window, reply) == "sending"
                assert editor.toPlainText() == "still typing while it hangs"
            await wait_until(lambda: bubble_state(window, reply) == "sent", what="sent")
            meter.stop()
            assert meter.max_gap < 0.25, f"the window froze for {meter.max_gap * 1000:.0f} ms"
            assert len(bubbles_with_body(window, reply)) == 1

    run(qasync_loop, scenario)
