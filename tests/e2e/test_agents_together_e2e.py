"""Agents working together, end to end: real consoles (real widgets, real sync engine, own
profiles) against the real reference server, with colleagues and supervisors as second clients of
that server: two consoles on one ticket (presence, typing, the stale-reply guard), escalation to a
department and back, linking tickets. Outcomes are checked on the server and in the widgets."""

from __future__ import annotations

import pytest
from e2e_inbox import (
    AGENT_NAMES,
    api_client,
    choose_in_combo,
    click,
    open_ticket,
    run_scenario,
    show_side_tab,
    sign_in,
    start_console,
    tickets_with_status,
    type_mixed,
)
from e2e_support import LiveServer, wait_until
from e2e_widgets import bubble_state, bubbles_with_body
from PySide6.QtCore import Qt

from console.api.client import SupportClient, new_idempotency_key
from console.api.schemas import EscalationAnswer
from console.ui.widgets.clickable_row import ClickableRow

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. two consoles on one ticket ------------------------------------------------------------

ALICE_REPLY = "您好，我们已核实您的提币记录 (TXID checked)，请再稍候。"
BOB_FIRST = "Hi, Bob here: the withdrawal is queued for a manual review."
BOB_SECOND = "Update from Bob: review finished, 已放行。"
BOB_REPLIED = f"{AGENT_NAMES['bob']} replied to the customer."


def test_two_agents_on_one_ticket_nothing_lost(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    alice_app = start_console(tmp_path / "alice", live_server.url)
    bob_app = start_console(tmp_path / "bob", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        ticket = (await tickets_with_status(checker, "open"))[0]
        alice = await sign_in(qtbot, alice_app, "alice")
        bob = await sign_in(qtbot, bob_app, "bob")
        aw, bw = alice.window, bob.window

        # Alice opens the ticket first, Bob second: each sees the other there.
        await open_ticket(qtbot, aw, ticket.id)
        await open_ticket(qtbot, bw, ticket.id)
        a_bar, b_bar = aw.ticket_view.presence_bar, bw.ticket_view.presence_bar
        await wait_until(
            lambda: a_bar.text.text() == f"● {AGENT_NAMES['bob']} is viewing",
            what="Alice sees Bob viewing",
        )
        await wait_until(
            lambda: b_bar.text.text() == f"● {AGENT_NAMES['alice']} is viewing",
            what="Bob sees Alice viewing",
        )
        assert not a_bar.isHidden() and not b_bar.isHidden()

        # Alice starts her answer; Bob sees her typing.
        a_box, b_box = aw.ticket_view.reply_box, bw.ticket_view.reply_box
        a_box.editor.setFocus()
        type_mixed(qtbot, a_box.editor, ALICE_REPLY)
        assert a_box.text() == ALICE_REPLY
        await wait_until(
            lambda: f"{AGENT_NAMES['alice']} is typing…" in b_bar.text.text(),
            what="Bob sees Alice typing",
        )

        # Bob writes too (Alice sees it) and sends first.
        b_box.editor.setFocus()
        type_mixed(qtbot, b_box.editor, BOB_FIRST)
        await wait_until(
            lambda: f"{AGENT_NAMES['bob']} is typing…" in a_bar.text.text(),
            what="Alice sees Bob typing",
        )
        qtbot.keyClick(b_box.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        try:
            await wait_until(
                lambda: bubble_state(bw, BOB_FIRST) == "sent", timeout=30, what="Bob's reply sent"
            )
        except AssertionError as exc:
            stale = bw.ticket_view.composer.stale_dialog
            raise AssertionError(
                f"{exc}; bubble state {bubble_state(bw, BOB_FIRST)!r}, composer "
                f"{b_box.text()!r}, stale dialog {stale.changes if stale else None}, "
                f"connection {bob.sync.state if bob.sync else None}, pending "
                f"{[(i.kind, i.state, i.attempts) for i in bob.store.pending_outbox()]}, failed "
                f"{[(i.kind, i.error) for i in bob.store.failed_outbox()]}"
            ) from exc
        await wait_until(
            lambda: len(bubbles_with_body(aw, BOB_FIRST)) == 1, what="Bob's reply reaches Alice"
        )

        # Alice sends her text, written before Bob's reply: the guard asks first.
        composer = aw.ticket_view.composer
        click(qtbot, a_box.send_button)
        await wait_until(
            lambda: composer.stale_dialog is not None and composer.stale_dialog.isVisible(),
            what="stale-reply dialog shown",
        )
        dialog = composer.stale_dialog
        assert dialog.changes == [BOB_REPLIED]
        assert BOB_REPLIED in dialog.list.text()

        # "Review first": her text stays in the composer and in the draft store, unsent.
        click(qtbot, dialog.review_button)
        await wait_until(lambda: composer.stale_dialog is None, what="dialog closed")
        assert a_box.text() == ALICE_REPLY
        assert alice.store.draft(f"ticket:{ticket.id}") == ALICE_REPLY
        assert not alice.store.pending_outbox()
        assert ALICE_REPLY not in [m.body for m in await checker.messages(ticket.id)]

        # Bob answers again; Alice's next Send lists only what is new since her review.
        b_box.editor.setFocus()
        type_mixed(qtbot, b_box.editor, BOB_SECOND)
        click(qtbot, b_box.send_button)
        await wait_until(lambda: bubble_state(bw, BOB_SECOND) == "sent", what="Bob's 2nd sent")
        await wait_until(
            lambda: len(bubbles_with_body(aw, BOB_SECOND)) == 1, what="Bob's 2nd reaches Alice"
        )
        assert a_box.text() == ALICE_REPLY
        click(qtbot, a_box.send_button)
        await wait_until(
            lambda: composer.stale_dialog is not None and composer.stale_dialog.isVisible(),
            what="stale-reply dialog shown again",
        )
        dialog = composer.stale_dialog
        assert dialog.changes == [BOB_REPLIED]

        # "Send anyway": delivered once, the composer and the draft are empty.
        click(qtbot, dialog.send_button)
        await wait_until(lambda: bubble_state(aw, ALICE_REPLY) == "sent", what="Alice's sent")
        assert a_box.text() == ""
        assert alice.store.draft(f"ticket:{ticket.id}") is None
        bodies = [m.body for m in await checker.messages(ticket.id)]
        assert bodies.count(ALICE_REPLY) == 1
        assert bodies.count(BOB_FIRST) == 1
        assert bodies.count(BOB_SECOND) == 1
        assert bodies.index(BOB_FIRST) < bodies.index(BOB_SECOND) < bodies.index(ALICE_REPLY)
        mine = [m for m in await checker.messages(ticket.id) if m.body == ALICE_REPLY]
        assert mine[0].author_name == AGENT_NAMES["alice"] and mine[0].kind == "reply"

        # Both consoles end on the server's thread, every message once.
        server_bodies = [m.body for m in await checker.messages(ticket.id)]
        for window in (aw, bw):
            await wait_until(
                lambda w=window: (
                    [b.message.body for b in w.ticket_view.conversation.bubbles] == server_bodies
                ),
                what="thread matches the server",
            )

    run_scenario(qasync_loop, scenario, [alice_app, bob_app], clients)


# --- 2. escalation to a department and back --------------------------------------------------

ESCALATION_NOTE = "Please check withdrawal risk flags — 客户说不是本人操作。"
DEPARTMENT_ANSWER = "Risk review done: 已冻结相关地址, safe to tell the customer."


def test_escalation_roundtrip(qasync_loop, qtbot, live_server: LiveServer, tmp_path):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        sara = await api_client(live_server.url, "sara")
        clients.append(sara)
        ticket = next(t for t in await tickets_with_status(sara, "open") if t.open_escalations == 0)
        alice = await sign_in(qtbot, app, "alice")
        window, view = alice.window, alice.window.ticket_view
        await open_ticket(qtbot, window, ticket.id)
        panel = view.escalations
        show_side_tab(qtbot, view, panel)
        assert panel.cards == [] and not panel.escalate_button.isEnabled()

        # Ask Risk & AML with a note.
        await choose_in_combo(qtbot, panel.department_box, "risk_aml")
        panel.note_edit.setFocus()
        type_mixed(qtbot, panel.note_edit, ESCALATION_NOTE)
        click(qtbot, panel.escalate_button)
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "escalation delivered")
        assert not alice.store.failed_outbox()
        assert panel.note_edit.toPlainText() == ""
        [asked] = await sara.escalations(ticket.id)
        assert asked.department == "risk_aml" and asked.status == "open"
        assert asked.note == ESCALATION_NOTE and asked.created_by_name == AGENT_NAMES["alice"]
        on_server = await sara.get_ticket(ticket.id)
        assert on_server.status == "on_hold" and on_server.open_escalations == 1
        await wait_until(lambda: len(panel.cards) == 1, what="side thread shown")
        await wait_until(
            lambda: view.header.status_box.currentData() == "on_hold", what="header on hold"
        )
        assert view.header.escalation_chip.text() == "Escalated (1 open)"
        card = panel.cards[0]
        assert card.note.text() == ESCALATION_NOTE and card.answer.isHidden()

        # The department (a supervisor) answers: the answer arrives live.
        await sara.answer_escalation(
            asked.id, EscalationAnswer(answer=DEPARTMENT_ANSWER), new_idempotency_key()
        )
        await wait_until(
            lambda: panel.cards and panel.cards[0].escalation.answer == DEPARTMENT_ANSWER,
            what="answer shown",
        )
        card = panel.cards[0]
        assert card.answer.text() == DEPARTMENT_ANSWER and not card.answer.isHidden()
        assert card.status.text() == "Answered"
        assert card.answer_caption.text() == f"Answer from {AGENT_NAMES['sara']}"

        # Closed from the panel.
        click(qtbot, card.close_button)
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "close delivered")
        assert not alice.store.failed_outbox()
        [closed] = await sara.escalations(ticket.id)
        assert closed.status == "closed" and closed.answer == DEPARTMENT_ANSWER
        assert (await sara.get_ticket(ticket.id)).open_escalations == 0
        await wait_until(
            lambda: panel.cards and panel.cards[0].escalation.status == "closed",
            what="side thread shown closed",
        )
        assert panel.cards[0].close_button.isHidden()
        await wait_until(lambda: view.header.escalation_chip.isHidden(), what="chip gone")

    run_scenario(qasync_loop, scenario, [app], clients)


# --- 3. linking two tickets -------------------------------------------------------------------


def test_link_two_tickets_and_open_the_linked_one(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        first, second = [t for t in await tickets_with_status(checker, "open") if not t.linked_ids][
            :2
        ]
        alice = await sign_in(qtbot, app, "alice")
        window, view = alice.window, alice.window.ticket_view
        await open_ticket(qtbot, window, first.id)
        related = view.related
        show_side_tab(qtbot, view, related)
        assert related.link_rows == []

        related.link_edit.setFocus()
        qtbot.keyClicks(related.link_edit, str(second.id))
        click(qtbot, related.link_button)
        await wait_until(lambda: not alice.store.pending_outbox(), 30, "link delivered")
        assert not alice.store.failed_outbox()
        assert (await checker.get_ticket(first.id)).linked_ids == [second.id]
        assert (await checker.get_ticket(second.id)).linked_ids == [first.id]

        # The linked ticket is listed by number, subject and status, and opens on click.
        await wait_until(lambda: len(related.link_rows) == 1, what="link shown")
        row = related.link_rows[0].findChild(ClickableRow)
        assert row.title.text() == f"#{second.id} · {second.subject} · Open"
        assert view.side.tabText(view.side.indexOf(related)) == "Related (1)"
        click(qtbot, row)
        await wait_until(lambda: view.ticket_id() == second.id, what="linked ticket opened")
        assert view.header.subject.text() == second.subject
        await wait_until(lambda: len(related.link_rows) == 1, what="link back shown")
        back = related.link_rows[0].findChild(ClickableRow)
        assert back.title.text().startswith(f"#{first.id} · ")

    run_scenario(qasync_loop, scenario, [app], clients)
