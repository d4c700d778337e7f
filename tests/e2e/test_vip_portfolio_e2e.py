"""The VIP desk end to end, the real console against the real server: Mei (a VIP account manager)
opens her portfolio, which lists the same clients as the server's GET /vip/portfolio with the same
client first; she opens that client's page, adds a private note, a follow-up and a contact through
the editors, marks the follow-up done, and opens one of a client's tickets in the ticket view.
Another manager, and the supervisor, get 403 for her note."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from e2e_inbox import api_client, choose_in_combo, click, run_scenario, sign_in, start_console
from e2e_inbox import type_mixed as type_text
from e2e_support import LiveServer, wait_until
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.store.vip import vip_cache

pytestmark = pytest.mark.usefixtures("english_ui")

NOTE = "Prefers a call before 10:00; 想了解OTC大宗交易。"
FOLLOW_UP = "Send the OTC desk contact"
OUTCOME = "Reached, will move 2M USDT on Friday"


def _open_row(qtbot, page, row: int) -> None:
    """Double-click a portfolio row, as a manager does."""
    table = page.table
    index = page.model.index(row, 0)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _texts(section) -> list[str]:
    widgets = [section.entries.itemAt(i).widget() for i in range(section.entries.count())]
    return [w.text() for w in widgets if hasattr(w, "text")]


def test_portfolio_client_page_and_private_records(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    app = start_console(tmp_path / "mei", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        mei_api = await api_client(live_server.url, "mei")
        clients.append(mei_api)
        session = await sign_in(qtbot, app, "mei")
        window = session.window
        click(qtbot, window.rail.buttons["vip"])
        desk = window.role_pages["vip"]
        page = desk.portfolio
        await wait_until(lambda: page._loaded_at is not None, 30, "portfolio fetched")

        # The same clients as the server's portfolio for Mei, the same one first.
        server_rows = await mei_api.vip_portfolio()
        assert len(server_rows) >= 20, "the demo gives Mei a real book of clients"
        await wait_until(
            lambda: set(page.model.uids()) == {r.uid for r in server_rows}, 10, "same clients"
        )
        first = server_rows[0]
        assert page.model.uids()[0] == first.uid
        assert page.model.index(0, 0).data() == first.display_name
        cached = vip_cache(session.store).portfolio(session.me.id)  # the next start paints these
        assert {r.uid for r in cached} == {r.uid for r in server_rows}

        # Her first client's page.
        _open_row(qtbot, page, 0)
        client_page = desk.client_page
        await wait_until(
            lambda: (
                desk.currentWidget() is client_page
                and client_page.client is not None
                and client_page.client.uid == first.uid
                and client_page.status.text() == ""
            ),
            30,
            "client page loaded",
        )
        assert client_page.name.text() == first.display_name

        # A private note, typed as a manager types it (Chinese through the input method).
        notes = client_page.notes
        notes.editor.setFocus()
        type_text(qtbot, notes.editor, NOTE)
        click(qtbot, notes.send_button)
        await wait_until(lambda: notes.editor.toPlainText() == "", 30, "note saved")
        [saved] = [n for n in await mei_api.vip_notes(first.uid) if n.body == NOTE]
        assert any(text.endswith(f"· private\n{NOTE}") for text in _texts(notes))

        # A follow-up (tomorrow 10:00 by default) and a contact.
        follow_ups = client_page.follow_ups
        qtbot.keyClicks(follow_ups.title_edit, FOLLOW_UP)
        click(qtbot, follow_ups.send_button)
        await wait_until(lambda: follow_ups.title_edit.text() == "", 30, "follow-up saved")
        contacts = client_page.contacts
        await choose_in_combo(qtbot, contacts.kind_box, "call")
        qtbot.keyClicks(contacts.outcome_edit, OUTCOME)
        click(qtbot, contacts.send_button)
        await wait_until(lambda: contacts.outcome_edit.text() == "", 30, "contact saved")

        on_server = await mei_api.vip_client(first.uid)
        [made] = [f for f in on_server.follow_ups if f.title == FOLLOW_UP]
        assert made.done_at is None and made.due_at > datetime.now(UTC)
        [logged] = [c for c in on_server.contacts if c.outcome == OUTCOME]
        assert logged.kind == "call" and logged.manager_name == "Mei Lin"
        assert any(OUTCOME in text for text in _texts(contacts))

        # The portfolio row follows (vip.client.updated, into the cache, onto the table).
        def contacted_now() -> bool:
            row = page.model.row_of(first.uid)
            client = page.model.client_at(row) if row is not None else None
            last = client.last_contact_at if client is not None else None
            return last is not None and datetime.now(UTC) - last < timedelta(minutes=5)

        await wait_until(contacted_now, 30, "portfolio row shows the new contact")

        # Marked done on the page, done on the server.
        await wait_until(lambda: made.id in follow_ups.done_buttons, 30, "follow-up listed")
        click(qtbot, follow_ups.done_buttons[made.id])

        async def done_on_server() -> bool:
            fresh = await mei_api.vip_client(first.uid)
            return any(f.id == made.id and f.done_at is not None for f in fresh.follow_ups)

        for _ in range(150):
            if await done_on_server():
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the follow-up was not marked done on the server")

        # Her note is hers alone: another manager and the supervisor are refused.
        for colleague in ("oliver", "sara"):
            other = await api_client(live_server.url, colleague)
            clients.append(other)
            with pytest.raises(ApiError) as refused:
                await other.vip_note(saved.id)
            assert refused.value.status == 403, colleague

        # Back to the portfolio; a client's open ticket opens in the normal ticket view.
        click(qtbot, client_page.back_button)
        assert desk.currentWidget() is page
        row = next(
            r
            for r in range(page.model.rowCount())
            if page.model.client_at(r).open_items > 0  # type: ignore[union-attr]
        )
        _open_row(qtbot, page, row)
        uid = page.model.client_at(row).uid  # type: ignore[union-attr]
        await wait_until(
            lambda: (
                client_page.client is not None
                and client_page.client.uid == uid
                and client_page.status.text() == ""
            ),
            30,
            "second client page loaded",
        )
        tickets = [i for i in client_page.client.items if i.kind == "ticket"]
        assert tickets, "an open item that is a ticket"
        items = client_page.items.list
        entry = next(
            items.item(i)
            for i in range(items.count())
            if f"#{tickets[0].id} ·" in items.item(i).text()
        )
        rect = items.visualItemRect(entry)
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        await wait_until(lambda: window.current_page() == "inbox", 10, "inbox shown")
        await wait_until(
            lambda: window.ticket_view.ticket_id() == tickets[0].id, 30, "ticket opened"
        )

    run_scenario(qasync_loop, scenario, [app], clients)
