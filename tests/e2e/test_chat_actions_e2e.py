"""Live chat actions end to end: real consoles (signed in through the dialog, own profiles, the
real sync engine) against the real reference server, customers played through the customer API.
Agents act through the chat page's widgets; outcomes are checked in the widgets, in the agent's
store and on the server (the customer's own view, a supervisor's client).

1. A transfer with a note: the colleague is offered the chat with the note, accepts, and the
   customer keeps the whole conversation (the note never reaches them).
2. Convert to ticket: a ticket with the transcript opens in the console; the chat shows its number.
3. Files both ways: a customer's PNG is previewed for the agent; the agent's file (attached in the
   composer) is listed for the customer and downloads byte for byte.
4. The server goes away mid-conversation while the agent sends and comes back while the customer
   writes: every message exactly once, in the same order, everywhere.
5. Hostile customer input: markup and 4,000 characters stay plain text in a view that holds; a
   bidi override, a 50 MB file and a file that is not what its name says get a clear 4xx.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
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
from e2e_support import LiveServer, server_db, wait_until
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage

from console.api.customer_client import ApiError, CustomerClient
from console.api.schemas_chat import ChatMessageOut, CustomerChatView

pytestmark = pytest.mark.usefixtures("english_ui")

HANDOFF = "Hello, I would like to talk to a human agent about my deposit."


# --- setting the scene ---------------------------------------------------------------------------


def plain_customer(database: Path) -> str:
    """The UID of an English-speaking customer with no VIP tier and no account manager, so
    routing depends only on which agents are online."""
    with closing(server_db(database)) as conn:
        row = conn.execute(
            "SELECT uid FROM customers WHERE language = 'en' AND vip_tier = 0 "
            "AND account_manager_id IS NULL ORDER BY uid LIMIT 1"
        ).fetchone()
    assert row is not None, "the demo workspace has no plain English customer"
    return str(row[0])


async def chat_page(qtbot, session) -> Any:
    window = session.window
    click(qtbot, window.rail.buttons["chats"])
    await wait_until(lambda: window.current_page() == "chats", what="chats page shown")
    page = window.chat_pages.page
    assert page is not None and page.isVisible()
    return page


async def go_online(qtbot, session) -> Any:
    """The agent opens the chats page and sets their status to Online in its header."""
    page = await chat_page(qtbot, session)
    await choose_in_combo(qtbot, page.status_box, "online")
    board = session.sync.chat_status
    await wait_until(
        lambda: board.mine is not None and board.mine.status == "online",
        what=f"{session.me.username} online on the server",
    )
    return page


async def customer_asking_for_a_person(url: str, uid: str, text: str = HANDOFF) -> CustomerClient:
    customer = CustomerClient(url)
    session = await customer.start("en", customer_uid=uid, text=text)
    assert session.conversation.state in ("queued", "offered"), session.conversation.state
    return customer


async def accept_offer(qtbot, page, session, conversation_id: int) -> None:
    """The offer shows up in the agent's list; they click its Accept button."""
    await wait_until(
        lambda: (row := page.list.row(conversation_id)) is not None and row.offered,
        what=f"{session.me.username}: chat {conversation_id} offered",
    )
    row = page.list.row(conversation_id)
    click(qtbot, row.accept_button)
    await wait_until(
        lambda: (
            (c := session.store.chats.conversation(conversation_id)) is not None
            and c.state == "active"
            and c.assigned_agent_id == session.me.id
            and page.current() == conversation_id
            and page.composer.isVisible()
        ),
        what=f"{session.me.username}: chat {conversation_id} accepted and open",
    )


async def write(qtbot, page, text: str) -> None:
    """Type in the composer and press Enter."""
    editor = page.composer.editor
    editor.setFocus()
    type_mixed(qtbot, editor, text)
    assert page.composer.text() == text
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    await wait_until(lambda: page.composer.text() == "", what="composer cleared after sending")


async def customer_sees(customer: CustomerClient, condition, what: str) -> CustomerChatView:
    """Long-poll the customer's view until `condition(view)` holds."""
    view = await customer.view()
    for _ in range(40):
        if condition(view):
            return view
        view = await customer.view(wait=1.0, after_version=view.conversation.version)
    raise AssertionError(f"the customer never saw {what}; last view: {view.messages!r}")


def bodies(messages) -> list[str]:
    return [m.body for m in messages]


def identity(messages) -> list[tuple[int | None, str | None, str]]:
    """What makes a message the same message: its place, its client id, its sender."""
    return [(m.seq, m.client_id, m.sender) for m in messages]


def shown_in_order(page) -> list[Any]:
    """The messages of the open chat as the transcript lays them out, top to bottom."""
    transcript = page.transcript
    canvas = transcript.scroll.widget()
    canvas.layout().activate()
    widgets = [*transcript.bubbles, *transcript.system_lines]
    return [w.message for w in sorted(widgets, key=lambda w: w.mapTo(canvas, QPoint(0, 0)).y())]


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f7de1"))
    for x in range(width):
        image.setPixelColor(x, x * height // width, QColor("#f5b700"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


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


async def one_agent_in_a_chat(qtbot, live_server: LiveServer, app, clients: list, text=HANDOFF):
    """Alice online and in an active chat with a plain customer (who asked for a person)."""
    uid = plain_customer(live_server.database)
    alice = await sign_in(qtbot, app, "alice")
    page = await go_online(qtbot, alice)
    customer = await customer_asking_for_a_person(live_server.url, uid, text)
    clients.append(customer)
    await accept_offer(qtbot, page, alice, customer.conversation_id)
    return alice, page, customer


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


# --- 3. files both ways --------------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


class _ChosenFiles:
    """The system's file dialog, answered: the agent picked `paths`."""

    paths: list[Path] = []

    @classmethod
    def getOpenFileNames(cls, *_args: object, **_kwargs: object) -> tuple[list[str], str]:
        return [str(p) for p in cls.paths], ""


def test_files_go_both_ways_with_a_preview_and_the_same_bytes(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path, monkeypatch
):
    import console.ui.chat.chat_composer as chat_composer

    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[Any] = []
    steps = tmp_path / "withdrawal-steps.pdf"
    steps.write_bytes(PDF)
    _ChosenFiles.paths = [steps]
    monkeypatch.setattr(chat_composer, "QFileDialog", _ChosenFiles)

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, app, clients)
        cid = customer.conversation_id

        # The customer sends a screenshot: the agent sees it as a picture.
        shot = png_bytes()
        upload = await customer.upload("screenshot.png", shot, "image/png")
        assert upload.content_type == "image/png" and upload.size == len(shot)
        await customer.send("Here is what the app shows", attachment_ids=[upload.id])

        def chip():
            bubbles = [b for b in page.transcript.bubbles if b.message.attachments]
            return bubbles[-1].attachments.chips[0] if bubbles else None

        await wait_until(lambda: chip() is not None, what="the screenshot's message shown")
        await wait_until(lambda: chip().has_preview(), what="the screenshot previewed")
        assert chip().name.text() == "screenshot.png"
        pixmap = chip().thumbnail.pixmap()
        assert (pixmap.width(), pixmap.height()) == (64, 48)
        assert chip().thumbnail.isVisible()
        server = await api_client(live_server.url, "sara")
        clients.append(server)
        assert await server.chat_attachment_bytes(upload.id) == shot

        # The agent attaches a PDF in the composer and sends it with a line of text.
        click(qtbot, page.composer.attach_button)
        await wait_until(lambda: page.composer.files() == [steps], what="file queued")
        assert page.composer.files_row.isVisible() and not page.composer.file_error.isVisible()
        await write(qtbot, page, "The steps are in this PDF.")
        assert page.composer.files() == []

        # The customer's view lists it; the download is the same bytes.
        view = await customer_sees(
            customer,
            lambda v: any(m.sender == "agent" and m.attachments for m in v.messages),
            "the agent's file",
        )
        [sent] = [m for m in view.messages if m.sender == "agent" and m.attachments]
        assert sent.body == "The steps are in this PDF."
        [file] = sent.attachments
        assert (file.filename, file.content_type, file.size) == (
            "withdrawal-steps.pdf",
            "application/pdf",
            len(PDF),
        )
        assert await customer.attachment(file.id) == PDF
        # The agent's own bubble now lists the uploaded file, not a pending one.
        await wait_until(
            lambda: any(
                [c.name.text() for c in b.attachments.chips] == ["withdrawal-steps.pdf"]
                and not b.attachments.pending
                for b in page.transcript.bubbles
                if b.sender == "agent"
            ),
            what="the agent's file shown as sent",
        )
        assert identity(alice.store.chats.messages(cid)) == identity(view.messages)

    run_scenario(qasync_loop, scenario, [app], clients)


# --- 4. the server goes away mid-conversation ----------------------------------------------------


def test_a_server_restart_mid_conversation_loses_and_duplicates_nothing(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[Any] = []

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, app, clients)
        cid = customer.conversation_id
        window = alice.window
        await customer.send("Before: my card payment failed twice.")
        await write(qtbot, page, "Before: let me check the payment gateway.")
        await customer_sees(
            customer, lambda v: "Before: let me check" in bodies(v.messages)[-1], "first reply"
        )

        await live_server.stop_async()
        await wait_until(lambda: window.connection.state() != "online", what="console offline")
        offline = ["Offline 1: the gateway reports a timeout.", "Offline 2: 请稍候，我们正在重试。"]
        for text in offline:
            await write(qtbot, page, text)

        def pending() -> list[Any]:
            return [b.message for b in page.transcript.bubbles if b.message.body in offline]

        await wait_until(lambda: bodies(pending()) == offline, what="offline messages shown")
        assert all(m.seq is None for m in pending())  # shown at once, not sent yet

        await live_server.start_async()
        after = ["After 1: are you still there?", "After 2: 我还在等。"]
        for text in after:  # right away, racing the console's reconnect and outbox
            await customer.send(text)

        def everything(v: CustomerChatView) -> bool:
            said = bodies(v.messages)
            return all(t in said for t in offline + after)

        final = await customer_sees(customer, everything, "every message")
        expected = identity(final.messages)
        assert [m.seq for m in final.messages] == list(range(1, len(expected) + 1))
        said = bodies(final.messages)
        for text in offline + after:
            assert said.count(text) == 1, said
        assert said.index(offline[0]) < said.index(offline[1])
        assert said.index(after[0]) < said.index(after[1])
        client_ids = [m.client_id for m in final.messages if m.client_id]
        assert len(client_ids) == len(set(client_ids))

        await wait_until(lambda: window.connection.state() == "online", 30, "console online")
        await wait_until(
            lambda: identity(alice.store.chats.messages(cid)) == expected,
            what="the agent's store holds each message once, in order",
        )
        await wait_until(
            lambda: identity(shown_in_order(page)) == expected,
            what="the agent's view shows each message once, in order",
        )
        assert [b.message.body for b in page.transcript.bubbles] == [
            m.body for m in final.messages if m.sender != "system"
        ]
        assert not alice.store.pending_outbox() and not alice.store.failed_outbox()
        server = await api_client(live_server.url, "sara")
        clients.append(server)
        assert identity(await server.chat_messages(cid)) == expected
        conversation = await server.chat(cid)
        assert (conversation.state, conversation.assigned_agent_id) == ("active", alice.me.id)

    run_scenario(qasync_loop, scenario, [app], clients)


# --- 5. hostile customer input -------------------------------------------------------------------

MARKUP = "<b>x</b><script>alert('pwned')</script> <img src=x onerror=alert(1)> [a](javascript:x) "
HASH = "0x" + "9f" * 160  # one 322-character word: it must wrap, not widen the view


def hostile_text(length: int = 4000) -> str:
    words = MARKUP + "\n" + HASH + "\n"
    filler = "Please check my account, the withdrawal has not arrived yet. "
    while len(words) < length:
        words += filler
    return words[:length]


async def refused(call, status: int, code: str) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await call
    error = caught.value
    assert (error.status, error.code) == (status, code), repr(error)
    assert error.message.strip()  # a sentence saying why, not an empty error
    return error


def test_hostile_customer_input_is_plain_text_or_a_clear_refusal(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "alice", live_server.url)
    clients: list[Any] = []

    async def scenario() -> None:
        alice, page, customer = await one_agent_in_a_chat(qtbot, live_server, app, clients)
        window = alice.window
        width_before = window.width()

        # Refused with a clear 4xx, and nothing of it reaches the agent.
        await refused(customer.send("refund to \u202egnp.exe please"), 422, "invalid_request")
        await refused(customer.send(hostile_text(4001)), 422, "invalid_request")
        huge = png_bytes() + bytes(50 * 1024 * 1024)
        await refused(customer.upload("huge.png", huge, "image/png"), 413, "payload_too_large")
        await refused(
            customer.upload("photo.png", PDF, "image/png"), 415, "unsupported_type"
        )  # a PDF named .png
        await refused(
            customer.upload("setup.exe", b"MZ\x90\x00", "image/png"), 415, "unsupported_type"
        )

        # Markup, a long word and 4,000 characters: accepted, and shown as the text it is.
        text = hostile_text()
        assert len(text) == 4000
        turned = await customer.upload("invoice\u202egnp.png", png_bytes(), "image/png")
        assert turned.filename == "invoicegnp.png"  # the bidi override is gone from the name
        sent = await customer.send(text, attachment_ids=[turned.id])
        assert sent.body == text

        def bubble():
            found = [b for b in page.transcript.bubbles if b.message.body == text]
            return found[0] if len(found) == 1 else None

        await wait_until(lambda: bubble() is not None, what="the hostile message shown once")
        shown = bubble()
        assert shown.body.toPlainText() == text
        assert not shown.body.acceptRichText()
        html = shown.body.document().toHtml()
        assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
        assert [c.name.text() for c in shown.attachments.chips] == ["invoicegnp.png"]
        scroll = page.transcript.scroll
        await wait_until(
            lambda: shown.width() <= scroll.viewport().width(), what="the bubble fits the view"
        )
        assert scroll.horizontalScrollBar().maximum() == 0
        assert shown.body.height() > 10 * shown.body.fontMetrics().height()  # all of it, wrapped
        assert window.width() == width_before
        row = page.list.row(customer.conversation_id)
        assert row is not None and row.preview.textFormat() == Qt.TextFormat.PlainText

        # The view still works: the agent answers, the customer reads it.
        await write(qtbot, page, "Thanks, I can read your message. Checking now.")
        view = await customer_sees(
            customer, lambda v: bodies(v.messages)[-1].startswith("Thanks, I can read"), "reply"
        )
        customer_said = [m.body for m in view.messages if m.sender == "customer"]
        assert customer_said == [HANDOFF, text]  # the refused ones left no trace
        message: ChatMessageOut = next(m for m in view.messages if m.body == text)
        assert [a.filename for a in message.attachments] == ["invoicegnp.png"]

    run_scenario(qasync_loop, scenario, [app], clients)
