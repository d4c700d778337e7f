"""The inbox and the ticket workspace, driven through the real widgets against the real server:
views, filters, search, sorting and saved views; the ticket's properties; notes and replies;
attachments; macros; the customer panel; notifications; the keyboard."""

from __future__ import annotations

import asyncio
import json

import pytest
from e2e_support import DEMO_PASSWORD, LiveServer, wait_until
from e2e_widgets import bubbles_with_body, commit_text
from e2e_workspace import (
    OPEN,
    PRIORITY_RANK,
    activate,
    answer_name_dialog,
    attachments_named,
    choose_from_menu,
    click_header,
    click_view,
    customer_email,
    customer_writes,
    idempotent_writes,
    inbox_ids,
    open_ticket,
    outbox_drained,
    pick,
    rendered_background,
    search,
    server_ids,
    server_tickets,
    settle,
    sign_in,
    visible_toplevel,
    watching_stray_windows,
)
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.schemas import TicketCreate, TicketUpdate
from console.ui.inbox.ticket_table_model import Column
from console.ui.launcher import Launcher, LaunchOptions

pytestmark = pytest.mark.usefixtures("english_ui")


class Run:
    """One console (alice) and a colleague's client (bob) on the live server."""

    def __init__(self, qasync_loop, live_server: LiveServer, profile) -> None:
        self.loop = qasync_loop
        self.server = live_server
        self.profile = profile
        self.launcher = Launcher(LaunchOptions(profile_dir=profile, server_url=live_server.url))
        self.checker = SupportClient(live_server.url)

    def run(self, scenario) -> None:
        """Run the scenario and close everything inside one run of the loop: qasync processes
        pending events once more after each run, outside the loop, where a request still in
        flight would fail."""

        async def main() -> None:
            try:
                await self.checker.login("bob", DEMO_PASSWORD)
                await scenario()
            finally:
                try:
                    await self.launcher.aclose()
                finally:
                    await self.checker.aclose()

        with watching_stray_windows() as stray:
            self.loop.run_until_complete(main())
        assert not stray.seen, (
            f"widgets flashed as windows of their own (shown before they had a parent): "
            f"{stray.seen}"
        )


@pytest.fixture
def run(qasync_loop, live_server, tmp_path) -> Run:
    return Run(qasync_loop, live_server, tmp_path / "profile")


async def _customer_with_history(checker: SupportClient):
    """A customer with a transfer carrying a tx hash and at least two tickets: if the demo's
    customer has only one, a colleague logs a second one for them (as from a phone call)."""
    tickets = await server_tickets(checker)
    by_uid: dict[str, list[int]] = {}
    for ticket in tickets:
        by_uid.setdefault(ticket.customer_uid, []).append(ticket.id)
    chosen = None
    for uid, ids in sorted(by_uid.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        customer = await checker.customer(uid)
        if any(t.tx_hash for t in customer.transfers):
            chosen = customer, ids
            break
    assert chosen is not None, "no customer of the demo has a transfer with a tx hash"
    customer, ids = chosen
    if len(ids) < 2:
        first = next(t for t in tickets if t.id == ids[0])
        created = await checker.create_ticket(
            TicketCreate(
                subject="Phone call: asked again about the transfer",
                body="客户来电询问转账进度。Caller asked about the transfer again.",
                customer_uid=customer.uid,
                channel="phone",
                category=first.category,
                language=first.language,
                priority="normal",
            )
        )
        ids = [*ids, created.id]
        customer = await checker.customer(customer.uid)
    return customer, sorted(ids)


# --- 1. views, filters, search, sorting, saved views ---------------------------------------------


def test_views_filters_search_sort_and_saved_views(qtbot, run: Run, tmp_path):
    async def scenario() -> None:
        checker = run.checker
        customer, their_tickets = await _customer_with_history(checker)
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        await settle(session, checker)
        inbox = window.inbox
        panel = inbox.views_panel

        # Counts per view are the server's.
        expected_counts = {
            "view:unassigned": len(await server_ids(checker, status=OPEN, assignee="none")),
            "view:open": len(await server_ids(checker, status=OPEN)),
            "view:pending": len(await server_ids(checker, status="pending")),
            "view:vip": len(await server_ids(checker, status=OPEN, vip=True)),
            "view:all": len(await server_ids(checker)),
        }
        alice = session.me.id
        expected_counts["view:mine"] = len(await server_ids(checker, status=OPEN, assignee=alice))
        assert expected_counts["view:unassigned"] > 0
        await wait_until(
            lambda: {k: panel.count_of(k) for k in expected_counts} == expected_counts,
            what=f"view counts {expected_counts}",
        )

        # A view shows exactly the server's tickets of it.
        click_view(qtbot, window, "view:unassigned")
        unassigned = await server_ids(checker, status=OPEN, assignee="none")
        await wait_until(lambda: sorted(inbox_ids(window)) == sorted(unassigned), what="unassigned")
        assert inbox.current_view() == "unassigned"

        # Channel, then language, then another view: always the server's answer.
        await pick(qtbot, inbox.filter_bar.boxes["channel"], "in_app")
        click_view(qtbot, window, "view:pending")
        wanted = await server_ids(checker, status="pending", channel="in_app")
        assert wanted
        await wait_until(lambda: sorted(inbox_ids(window)) == sorted(wanted), what="pending in-app")
        await pick(qtbot, inbox.filter_bar.boxes["language"], "zh")
        wanted = await server_ids(checker, status="pending", channel="in_app", language="zh")
        assert wanted
        await wait_until(lambda: sorted(inbox_ids(window)) == sorted(wanted), what="+ Chinese")
        click_view(qtbot, window, "view:open")
        wanted = await server_ids(checker, status=OPEN, channel="in_app", language="zh")
        await wait_until(lambda: sorted(inbox_ids(window)) == sorted(wanted), what="open, zh")

        # Save this view under a name; it is listed and selected.
        await answer_name_dialog(
            qtbot,
            lambda: qtbot.mouseClick(inbox.filter_bar.save_button, Qt.MouseButton.LeftButton),
            "Chinese in-app",
        )
        await wait_until(
            lambda: [v.name for v in panel.saved_views()] == ["Chinese in-app"], what="saved"
        )
        saved_ids = sorted(wanted)
        qtbot.mouseClick(inbox.filter_bar.clear_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: inbox.filter_bar.boxes["channel"].value() is None, what="clear")

        # Search by the customer's email and by one of their tx hashes.
        click_view(qtbot, window, "view:all")
        email = customer_email(run.server.database, customer.uid)
        assert sorted(await server_ids(checker, q=email)) == their_tickets
        await search(qtbot, window, email)
        await wait_until(lambda: sorted(inbox_ids(window)) == their_tickets, what=f"search {email}")
        tx_hash = next(t.tx_hash for t in customer.transfers if t.tx_hash)
        assert sorted(await server_ids(checker, q=tx_hash)) == their_tickets
        await search(qtbot, window, tx_hash)
        await wait_until(
            lambda: sorted(inbox_ids(window)) == their_tickets, what=f"search {tx_hash}"
        )
        await search(qtbot, window, "")
        await wait_until(
            lambda: len(inbox_ids(window)) == expected_counts["view:all"], what="search cleared"
        )

        # The priority header orders by priority, urgent first, then flips.
        by_id = {t.id: t.priority for t in await server_tickets(checker)}
        click_header(qtbot, window, Column.PRIORITY)
        await wait_until(lambda: inbox.model.query().sort == "priority", what="priority sort")
        ranks = [PRIORITY_RANK[by_id[i]] for i in inbox_ids(window)]
        assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] > 0
        click_header(qtbot, window, Column.PRIORITY)
        await wait_until(lambda: not inbox.model.query().descending, what="flipped")
        ranks = [PRIORITY_RANK[by_id[i]] for i in inbox_ids(window)]
        assert ranks == sorted(ranks, reverse=True)

        # A new start of the console on the same profile still lists the saved view.
        await run.launcher.aclose()
        run.launcher = Launcher(LaunchOptions(profile_dir=run.profile, server_url=run.server.url))
        run.launcher.start()
        await wait_until(lambda: run.launcher.session is not None, 30, "console reopened")
        window = run.launcher.session.window
        panel = window.inbox.views_panel
        await wait_until(
            lambda: [v.name for v in panel.saved_views()] == ["Chinese in-app"],
            what="saved view after a restart",
        )
        await wait_until(lambda: window.connection.state() == "online", 30, "online again")
        [saved] = panel.saved_views()
        click_view(qtbot, window, f"saved:{saved.id}")
        await wait_until(
            lambda: sorted(inbox_ids(window)) == saved_ids, what="saved view's tickets"
        )
        assert window.inbox.filter_bar.boxes["language"].value() == "zh"
        assert window.inbox.title.text() == "Chinese in-app"

    run.run(scenario)


# --- 2. the ticket's properties ------------------------------------------------------------------


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


# --- 3. internal note and reply ------------------------------------------------------------------

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
            lambda: (
                len(bubbles_with_body(window, NOTE)) == 1
                and len(bubbles_with_body(window, REPLY)) == 1
            ),
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


# --- 4. attachments ------------------------------------------------------------------------------


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
        await wait_until(lambda: len(bubbles_with_body(window, body)) == 1, what="bubble")
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
            await wait_until(
                lambda: (
                    [b.message.state for b in bubbles_with_body(window, fake_body)] == ["failed"]
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


# --- 5. macro, then send and set the status ------------------------------------------------------


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


# --- 6. the customer panel -----------------------------------------------------------------------


def test_customer_panel_shows_the_servers_customer(qtbot, run: Run):
    from PySide6.QtWidgets import QLabel

    async def scenario() -> None:
        checker = run.checker
        customer, their_tickets = await _customer_with_history(checker)
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        await settle(session, checker)
        first, other = their_tickets[0], their_tickets[-1]
        await open_ticket(qtbot, window, first)
        view = window.ticket_view
        view.side.setCurrentWidget(view.customer_panel)
        panel = view.customer_panel
        past = [p.id for p in customer.past_tickets if p.id != first][:10]
        assert past and other in past

        def past_shown() -> list[str]:
            return [r.title.text().split(" · ")[0] for r in panel.past_rows]

        # The panel settles on the server's record (fetched when the ticket opens).
        await wait_until(
            lambda: (
                "uid" in panel.fields
                and panel.fields["uid"].text() == customer.uid
                and past_shown() == [f"#{i}" for i in past]
            ),
            what="customer shown",
        )
        fields = {k: label.text() for k, label in panel.fields.items()}
        assert fields["name"] == customer.display_name
        assert fields["kyc"] == f"Level {customer.kyc_level}"
        assert fields["vip"] == (f"VIP {customer.vip_tier}" if customer.vip_tier else "Regular")
        assert fields["email"] == customer.email_masked and "*" in fields["email"]
        assert customer_email(run.server.database, customer.uid) not in fields["email"]
        assert fields["region"] == customer.region

        shown_hashes = [
            label.toolTip()
            for row in panel.transfer_rows
            for label in row.findChildren(QLabel, "txHash")
        ]
        assert len(panel.transfer_rows) == min(8, len(customer.transfers))
        assert shown_hashes == [t.tx_hash for t in customer.transfers[:8] if t.tx_hash]
        assert shown_hashes
        assert len(panel.security_rows) == min(6, len(customer.security_events))
        for row, event in zip(panel.security_rows, customer.security_events, strict=False):
            assert event.detail in [label.text() for label in row.findChildren(QLabel)]

        # A past ticket opens with a click.
        row = panel.past_rows[past.index(other)]
        panel.ensureWidgetVisible(row)
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
        await wait_until(lambda: view.ticket_id() == other, what="past ticket opened")
        subject = (await checker.get_ticket(other)).subject
        await wait_until(lambda: view.header.subject.text() == subject, what="its header")

    run.run(scenario)


# --- 7. notifications ----------------------------------------------------------------------------


def _toasts_for(window, ticket_id: int) -> list:
    return [t for t in window.notifier.toasts.visible_toasts() if t.ticket_id == ticket_id]


def test_toasts_for_assignment_and_customer_reply_in_the_active_window(qtbot, run: Run):
    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        await activate(window)
        ticket = (await server_tickets(checker, status=OPEN, assignee="none"))[0]
        sara = SupportClient(run.server.url)
        try:
            await sara.login("sara", DEMO_PASSWORD)
            await sara.update_ticket(
                ticket.id, TicketUpdate(assignee_id=session.me.id), "e2e-sara-assigns"
            )
        finally:
            await sara.aclose()

        await wait_until(lambda: _toasts_for(window, ticket.id), 20, "assignment toast")
        assert window.isActiveWindow()
        [toast] = _toasts_for(window, ticket.id)
        assert toast.heading.text() == f"New assignment · #{ticket.id}"
        assert toast.title.text() == ticket.subject
        toast.dismiss()
        await wait_until(lambda: not _toasts_for(window, ticket.id), what="dismissed")

        words = "Any news? 我的币还没到账，请尽快处理！"
        await asyncio.to_thread(customer_writes, run.server.database, ticket.id, words)
        await wait_until(lambda: _toasts_for(window, ticket.id), 20, "customer reply toast")
        assert window.isActiveWindow()
        [toast] = _toasts_for(window, ticket.id)
        assert toast.heading.text() == f"Customer replied · #{ticket.id}"
        assert toast.body.text() == words

        # A click on the toast opens the ticket.
        qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
        await wait_until(lambda: window.ticket_view.ticket_id() == ticket.id, what="opened")

    run.run(scenario)


# --- 8. keyboard ---------------------------------------------------------------------------------


def test_keyboard_navigation_compose_palette_and_help(qtbot, run: Run):
    from PySide6.QtWidgets import QApplication

    from console.ui.palette.shortcuts_sheet import ShortcutsSheet

    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        await activate(window)
        inbox = window.inbox
        table = inbox.table
        view = window.ticket_view
        box = view.reply_box
        await wait_until(lambda: inbox.model.rowCount() > 3, what="rows")
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        await wait_until(lambda: QApplication.focusWidget() is table, what="list focused")

        # j, j, j, k: the selection moves; Enter opens the selected ticket at once.
        start = table.currentIndex().row()  # the list may make its first row current on focus
        row = start
        for key, step in (
            (Qt.Key.Key_J, 1),
            (Qt.Key.Key_J, 1),
            (Qt.Key.Key_J, 1),
            (Qt.Key.Key_K, -1),
        ):
            qtbot.keyClick(table, key)
            row = max(0, row + step)
            assert table.currentIndex().row() == row, f"after {key!r}"
            assert [i.row() for i in table.selectionModel().selectedRows()] == [row]
        assert row == start + 2 if start >= 0 else row == 1
        wanted = inbox.model.ticket_at(row).id
        qtbot.keyClick(table, Qt.Key.Key_Return)
        assert view.ticket_id() == wanted  # synchronously: not the delayed open of j / k
        await wait_until(lambda: view.header.subject.text() != "", what="ticket shown")

        # n: an internal note; Esc back to the list; r: a reply.
        qtbot.keyClick(table, Qt.Key.Key_N)
        assert box.kind() == "note"
        await wait_until(lambda: QApplication.focusWidget() is box.editor, what="note focus")
        qtbot.keyClick(box.editor, Qt.Key.Key_Escape)
        await wait_until(lambda: QApplication.focusWidget() is table, what="back to list")
        assert box.text() == ""
        qtbot.keyClick(table, Qt.Key.Key_R)
        assert box.kind() == "reply"
        await wait_until(lambda: QApplication.focusWidget() is box.editor, what="reply focus")
        # Letters typed now are text, not shortcuts.
        qtbot.keyClicks(box.editor, "jkn")
        assert box.text() == "jkn" and box.kind() == "reply" and view.ticket_id() == wanted
        qtbot.keyClick(box.editor, Qt.Key.Key_Escape)
        await wait_until(lambda: QApplication.focusWidget() is table, what="list again")

        # Ctrl+K: the palette; typing a view's name and Enter switches to it.
        qtbot.keyClick(table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        palette = window.palette
        await wait_until(palette.isVisible, what="palette open")
        qtbot.keyClicks(palette.query, "Unassigned")
        assert palette.shown_titles()[0] == "Unassigned"
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
        await wait_until(lambda: not palette.isVisible(), what="palette closed")
        assert inbox.current_view() == "unassigned"
        assert window.focusWidget() is table  # the palette hands the keyboard to the list
        await activate(window)
        unassigned = await server_ids(checker, status=OPEN, assignee="none")
        await wait_until(lambda: sorted(inbox_ids(window)) == sorted(unassigned), what="view")

        # ? and F1: the shortcuts sheet.
        for key in (Qt.Key.Key_Question, Qt.Key.Key_F1):
            await wait_until(lambda: QApplication.focusWidget() is table, what="list focused")
            qtbot.keyClick(table, key)
            await wait_until(lambda: visible_toplevel(ShortcutsSheet), what=f"sheet for {key}")
            sheet = visible_toplevel(ShortcutsSheet)
            rows = dict(sheet.rows())
            assert rows["Ctrl+K"] == "Command palette"
            assert rows["R"] == "Reply to the open ticket"
            assert "J / ↓" in rows and "? / F1" in rows
            sheet.reject()
            await wait_until(lambda: visible_toplevel(ShortcutsSheet) is None, what="closed")
            await activate(window)
            table.setFocus()

    run.run(scenario)
