"""Live chat delivery end to end: files, an outage, hostile input. Real consoles against the real
reference server, customers played through the customer API.

3. Files both ways: a customer's PNG is previewed for the agent; the agent's file (attached in the
   composer) is listed for the customer and downloads byte for byte.
4. The server goes away mid-conversation while the agent sends and comes back while the customer
   writes: every message exactly once, in the same order, everywhere.
5. Hostile customer input: markup and 4,000 characters stay plain text in a view that holds; a
   bidi override, a 50 MB file and a file that is not what its name says get a clear 4xx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from e2e_chat import (
    HANDOFF,
    bodies,
    customer_sees,
    identity,
    one_agent_in_a_chat,
    png_bytes,
    shown_in_order,
    write,
)
from e2e_inbox import (
    api_client,
    click,
    run_scenario,
    start_console,
)
from e2e_support import LiveServer, wait_until
from PySide6.QtCore import Qt

from console.api.customer_client import ApiError
from console.api.schemas_chat import ChatMessageOut, CustomerChatView

pytestmark = pytest.mark.usefixtures("english_ui")


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
