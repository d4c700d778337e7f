"""Shared steps of the inbox collaboration tests: start the console as a given agent, find and
open a ticket the way an agent does (search "#id", click the row), pick from drop-downs and
answer the dialogs that block (menus, QMessageBox.question, QInputDialog).

A blocking dialog runs its own event loop. Started from inside the test's coroutine, that loop
would run with the coroutine's task still on the stack, so the test could never answer it: every
click that opens one is therefore made from a zero-delay timer (`later`), as a real click is
made from the event loop, and the coroutine answers the dialog once it is on screen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from e2e_support import DEMO_PASSWORD, server_db, wait_until
from e2e_widgets import commit_text
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QWidget

from console.api.client import SupportClient, new_idempotency_key
from console.api.schemas import MessageCreate, TicketCreate, TicketOut
from console.core.domain import MessageKind
from console.ui.inbox.ticket_table_model import Column
from console.ui.launcher import Launcher, LaunchOptions

__all__ = [
    "AGENT_NAMES",
    "api_client",
    "choose_in_combo",
    "choose_in_menu",
    "choose_view",
    "click",
    "click_row",
    "events_since",
    "inbox_ids",
    "last_event_id",
    "later",
    "modal",
    "new_ticket",
    "open_ticket",
    "post_note",
    "row_text",
    "run_scenario",
    "search_inbox",
    "show_side_tab",
    "sign_in",
    "start_console",
    "tickets_with_status",
    "type_mixed",
    "utc_now",
]

AGENT_NAMES = {"alice": "Alice Zhou", "bob": "Bob Miller", "sara": "Sara Nakamura"}
_CJK = re.compile(r"[^\x00-\x7f]+")


def run_scenario(
    loop, scenario: Callable[[], Awaitable[None]], launchers: list, clients: list
) -> None:
    """The scenario and the consoles' shutdown in one pass of the loop: qasync drains Qt's events
    once more after each run_until_complete with no asyncio loop running, and a request still
    in flight then (a presence update, a ticket refresh) fails for want of a loop."""

    async def whole() -> None:
        try:
            await scenario()
        finally:
            for launcher in launchers:
                await launcher.aclose()
            for client in clients:
                await client.aclose()

    loop.run_until_complete(whole())


async def tickets_with_status(client: SupportClient, *statuses: str) -> list[TicketOut]:
    """The server's tickets in `statuses` (the demo workspace must have some)."""
    page = await client.list_tickets(limit=200, status=list(statuses))
    assert page.items, f"the demo workspace has no ticket in {statuses}"
    return page.items


# --- agents ----------------------------------------------------------------------------------


async def api_client(url: str, username: str) -> SupportClient:
    """A second, independent client of the same server (a colleague, or the checker)."""
    client = SupportClient(url)
    await client.login(username, DEMO_PASSWORD)
    return client


def start_console(profile: Path, url: str) -> Launcher:
    return Launcher(LaunchOptions(profile_dir=profile, server_url=url))


async def sign_in(qtbot, launcher: Launcher, username: str) -> Any:
    """Through the real sign-in dialog; returns the session once its window is online."""
    shown: list = []
    launcher.sign_in_shown.connect(shown.append)
    launcher.start()
    await wait_until(lambda: shown, 30, f"{username}: sign-in dialog shown")
    dialog = shown[0]
    await wait_until(lambda: dialog.workspace is not None, 30, f"{username}: workspace loaded")
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: launcher.session is not None, 30, f"{username}: main window")
    session = launcher.session
    window = session.window
    await wait_until(lambda: window.connection.state() == "online", 30, f"{username}: online")
    return session


# --- typing ----------------------------------------------------------------------------------


def type_mixed(qtbot, widget: QWidget, text: str) -> None:
    """ASCII by key, every other run of characters through the input method."""
    position = 0
    for match in _CJK.finditer(text):
        if match.start() > position:
            qtbot.keyClicks(widget, text[position : match.start()])
        commit_text(widget, match.group())
        position = match.end()
    if position < len(text):
        qtbot.keyClicks(widget, text[position:])


# --- the inbox -------------------------------------------------------------------------------


def inbox_ids(window) -> list[int]:
    model = window.inbox.model
    return [model.ticket_at(r).id for r in range(model.rowCount())]


def row_text(window, ticket_id: int, column: Column) -> str | None:
    model = window.inbox.model
    row = model.row_of(ticket_id)
    if row is None:
        return None
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


async def search_inbox(qtbot, window, text: str) -> None:
    """Type into the filter bar's search box and press Enter."""
    search = window.inbox.search
    search.setFocus()
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    await wait_until(
        lambda: window.inbox.model.query().text == text.strip(), what=f"search {text!r} applied"
    )


def click_row(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = window.inbox.table
    index = window.inbox.model.index(row, Column.SUBJECT)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


async def choose_view(qtbot, window, label: str) -> None:
    """Click a built-in view in the views panel by its caption."""
    panel = window.inbox.views_panel
    [item] = panel.findItems(label, Qt.MatchFlag.MatchExactly)
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    await wait_until(lambda: panel.currentItem() is item, what=f"view {label!r} chosen")


def show_side_tab(qtbot, view, page: QWidget) -> None:
    """Click the workspace's side tab that holds `page` (customer, escalations, related)."""
    tabs = view.side
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page


async def open_ticket(qtbot, window, ticket_id: int) -> None:
    """Search "#id", click the one row found, wait until the workspace shows that ticket."""
    await search_inbox(qtbot, window, f"#{ticket_id}")
    await wait_until(lambda: inbox_ids(window) == [ticket_id], what=f"#{ticket_id} listed")
    click_row(qtbot, window, 0)
    view = window.ticket_view
    await wait_until(lambda: view.ticket_id() == ticket_id, what=f"#{ticket_id} opened")
    await wait_until(
        lambda: view.header.meta.text().startswith(f"#{ticket_id} "),
        what=f"#{ticket_id} header shown",
    )


# --- clicks, drop-downs and blocking dialogs -------------------------------------------------


def click(qtbot, widget: QWidget, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, modifier)


def later(action: Callable[[], object]) -> None:
    """Run `action` from the event loop, outside the test's task (see the module docstring)."""
    QTimer.singleShot(0, action)


async def modal(kind: type, what: str, text: str = "") -> Any:
    """The application-modal dialog of `kind` (whose text has `text`) once it is on screen."""

    def found() -> Any:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind) or not widget.isVisible():
            return None
        shown = widget.text() if hasattr(widget, "text") else widget.labelText()
        return widget if text in shown else None

    try:
        await wait_until(found, what=what)
    except AssertionError as missing:
        widget = QApplication.activeModalWidget()
        shown = getattr(widget, "text", lambda: "")() if widget is not None else None
        raise AssertionError(
            f"{what}: the dialog on screen is {widget!r} saying {shown!r}"
        ) from missing
    return found()


async def choose_in_combo(qtbot, combo: QComboBox, data: object) -> None:
    """Open the drop-down and click the entry whose item data is `data`."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered in {combo.objectName()}"
    combo.showPopup()
    view = combo.view()
    await wait_until(lambda: view.isVisible(), what=f"{combo.objectName()} popup open")
    model_index = view.model().index(index, combo.modelColumn())
    view.scrollTo(model_index)
    rect = view.visualRect(model_index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    await wait_until(lambda: not view.isVisible(), what=f"{combo.objectName()} popup closed")
    assert combo.currentIndex() == index


async def choose_in_menu(qtbot, open_menu: Callable[[], object], menu: QMenu, text: str) -> None:
    """`open_menu` pops the menu up (a button with a menu runs it modally); click `text`."""
    later(open_menu)
    await wait_until(menu.isVisible, what="menu open")
    await wait_until(lambda: any(a.text() == text for a in menu.actions()), what=f"{text!r}")
    action = next(a for a in menu.actions() if a.text() == text)
    point: QPoint = menu.actionGeometry(action).center()
    # Activating the entry may open a dialog that blocks: click from the event loop.
    later(lambda: qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point))
    await wait_until(lambda: not menu.isVisible(), what="menu closed")


# --- server side -----------------------------------------------------------------------------


async def new_ticket(client: SupportClient, customer_uid: str, subject: str, body: str):
    ticket: TicketOut = await client.create_ticket(
        TicketCreate(subject=subject, body=body, customer_uid=customer_uid, language="zh")
    )
    return ticket


async def post_note(client: SupportClient, ticket_id: int, body: str) -> None:
    message = MessageCreate(kind=MessageKind.NOTE, body=body, client_id=new_idempotency_key())
    await client.post_message(ticket_id, message, new_idempotency_key())


def utc_now() -> datetime:
    return datetime.now(UTC)


def last_event_id(database: Path) -> int:
    with closing(server_db(database)) as conn:
        return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])


def events_since(database: Path, after: int, kind: str) -> list[tuple[int, dict]]:
    """(ticket id, payload) of the server's events of `kind` after event `after`, in order."""
    with closing(server_db(database)) as conn:
        rows = conn.execute(
            "SELECT ticket_id, payload FROM events WHERE id > ? AND type = ? ORDER BY id",
            (after, kind),
        ).fetchall()
    return [(int(r[0]), json.loads(r[1])) for r in rows]
