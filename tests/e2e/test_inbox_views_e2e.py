"""The inbox, driven through the real widgets against the real server: views, filters, search,
sorting and saved views; the keyboard."""

from __future__ import annotations

import pytest
from e2e_support import wait_until
from e2e_workspace import (
    OPEN,
    PRIORITY_RANK,
    activate,
    answer_name_dialog,
    click_header,
    click_view,
    customer_email,
    inbox_ids,
    pick,
    search,
    server_ids,
    server_tickets,
    settle,
    sign_in,
    visible_toplevel,
)
from e2e_workspace_run import Run, customer_with_history
from PySide6.QtCore import Qt

from console.ui.inbox.ticket_table_model import Column
from console.ui.launcher import Launcher, LaunchOptions

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. views, filters, search, sorting, saved views ---------------------------------------------


def test_views_filters_search_sort_and_saved_views(qtbot, run: Run, tmp_path):
    async def scenario() -> None:
        checker = run.checker
        customer, their_tickets = await customer_with_history(checker)
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


# --- 2. keyboard ---------------------------------------------------------------------------------


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
        palette = window.command_palette
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
