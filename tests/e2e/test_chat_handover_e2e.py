"""Live chat hand-overs end to end: real consoles (signed in through the dialog, own profiles,
the real sync engine) against the real reference server, customers played through the customer
API. Agents act through the chat page's widgets; outcomes are checked in the widgets, in the
agent's store and on the server.

1. A transfer with a note: the colleague is offered the chat with the note, accepts, and the
   customer keeps the whole conversation (the note never reaches them).
2. Convert to ticket: a ticket with the transcript opens in the console; the chat shows its number.
"""

from __future__ import annotations

from typing import Any

import pytest
from e2e_chat import (
    HANDOFF,
    accept_offer,
    bodies,
    customer_asking_for_a_person,
    customer_sees,
    go_online,
    identity,
    one_agent_in_a_chat,
    plain_customer,
    shown_in_order,
    write,
)
from e2e_inbox import (
    AGENT_NAMES,
    api_client,
    choose_in_combo,
    click,
    run_scenario,
    sign_in,
    start_console,
    type_mixed,
)
from e2e_support import LiveServer, wait_until

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. transfer ---------------------------------------------------------------------------------

TRANSFER_NOTE = "Deposit TXID checked, chain confirmed; needs a funds specialist. 已核实"
ALICE_SAYS = "Hi, Alice here: I can see the deposit on chain. One moment please."
BOB_SAYS = "Bob from funds here: I am crediting your deposit now."


def test_transfer_to_a_colleague_with_a_note_keeps_the_whole_conversation(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    alice_app = start_console(tmp_path / "alice", live_server.url)
    bob_app = start_console(tmp_path / "bob", live_server.url)
    clients: list[Any] = []

    async def scenario() -> None:
        uid = plain_customer(live_server.database)
        alice = await sign_in(qtbot, alice_app, "alice")
        bob = await sign_in(qtbot, bob_app, "bob")
        a_page = await go_online(qtbot, alice)  # only Alice is online: the chat goes to her

        customer = await customer_asking_for_a_person(live_server.url, uid)
        clients.append(customer)
        cid = customer.conversation_id
        await accept_offer(qtbot, a_page, alice, cid)
        await customer.send("TXID 0x5f2c9e, sent 2 hours ago, still not credited.")
        await write(qtbot, a_page, ALICE_SAYS)
        await customer_sees(customer, lambda v: ALICE_SAYS in bodies(v.messages), "Alice")

        # Bob comes online; Alice transfers the chat to him with a note, through the dialog.
        b_page = await go_online(qtbot, bob)
        await wait_until(
            lambda: a_page.header.transfer_button.isVisible(), what="Transfer button shown"
        )
        click(qtbot, a_page.header.transfer_button)
        await wait_until(
            lambda: (d := a_page.actions.transfer_dialog) is not None and d.isVisible(),
            what="transfer dialog open",
        )
        dialog = a_page.actions.transfer_dialog
        await wait_until(
            lambda: dialog.agent_box.findData(bob.me.id) >= 0, what="Bob offered as a target"
        )
        assert dialog.to_agent.isChecked()
        await choose_in_combo(qtbot, dialog.agent_box, bob.me.id)
        dialog.note.setFocus()
        type_mixed(qtbot, dialog.note, TRANSFER_NOTE)
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        await wait_until(lambda: a_page.actions.transfer_dialog is None, what="dialog closed")

        # Bob's console: the offer, with the note, and a toast.
        await wait_until(
            lambda: (row := b_page.list.row(cid)) is not None and row.offered,
            what="Bob offered the chat",
        )
        if b_page.current() != cid:
            click(qtbot, b_page.list.row(cid))
        await wait_until(lambda: b_page.current() == cid, what="Bob's page shows the offer")
        header = b_page.header
        await wait_until(
            lambda: (
                header.note.isVisible() and header.note.text() == f"Transfer note: {TRANSFER_NOTE}"
            ),
            what="the note shown to Bob",
        )
        assert header.offer_bar.isVisible()
        toasts = bob.window.notifier.toasts
        await wait_until(
            lambda: any(
                t.heading.text().startswith("Chat offered to you") for t in toasts.visible_toasts()
            ),
            what="Bob's offer toast",
        )
        # Alice no longer has it.
        await wait_until(lambda: a_page.list.row(cid) is None, what="the chat leaves Alice's list")

        click(qtbot, header.accept_button)
        await wait_until(
            lambda: (
                (c := bob.store.chats.conversation(cid)) is not None
                and c.state == "active"
                and c.assigned_agent_id == bob.me.id
                and b_page.composer.isVisible()
            ),
            what="Bob accepted",
        )
        await write(qtbot, b_page, BOB_SAYS)

        # The customer has every message once, in order, Bob's included, and never the note.
        final = await customer_sees(
            customer,
            lambda v: (
                BOB_SAYS in bodies(v.messages)
                and v.conversation.assigned_agent_id == bob.me.id
                and all(m.seq for m in v.messages)
            ),
            "Bob's reply",
        )
        said = bodies(final.messages)
        assert [m.seq for m in final.messages] == list(range(1, len(final.messages) + 1))
        for text in (HANDOFF, ALICE_SAYS, BOB_SAYS):
            assert said.count(text) == 1, said
        assert said.index(HANDOFF) < said.index(ALICE_SAYS) < said.index(BOB_SAYS)
        assert not any(TRANSFER_NOTE in body for body in said)
        assert TRANSFER_NOTE not in final.model_dump_json()
        authors = {m.body: m.author_name for m in final.messages if m.sender == "agent"}
        assert authors == {ALICE_SAYS: AGENT_NAMES["alice"], BOB_SAYS: AGENT_NAMES["bob"]}

        # Bob's console holds the same conversation, as does his conversation view.
        await wait_until(
            lambda: identity(bob.store.chats.messages(cid)) == identity(final.messages),
            what="Bob's store has the whole conversation",
        )
        await wait_until(
            lambda: identity(shown_in_order(b_page)) == identity(final.messages),
            what="Bob's view shows the whole conversation",
        )
        server = await api_client(live_server.url, "sara")
        clients.append(server)
        conversation = await server.chat(cid)
        assert conversation.assigned_agent_id == bob.me.id
        assert conversation.transfer_note == TRANSFER_NOTE

    run_scenario(qasync_loop, scenario, [alice_app, bob_app], clients)


# --- 2. chat -> ticket ---------------------------------------------------------------------------

CONVERT_ASKS = "My withdrawal of 0.8 ETH is stuck on 'processing' since yesterday."
CONVERT_REPLY = "I will open a ticket so our funds team can follow it up by email."


def test_convert_to_ticket_opens_a_ticket_with_the_transcript(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[Any] = []

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, app, clients)
        cid = customer.conversation_id
        await customer.send(CONVERT_ASKS)
        await wait_until(
            lambda: CONVERT_ASKS in bodies(shown_in_order(page)),
            what="the customer's message shown",
        )
        await write(qtbot, page, CONVERT_REPLY)
        await wait_until(
            lambda: all(m.seq for m in alice.store.chats.messages(cid)), what="reply confirmed"
        )
        transcript = list(alice.store.chats.messages(cid))

        window = alice.window
        header = page.header
        assert header.convert_button.isVisible() and not header.ticket_button.isVisible()
        click(qtbot, header.convert_button)

        # The new ticket opens in the console.
        view = window.ticket_view
        await wait_until(
            lambda: window.current_page() == "inbox" and view.ticket_id() is not None,
            what="a ticket opened",
        )
        ticket_id = view.ticket_id()
        await wait_until(
            lambda: view.header.meta.text().startswith(f"#{ticket_id} "), what="ticket header"
        )
        note_lines = [f"{m.author_name} ({m.sender}): {m.body}" for m in transcript]
        shown = lambda: "\n".join(b.message.body for b in view.conversation.bubbles)  # noqa: E731
        await wait_until(
            lambda: all(line in shown() for line in note_lines),
            what="the transcript in the ticket's conversation",
        )

        # On the server: the customer's words open the ticket, the whole transcript is a note.
        server = await api_client(live_server.url, "sara")
        clients.append(server)
        ticket = await server.get_ticket(ticket_id)
        assert ticket.customer_uid == plain_customer(live_server.database)
        assert ticket.assignee_id == alice.me.id
        assert ticket.subject.startswith("Live chat: ") and HANDOFF[:40] in ticket.subject
        messages = await server.messages(ticket_id)
        assert HANDOFF in messages[0].body and CONVERT_ASKS in messages[0].body
        [note] = [m for m in messages if m.kind == "note"]
        assert f"live chat #{cid}" in note.body
        for line in note_lines:
            assert note.body.count(line) == 1, line
        assert note.body.index(HANDOFF) < note.body.index(CONVERT_ASKS)
        assert note.body.index(CONVERT_ASKS) < note.body.index(CONVERT_REPLY)

        # The conversation shows the ticket's number, for the agent and for the customer.
        click(qtbot, window.rail.buttons["chats"])
        await wait_until(lambda: window.current_page() == "chats", what="back on the chats page")
        await wait_until(
            lambda: (
                header.ticket_button.isVisible()
                and header.ticket_button.text() == f"Open ticket #{ticket_id}"
                and not header.convert_button.isVisible()
            ),
            what="the chat shows its ticket",
        )
        seen = await customer_sees(
            customer, lambda v: v.conversation.ticket_id == ticket_id, "the ticket number"
        )
        assert seen.conversation.state == "active"  # the chat goes on; the ticket follows up
        click(qtbot, header.ticket_button)
        await wait_until(
            lambda: window.current_page() == "inbox" and view.ticket_id() == ticket_id,
            what="the ticket opened again from the chat",
        )

    run_scenario(qasync_loop, scenario, [app], clients)
