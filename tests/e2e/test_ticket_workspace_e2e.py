"""The ticket workspace, driven through the real widgets against the real server: the ticket's
properties; notes and replies; attachments; macros."""

from __future__ import annotations

import json

import pytest
from e2e_support import wait_until
from e2e_widgets import bubbles_with_body, commit_text, shown_bubble
from e2e_workspace import (
    attachments_named,
    choose_from_menu,
    idempotent_writes,
    open_ticket,
    outbox_drained,
    pick,
    rendered_background,
    server_tickets,
    settle,
    sign_in,
)
from e2e_workspace_run import Run
from PySide6.QtCore import Qt

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. the ticket's properties ------------------------------------------------------------------


def test_ticket_properties_through_the_header(qtbot, run: Run):
    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        tickets = await server_tickets(checker, status=("new", "open"))
        ticket = next(
            (t for t in tickets if t.suggested_priority and t.suggested_priority == t.priority),
            None,
        )
        assert ticket is not None, "no open ticket with a priority suggestion in the demo"
        bob = next(a for a in await checker.agents() if a.username == "bob")
        await wait_until(lambda: session.agents(), what="colleagues loaded")
        await open_ticket(qtbot, window, ticket.id)
        header = window.ticket_view.header
        await wait_until(lambda: header.subject.text() == ticket.subject, what="header")
        assert header.suggestion.text() == "Suggested"
        me = session.me.id
        before = len(idempotent_writes(run.server.database, me))
        writes = 0

        async def changed(what: str, test) -> None:
            nonlocal writes
            writes += 1
            await wait_until(lambda: _holds(test), 20, f"{what} on the server")
            await outbox_drained(session)
            made = idempotent_writes(run.server.database, me)[before:]
            assert len(made) == writes, f"{what}: {len(made)} writes for {writes} changes"
            on_server = await checker.get_ticket(ticket.id)
            assert test(on_server), f"{what}: server has {on_server!r}"

        def _holds(test) -> bool:
            cached = session.store.ticket(ticket.id)
            return cached is not None and test(cached) and not session.store.pending_outbox()

        # Status.
        new_status = "pending" if ticket.status != "pending" else "open"
        await pick(qtbot, header.status_box, new_status)
        await changed("status", lambda t: t.status == new_status)

        # Priority: the agent overrides the suggestion; the suggestion stays, shown as differing.
        override = "low" if ticket.suggested_priority != "low" else "normal"
        await pick(qtbot, header.priority_box, override)
        await changed(
            "priority",
            lambda t: t.priority == override and t.suggested_priority == ticket.suggested_priority,
        )
        await wait_until(lambda: header.suggestion.text().startswith("Suggested: "), what="hint")
        assert header.suggestion.property("differs") is True

        # Category.
        category = "kyc" if ticket.category != "kyc" else "spot"
        await pick(qtbot, header.category_box, category)
        await changed("category", lambda t: t.category == category)

        # Tags, typed and confirmed with Enter.
        tags = ["callback-requested", "vip-review"]
        edit = header.tags_edit
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, "Callback-Requested, vip-review ,callback-requested")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        await changed("tags", lambda t: list(t.tags) == tags)

        # Assignee: a colleague.
        await pick(qtbot, header.assignee_box, bob.id)
        await changed("assignee", lambda t: t.assignee_id == bob.id)

        final = await checker.get_ticket(ticket.id)
        assert (final.status, final.priority, final.category, final.tags, final.assignee_id) == (
            new_status,
            override,
            category,
            tags,
            bob.id,
        )
        responses = [json.loads(body) for _id, body in idempotent_writes(run.server.database, me)]
        assert len(responses) == before + 5
        assert {r["id"] for r in responses[before:]} == {ticket.id}

    run.run(scenario)


# --- 2. internal note and reply ------------------------------------------------------------------

NOTE = "内部备注：客户的提币地址已在风控白名单中 — checked by risk."
REPLY = "您好！Your withdrawal is being processed. 请耐心等待。"


def test_internal_note_and_reply_are_kept_apart(qtbot, run: Run):
    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        ticket = (await server_tickets(checker, status=("new", "open")))[0]
        await open_ticket(qtbot, window, ticket.id)
        view = window.ticket_view
        box = view.reply_box
        history = await checker.messages(ticket.id)
        await wait_until(lambda: len(view.conversation.bubbles) == len(history), what="thread")

        # A note: the composer says so, Ctrl+Enter adds it.
        qtbot.mouseClick(box.note_button, Qt.MouseButton.LeftButton)
        assert box.kind() == "note" and box.property("mode") == "note"
        assert box.hint.text() == "Only colleagues see internal notes."
        assert box.send_button.text() == "Add note"
        box.editor.setFocus()
        commit_text(box.editor, "内部备注：客户的提币地址已在风控白名单中")
        commit_text(box.editor, " — checked by risk.")
        assert box.text() == NOTE
        qtbot.keyClick(box.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await wait_until(lambda: box.text() == "", what="note queued")

        # A reply.
        qtbot.mouseClick(box.reply_button, Qt.MouseButton.LeftButton)
        assert box.kind() == "reply" and box.send_button.text() == "Send reply"
        commit_text(box.editor, "您好！")
        qtbot.keyClicks(box.editor, "Your withdrawal is being processed. ")
        commit_text(box.editor, "请耐心等待。")
        assert box.text() == REPLY
        qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
        await outbox_drained(session)

        on_server = await checker.messages(ticket.id)
        kinds = {m.body: m.kind for m in on_server if m.body in (NOTE, REPLY)}
        assert kinds == {NOTE: "note", REPLY: "reply"}
        assert len(on_server) == len(history) + 2

        # The thread shows the note as internal, in its own colours; the reply as a reply.
        await wait_until(
            lambda: shown_bubble(window, NOTE) and shown_bubble(window, REPLY),
            what="both bubbles",
        )
        [note] = bubbles_with_body(window, NOTE)
        [reply] = bubbles_with_body(window, REPLY)
        assert note.objectName() == "noteMessage" and reply.objectName() == "replyMessage"
        assert note.kind_tag.isVisible() and note.kind_tag.text() == "Internal note"
        assert reply.kind_tag.text() == "Reply"
        customer = next(b for b in view.conversation.bubbles if b.message.kind == "customer")
        note_colour = rendered_background(note)
        assert note_colour != rendered_background(reply)
        assert note_colour != rendered_background(customer)

    run.run(scenario)


# --- 3. attachments ------------------------------------------------------------------------------


def _png(path, colour: str = "#2563eb"):
    from PySide6.QtGui import QColor, QImage

    image = QImage(48, 32, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def test_attachments_upload_preview_save_and_refusal(qtbot, run: Run, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    picked: list[str] = []
    save_to: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (list(picked), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (save_to[0], ""))
    )
    files = tmp_path / "files"
    files.mkdir()
    image = _png(files / "screenshot 提币.png")
    text = files / "txid.txt"
    text.write_text("TxID 0x9f3c…\n链上确认 12/12\n", encoding="utf-8")
    body = "Here are the screenshot and the TxID. 请查收附件。"

    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        ticket = (await server_tickets(checker, status=("new", "open")))[-1]
        await open_ticket(qtbot, window, ticket.id)
        box = window.ticket_view.reply_box

        picked[:] = [str(image), str(text)]
        qtbot.mouseClick(box.attach_button, Qt.MouseButton.LeftButton)
        assert box.files() == [image, text]
        assert box.files_row.isVisible() and not box.file_error.isVisible()
        box.editor.setFocus()
        qtbot.keyClicks(box.editor, "Here are the screenshot and the TxID. ")
        commit_text(box.editor, "请查收附件。")
        qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
        await outbox_drained(session)

        [message] = [m for m in await checker.messages(ticket.id) if m.body == body]
        assert [a.filename for a in message.attachments] == [image.name, text.name]
        for attachment, original in zip(message.attachments, (image, text), strict=True):
            copy = await checker.download_attachment(
                attachment.id, tmp_path / f"dl-{attachment.id}"
            )
            assert copy.read_bytes() == original.read_bytes()

        # The bubble: a thumbnail for the image, a chip for the text file.
        await wait_until(lambda: shown_bubble(window, body) is not None, what="bubble")
        [bubble] = bubbles_with_body(window, body)
        chips = bubble.attachments.chips
        assert [c.name.text() for c in chips] == [image.name, text.name]
        await wait_until(lambda: chips[0].has_preview(), 20, "image thumbnail")
        assert chips[0].thumbnail.isVisible() and not chips[1].thumbnail.isVisible()
        assert chips[1].isVisible() and chips[1].kind_badge.text() == "TXT"

        # Save as…: the bytes the customer would get, where the agent chose.
        for chip, original in zip(chips, (image, text), strict=True):
            dest = tmp_path / f"saved-{original.name}"
            save_to[:] = [str(dest)]
            qtbot.mouseClick(chip.save_button, Qt.MouseButton.LeftButton)
            await wait_until(dest.exists, 20, f"{dest.name} saved")
            assert dest.read_bytes() == original.read_bytes()

        # A program is refused in the composer, with the reason shown; nothing is queued.
        program = files / "invoice.exe"
        program.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
        picked[:] = [str(program)]
        qtbot.mouseClick(box.attach_button, Qt.MouseButton.LeftButton)
        assert box.files() == []
        assert box.file_error.isVisible() and "invoice.exe" in box.file_error.text()

        # A "picture" that is not one: refused, visibly; the server stores nothing of it.
        fake = files / "receipt.png"
        fake.write_bytes(b"this is not an image at all\n" * 4)
        fake_body = "A receipt that is not a picture."
        picked[:] = [str(fake)]
        before = len(await checker.messages(ticket.id))
        qtbot.mouseClick(box.attach_button, Qt.MouseButton.LeftButton)
        if box.files():  # the composer let it through: the server must refuse it
            box.editor.setFocus()
            qtbot.keyClicks(box.editor, fake_body)
            qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
            stale = window.ticket_view.composer.stale_dialog
            assert stale is None, f"nothing changed, yet the guard asks: {stale.changes}"
            await wait_until(
                lambda: (
                    [(b.message.state, b.isVisible()) for b in bubbles_with_body(window, fake_body)]
                    == [("failed", True)]
                ),
                20,
                "refused upload shown as not sent",
            )
            [failed] = bubbles_with_body(window, fake_body)
            assert failed.state_label.isVisible()
            assert failed.state_label.text().startswith("Not sent")
        else:
            assert box.file_error.isVisible() and "receipt.png" in box.file_error.text()
        assert attachments_named(run.server.database, "receipt.png") == 0
        assert len(await checker.messages(ticket.id)) == before

    run.run(scenario)


# --- 4. macro, then send and set the status ------------------------------------------------------


def _filled(body: str, **values: str) -> str:
    for name, value in values.items():
        body = body.replace("{" + name + "}", value)
    return body


def test_macro_in_chinese_then_send_and_solve(qtbot, run: Run):
    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        ticket = next(
            t for t in await server_tickets(checker, status=("new", "open")) if t.language == "zh"
        )
        macro = (await checker.macros())[0]
        assert "zh" in macro.bodies and macro.bodies["zh"] != macro.bodies.get("en")
        customer = await checker.customer(ticket.customer_uid)
        expected = _filled(
            macro.bodies["zh"],
            customer_name=customer.display_name,
            uid=ticket.customer_uid,
            ticket_id=str(ticket.id),
            agent_name=session.me.display_name,
        )
        assert "{" not in expected and customer.display_name in expected
        await wait_until(lambda: session.store.macros(), what="macros cached")
        await open_ticket(qtbot, window, ticket.id)
        view = window.ticket_view
        box = view.reply_box

        await choose_from_menu(qtbot, box.macro_button, box.macro_menu, macro.name)
        assert box.text() == expected
        assert box.kind() == "reply"
        assert str(ticket.id) in box.text() and ticket.customer_uid in box.text()

        await choose_from_menu(qtbot, box.send_menu_button, box.send_menu, "Send and set Solved")
        await wait_until(lambda: box.text() == "", what="sent")
        await outbox_drained(session)
        replies = [m for m in await checker.messages(ticket.id) if m.kind == "reply"]
        assert [m.body for m in replies].count(expected.strip()) == 1
        final = await checker.get_ticket(ticket.id)
        assert final.status == "solved"
        assert set(macro.add_tags) <= set(final.tags)
        assert set(ticket.tags) <= set(final.tags)
        await wait_until(
            lambda: view.header.status_box.currentData() == "solved", what="header shows solved"
        )

    run.run(scenario)
