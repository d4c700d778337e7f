"""Driving the inbox and the ticket workspace of the real console against the real server.

Everything here goes through the widgets an agent uses: the views panel, the filter bar's
drop-downs (their popup list), the table's rows and headers, the ticket header's controls, the
composer's menus. Modal dialogs and menus that run their own event loop (QInputDialog,
QToolButton menus) are answered from a timer, the way an agent answers them, and are opened
from a plain loop callback rather than from inside the test's task: an event loop nested inside
a running asyncio task would make every other task (the sync engine) fail to start its step.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from e2e_support import DEMO_PASSWORD, server_db, wait_until
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QToolButton,
    QWidget,
)

from console.api.client import SupportClient
from console.ui.inbox.ticket_table_model import Column
from console.ui.launcher import Launcher

OPEN = ("new", "open", "pending", "on_hold")
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


# --- the console -------------------------------------------------------------------------------


async def sign_in(qtbot, launcher: Launcher, username: str = "alice"):
    """Start the console and sign in through the real dialog; returns the session."""
    shown: list = []
    launcher.sign_in_shown.connect(shown.append)
    launcher.start()
    await wait_until(lambda: shown, what="sign-in dialog shown")
    dialog = shown[0]
    await wait_until(lambda: dialog.workspace is not None, what="workspace loaded")
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: launcher.session is not None, what="main window opened")
    return launcher.session


async def settle(session, checker: SupportClient) -> None:
    """Online, with every ticket of the server in the local cache."""
    from console.store import TicketQuery

    window = session.window
    await wait_until(lambda: window.connection.state() == "online", 30, "online")
    total = len(await server_ids(checker))
    await wait_until(
        lambda: session.store.count_tickets(TicketQuery(view="all")) == total,
        30,
        f"all {total} tickets cached",
    )


async def activate(window) -> None:
    """The agent works in this window: it is the active one (shortcuts, toasts)."""
    window.raise_()
    window.activateWindow()
    await wait_until(window.isActiveWindow, what="main window active")


async def outbox_drained(session) -> None:
    store = session.store
    await wait_until(
        lambda: not store.pending_outbox() and not store.failed_outbox(), 30, "outbox drained"
    )


# --- the server's side -------------------------------------------------------------------------


async def server_tickets(client: SupportClient, **filters: Any) -> list:
    items, cursor = [], None
    while True:
        page = await client.list_tickets(cursor=cursor, limit=100, **filters)
        items += page.items
        cursor = page.next_cursor
        if not cursor or not page.items:
            return items


async def server_ids(client: SupportClient, **filters: Any) -> list[int]:
    return [t.id for t in await server_tickets(client, **filters)]


def idempotent_writes(database: Path, agent_id: int) -> list[tuple[int, str]]:
    """(id, stored response) of every write the server accepted from this agent."""
    with closing(server_db(database)) as conn:
        rows = conn.execute(
            "SELECT id, response_body FROM idempotency_records WHERE agent_id = ? ORDER BY id",
            (agent_id,),
        ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def customer_email(database: Path, uid: str) -> str:
    with closing(server_db(database)) as conn:
        row = conn.execute("SELECT email FROM customers WHERE uid = ?", (uid,)).fetchone()
    assert row is not None, f"customer {uid} not on the server"
    return str(row[0])


def attachments_named(database: Path, filename: str) -> int:
    with closing(server_db(database)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM attachments WHERE filename = ?", (filename,)
        ).fetchone()
    return int(row[0])


def customer_writes(database: Path, ticket_id: int, body: str) -> None:
    """The customer writes on their ticket. There is no customer-facing HTTP endpoint: the
    demo simulator (console/server/traffic.py) adds customer messages through the server's
    message service on its database, and so does this."""
    from console.server.db import Database
    from console.server.services import messages
    from console.server.settings import sqlite_url

    db = Database(sqlite_url(database))
    try:
        with db.write() as session:
            messages.add_customer_message(session, ticket_id, body)
    finally:
        db.dispose()


# --- the inbox ---------------------------------------------------------------------------------


def inbox_ids(window) -> list[int]:
    model = window.inbox.model
    return [model.ticket_at(r).id for r in range(model.rowCount())]


def click_view(qtbot, window, key: str) -> None:
    """Click an entry of the views panel ("view:unassigned", "saved:3")."""
    panel = window.inbox.views_panel
    item = next(
        panel.item(i) for i in range(panel.count()) if panel.item(i).data(Qt.UserRole + 1) == key
    )
    panel.scrollToItem(item)
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_row(qtbot, window, ticket_id: int) -> None:
    inbox = window.inbox
    row = inbox.model.row_of(ticket_id)
    assert row is not None, f"ticket #{ticket_id} is not in the list"
    index = inbox.model.index(row, Column.SUBJECT)
    inbox.table.scrollTo(index)
    rect = inbox.table.visualRect(index)
    qtbot.mouseClick(inbox.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_header(qtbot, window, column: Column) -> None:
    header = window.inbox.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


async def open_ticket(qtbot, window, ticket_id: int) -> None:
    """Show every ticket, click the row, wait for the ticket view."""
    if window.inbox.current_view() != "all":
        click_view(qtbot, window, "view:all")
    await wait_until(lambda: window.inbox.model.row_of(ticket_id) is not None, what="row listed")
    click_row(qtbot, window, ticket_id)
    await wait_until(lambda: window.ticket_view.ticket_id() == ticket_id, what="ticket opened")


async def search(qtbot, window, text: str) -> None:
    box = window.inbox.search
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    await wait_until(lambda: window.inbox.model.query().text == text.strip(), what="searched")


# --- controls ----------------------------------------------------------------------------------


async def pick(qtbot, combo: QComboBox, value: object) -> None:
    """Open the drop-down (F4, as from the keyboard: a click that opens the list blocks
    releases for a double-click interval) and click the entry whose data is `value`."""
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered by {combo.objectName()}"
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(combo, Qt.Key.Key_F4)
    view = combo.view()
    await wait_until(view.isVisible, what=f"{combo.objectName()} list open")
    model_index = combo.model().index(index, combo.modelColumn(), combo.rootModelIndex())
    view.scrollTo(model_index)
    rect = view.visualRect(model_index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    await wait_until(lambda: not view.isVisible(), what=f"{combo.objectName()} list closed")
    assert combo.currentIndex() == index


async def outside_task(action: Callable[[], object]) -> None:
    """Run `action` from a plain loop callback (see the module docstring) and wait for it."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def call() -> None:
        try:
            action()
        except BaseException as exc:  # handed to the waiting test
            if not done.done():
                done.set_exception(exc)
        else:
            if not done.done():
                done.set_result(None)

    loop.call_soon(call)
    await asyncio.wait_for(done, 30)


@contextlib.contextmanager
def answer_when_shown(
    find: Callable[[], QWidget | None], answer: Callable[[QWidget], None], timeout_ms: int = 20000
) -> Iterator[list[str]]:
    """While inside: as soon as `find()` returns a visible widget, `answer(widget)` once.
    Yields a list that holds "answered" afterwards (or an error text)."""
    outcome: list[str] = []
    timer = QTimer(interval=20)
    waited = [0]

    def poll() -> None:
        waited[0] += 20
        widget = find()
        if widget is not None and widget.isVisible():
            timer.stop()
            try:
                answer(widget)
                outcome.append("answered")
            except Exception as exc:  # reported by the caller's assertion
                outcome.append(f"failed: {exc!r}")
        elif waited[0] > timeout_ms:
            timer.stop()
            outcome.append("never shown")

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield outcome
    finally:
        timer.stop()


def click_menu_action(qtbot, menu: QMenu, text: str) -> None:
    action = next((a for a in menu.actions() if a.text().replace("&&", "&") == text), None)
    assert action is not None, f"{text!r} not in {[a.text() for a in menu.actions()]}"
    pos = menu.actionGeometry(action).center()
    qtbot.mouseMove(menu, pos)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=pos)


async def choose_from_menu(qtbot, button: QToolButton, menu: QMenu, text: str) -> None:
    """Click a menu button (its menu runs modally) and the menu entry `text`."""
    with answer_when_shown(lambda: menu, lambda m: click_menu_action(qtbot, m, text)) as result:
        await outside_task(lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
    assert result == ["answered"], f"menu entry {text!r}: {result}"


def _input_dialog() -> QInputDialog | None:
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, QInputDialog) else None


async def answer_name_dialog(qtbot, click: Callable[[], None], name: str) -> None:
    """`click()` opens a modal "name" dialog; type `name` and press OK."""

    def answer(dialog: QWidget) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        qtbot.keyClicks(edit, name)
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    with answer_when_shown(_input_dialog, answer) as result:
        await outside_task(click)
    assert result == ["answered"], f"name dialog: {result}"


def visible_toplevel(kind: type) -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def rendered_background(widget: QWidget) -> tuple[int, int, int]:
    """The colour the widget paints inside its border (a few pixels in from the corner)."""
    image = widget.grab().toImage()
    color = image.pixelColor(min(8, image.width() - 1), image.height() // 2)
    return color.red(), color.green(), color.blue()


class StrayWindows(QObject):
    """Records every widget that shows up as a window of its own although it is neither a main
    window, a dialog nor a popup: a label shown before it was put into its layout flashes as a
    window, and on a desktop that window takes the keyboard from whatever the agent typed in."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            plain = watched.windowType() == Qt.WindowType.Window
            if plain and not isinstance(watched, (QMainWindow, QDialog)):
                name = f"{type(watched).__name__}#{watched.objectName()}"
                if name not in self.seen:
                    self.seen.append(name)
        return False


@contextlib.contextmanager
def watching_stray_windows() -> Iterator[StrayWindows]:
    watch = StrayWindows()
    app = QApplication.instance()
    app.installEventFilter(watch)
    try:
        yield watch
    finally:
        app.removeEventFilter(watch)
