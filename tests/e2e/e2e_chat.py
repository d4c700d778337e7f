"""Live chat end to end, the shared scene: a plain customer, an agent online on the chat page,
an offer accepted, text written in the composer, and what each side sees."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

from e2e_inbox import (
    choose_in_combo,
    click,
    sign_in,
    type_mixed,
)
from e2e_support import LiveServer, server_db, wait_until
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage

from console.api.customer_client import CustomerClient
from console.api.schemas_chat import CustomerChatView

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


async def one_agent_in_a_chat(qtbot, live_server: LiveServer, app, clients: list, text=HANDOFF):
    """Alice online and in an active chat with a plain customer (who asked for a person)."""
    uid = plain_customer(live_server.database)
    alice = await sign_in(qtbot, app, "alice")
    page = await go_online(qtbot, alice)
    customer = await customer_asking_for_a_person(live_server.url, uid, text)
    clients.append(customer)
    await accept_offer(qtbot, page, alice, customer.conversation_id)
    return alice, page, customer
