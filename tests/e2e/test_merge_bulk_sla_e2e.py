"""Changes to several tickets and to their clocks in the full inbox, end to end: real consoles
against the real reference server, with colleagues as second clients of that server: merging a
duplicate, a bulk change made offline, the SLA clock pausing while pending. Outcomes are checked
on the server and in the widgets."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from datetime import timedelta

import pytest
from e2e_inbox import (
    AGENT_NAMES,
    api_client,
    choose_in_combo,
    choose_in_menu,
    choose_view,
    click,
    click_row,
    events_since,
    inbox_ids,
    last_event_id,
    later,
    modal,
    new_ticket,
    open_ticket,
    post_note,
    row_text,
    run_scenario,
    search_inbox,
    show_side_tab,
    sign_in,
    start_console,
    tickets_with_status,
    type_mixed,
    utc_now,
)
from e2e_support import LiveServer, server_db, wait_until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox

from console.api.client import SupportClient
from console.ui.inbox.ticket_table_model import Column

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. merge a duplicate, keeping both drafts ------------------------------------------------

TARGET_DRAFT = "Draft on the first ticket: 请提供充值截图和 TXID。"
SOURCE_DRAFT = "第二张工单的草稿: we found the deposit, crediting it now."
SOURCE_NOTE = "Internal: same TXID as the first ticket, 客户重复提交。"


def test_merge_keeps_messages_notes_and_both_drafts(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        bob = await api_client(live_server.url, "bob")
        clients.append(bob)
        customer = (await tickets_with_status(bob, "open"))[0].customer_uid
        target = await new_ticket(
            bob, customer, "USDT 充值未到账 (email)", "我昨天充值的 500 USDT 还没有到账。"
        )
        source = await new_ticket(
            bob, customer, "USDT deposit missing (in-app)", "My 500 USDT deposit is missing."
        )
        await post_note(bob, source.id, SOURCE_NOTE)
        alice = await sign_in(qtbot, app, "alice")
        window, view = alice.window, alice.window.ticket_view

        # A draft on each ticket, typed in the composer.
        await open_ticket(qtbot, window, target.id)
        view.reply_box.editor.setFocus()
        type_mixed(qtbot, view.reply_box.editor, TARGET_DRAFT)
        await open_ticket(qtbot, window, source.id)
        assert view.reply_box.text() == ""
        view.reply_box.editor.setFocus()
        type_mixed(qtbot, view.reply_box.editor, SOURCE_DRAFT)
        await wait_until(
            lambda: [b.message.body for b in view.conversation.bubbles][-1:] == [SOURCE_NOTE],
            what="the source's note shown",
        )

        # Related tab: merge this ticket into the other one, confirmed in the dialog.
        related = view.related
        show_side_tab(qtbot, view, related)
        await wait_until(
            lambda: related.merge_box.findData(target.id) >= 0, what="target offered for merge"
        )
        await choose_in_combo(qtbot, related.merge_box, target.id)
        click(qtbot, related.merge_button)
        await wait_until(
            lambda: related.confirm is not None and related.confirm.isVisible(),
            what="merge confirmation shown",
        )
        confirm = related.confirm
        assert confirm.text().startswith(f"Merge #{source.id} into #{target.id}?")
        click(qtbot, confirm.defaultButton())

        # The workspace moves to the target; its composer holds both drafts.
        await wait_until(lambda: view.ticket_id() == target.id, what="target opened")
        both = f"{TARGET_DRAFT}\n\n{SOURCE_DRAFT}"
        assert view.reply_box.text() == both
        assert alice.store.draft(f"ticket:{target.id}") == both
        assert alice.store.draft(f"ticket:{source.id}") == SOURCE_DRAFT

        # The server: source closed and pointing at the target, which holds every message.
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "merge delivered")
        assert not alice.store.failed_outbox()
        merged = await bob.get_ticket(source.id)
        assert merged.status == "closed" and merged.merged_into_id == target.id
        messages = await bob.messages(target.id)
        bodies = [m.body for m in messages]
        assert "我昨天充值的 500 USDT 还没有到账。" in bodies
        assert "My 500 USDT deposit is missing." in bodies
        assert SOURCE_NOTE in bodies
        moved = [m for m in messages if m.merged_from_id == source.id]
        assert {m.body for m in moved} == {"My 500 USDT deposit is missing.", SOURCE_NOTE}
        assert [m.kind for m in moved if m.body == SOURCE_NOTE] == ["note"]
        assert await bob.messages(source.id) == []

        # The target's thread shows all of it (the note as a note); the source left the list.
        await wait_until(
            lambda: [b.message.body for b in view.conversation.bubbles] == bodies,
            what="target thread matches the server",
        )
        [note] = [b for b in view.conversation.bubbles if b.message.body == SOURCE_NOTE]
        assert note.message.kind == "note"
        assert view.reply_box.text() == both
        await search_inbox(qtbot, window, f"#{source.id}")
        await wait_until(lambda: inbox_ids(window) == [], what="source gone from All open")

    run_scenario(qasync_loop, scenario, [app], clients)


# --- 2. a bulk change made offline reaches the server exactly once ----------------------------

BULK_TAG = "refund-batch"
BULK_MACRO = "Fee explanation"  # demo macro: a reply per ticket, status solved, tag "fees"


def _transitions(payloads: list[dict], became: Callable[[dict], bool]) -> int:
    """How many of the successive states of a ticket made `became` true (false before)."""
    count, before = 0, False
    for payload in payloads:
        now = became(payload)
        count += now and not before
        before = now
    return count


def test_bulk_change_while_offline_applies_exactly_once(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, app, "alice")
        window, inbox = alice.window, alice.window.inbox
        bulk = inbox.bulk_bar
        await wait_until(lambda: len(inbox_ids(window)) >= 8, what="All open listed")
        await wait_until(
            lambda: any(m.name == BULK_MACRO for m in alice.store.macros()), what="macros"
        )
        listed = inbox_ids(window)

        # Select five rows with the mouse: a click, then Shift+click.
        click_row(qtbot, window, 0)
        click_row(qtbot, window, 4, Qt.KeyboardModifier.ShiftModifier)
        await wait_until(lambda: bulk.isVisible(), what="bulk bar shown")
        assert bulk.count_label.text() == "5 selected"
        chosen = [t.id for t in inbox.selected_targets()]
        assert len(chosen) == 5 and set(chosen) <= set(listed)

        # The server goes away; what it holds now is the baseline.
        await live_server.stop_async()
        await wait_until(lambda: window.connection.state() != "online", what="not online")
        with closing(server_db(live_server.database)) as db:
            versions = dict(db.execute("SELECT id, version FROM tickets").fetchall())
            statuses = dict(db.execute("SELECT id, status FROM tickets").fetchall())
            last_message = db.execute("SELECT MAX(id) FROM messages").fetchone()[0]
        baseline = last_event_id(live_server.database)

        # Offline: add a tag, set a status, apply a macro (a reply; solved; tag "fees") — each
        # asked once for all five.
        later(lambda: click(qtbot, bulk.tag_button))
        ask = await modal(QInputDialog, "tag asked")
        qtbot.keyClicks(ask.findChild(QLineEdit), BULK_TAG)
        click(qtbot, ask.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
        confirm = await modal(QMessageBox, "tag confirmed", f"“{BULK_TAG}” to 5 tickets?")
        click(qtbot, confirm.button(QMessageBox.StandardButton.Yes))
        await wait_until(lambda: len(alice.store.pending_outbox()) == 5, what="5 tag changes")
        await choose_in_menu(
            qtbot, lambda: click(qtbot, bulk.status_button), bulk.status_menu, "Pending"
        )
        confirm = await modal(QMessageBox, "status confirmed", "Set 5 tickets to “Pending”?")
        click(qtbot, confirm.button(QMessageBox.StandardButton.Yes))
        await wait_until(lambda: len(alice.store.pending_outbox()) == 10, what="5 status changes")
        assert [t.id for t in inbox.selected_targets()] == chosen  # pending: still listed
        await choose_in_menu(
            qtbot, lambda: click(qtbot, bulk.macro_button), bulk.macro_menu, BULK_MACRO
        )
        confirm = await modal(QMessageBox, "macro confirmed", f"“{BULK_MACRO}” to 5 tickets?")
        click(qtbot, confirm.button(QMessageBox.StandardButton.Yes))
        await wait_until(lambda: len(alice.store.pending_outbox()) == 20, what="5 macros queued")
        await wait_until(
            lambda: set(chosen).isdisjoint(inbox_ids(window)), what="solved rows leave All open"
        )
        assert last_event_id(live_server.database) == baseline  # nothing reached the server

        # Back on the same port: every change delivered, each exactly once.
        await live_server.start_async()
        await wait_until(lambda: window.connection.state() == "online", 30, "online again")
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "outbox delivered")
        assert not alice.store.failed_outbox()
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        updates = events_since(live_server.database, baseline, "ticket.updated")
        created = events_since(live_server.database, baseline, "message.created")
        assert {t for t, _ in updates} == set(chosen)
        assert sorted(t for t, _ in created) == sorted(chosen)
        for ticket_id in chosen:
            ticket = await checker.get_ticket(ticket_id)
            assert ticket.status == "solved", ticket_id
            assert ticket.tags.count(BULK_TAG) == 1 and ticket.tags.count("fees") == 1
            states = [p for t, p in updates if t == ticket_id]
            assert ticket.version == versions[ticket_id] + len(states)
            was_pending = statuses[ticket_id] == "pending"
            assert _transitions(states, lambda p: p["status"] == "pending") == (not was_pending)
            assert _transitions(states, lambda p: p["status"] == "solved") == 1, states
            assert _transitions(states, lambda p: BULK_TAG in p["tags"]) == 1, states
            assert _transitions(states, lambda p: "fees" in p["tags"]) == 1, states
            new = [m for m in await checker.messages(ticket_id) if m.id > last_message]
            assert [(m.kind, m.author_name) for m in new] == [("reply", AGENT_NAMES["alice"])]
        for ticket_id in set(listed) - set(chosen):
            assert (await checker.get_ticket(ticket_id)).version == versions[ticket_id]

        # The inbox shows the server's state: in All tickets, the five are solved and tagged.
        await choose_view(qtbot, window, "All tickets")
        for ticket_id in chosen:
            await wait_until(
                lambda i=ticket_id: row_text(window, i, Column.STATUS) == "Solved",
                what=f"#{ticket_id} shown solved",
            )
            assert {BULK_TAG, "fees"} <= set(alice.store.ticket(ticket_id).tags)

    run_scenario(qasync_loop, scenario, [app], clients)


# --- 3. the SLA clock pauses while pending and resumes --------------------------------------


def test_sla_pauses_while_pending_and_resumes(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        running = [
            t
            for t in await tickets_with_status(checker, "open")
            if t.sla is not None and t.sla.paused_since is None and t.sla.resolved_at is None
        ]
        assert running, "no open ticket with a running SLA clock in the demo"
        ticket_id = running[0].id
        alice = await sign_in(qtbot, app, "alice")
        window, view = alice.window, alice.window.ticket_view
        await open_ticket(qtbot, window, ticket_id)
        model = window.inbox.model
        before = (await checker.get_ticket(ticket_id)).sla
        assert before is not None

        def sla_cell() -> tuple[str | None, str | None]:
            row = model.row_of(ticket_id)
            if row is None:
                return None, None
            index = model.index(row, Column.SLA)
            return model.data(index), model.data(index, model.ToneRole)

        # Pending: the server stops the clock, the row says so.
        await choose_in_combo(qtbot, view.header.status_box, "pending")
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "pending delivered")
        paused = await checker.get_ticket(ticket_id)
        assert paused.status == "pending" and paused.sla is not None
        assert paused.sla.paused_since is not None
        assert paused.sla.paused_seconds == before.paused_seconds
        await wait_until(lambda: sla_cell() == ("Paused", "paused"), what="row shows Paused")

        # A measurable pause (whole seconds on the server), then open again.
        pause_start = paused.sla.paused_since
        await wait_until(
            lambda: (utc_now() - pause_start).total_seconds() >= 2.5, what="pause lasts"
        )
        await choose_in_combo(qtbot, view.header.status_box, "open")
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "open delivered")
        resumed_at = utc_now()
        after = (await checker.get_ticket(ticket_id)).sla
        assert after is not None and after.paused_since is None
        grown = after.paused_seconds - before.paused_seconds
        assert 2 <= grown <= (resumed_at - pause_start).total_seconds() + 1, grown
        pushed = timedelta(seconds=grown)
        assert after.first_response_due_at == before.first_response_due_at + pushed
        assert after.resolution_due_at == before.resolution_due_at + pushed
        await wait_until(
            lambda: sla_cell()[1] in ("ok", "due_soon", "breached"), what="row runs again"
        )
        text, _tone = sla_cell()
        assert text not in ("Paused", "Met", "—"), text
        await wait_until(lambda: alice.store.ticket(ticket_id).sla == after, what="cache has it")
        assert view.header.status_box.currentData() == "open"

    run_scenario(qasync_loop, scenario, [app], clients)
