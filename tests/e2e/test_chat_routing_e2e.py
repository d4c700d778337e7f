"""Live chat end to end: customers played through the customer API (CustomerClient), agents in real
consoles (started by the launcher, signed in through the dialog, acting through the chats page's
widgets) against the real reference server with its chat settings shortened where a test waits
for them. The bot answers from the knowledge base and hands over with its transcript; security
words jump the queue; an agent's capacity holds the sixth customer back; an offer nobody accepts
goes to a colleague; and both sides see the other typing. Outcomes are checked in the widgets and
on the server (the customer's own view)."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from e2e_inbox import (
    AGENT_NAMES,
    choose_in_combo,
    click,
    run_scenario,
    sign_in,
    start_console,
    type_mixed,
)
from e2e_support import LiveServer, copy_database, server_db, wait_until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from console.api.customer_client import CustomerClient
from console.api.schemas_chat import CustomerChatView

pytestmark = pytest.mark.usefixtures("english_ui")

OFFERED = "Chat offered to you"
ASK_PERSON = "请帮我转人工客服"
HACKED = "My account was hacked / 我的账户被盗了，有一笔不是我操作的提现"


# --- the server, customers and checks ----------------------------------------------------------


@pytest.fixture
def chat_server(demo_template: Path, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """`make(**settings)`: the demo workspace's server with these chat settings (and a fast
    sweeper), started; stopped after the test."""
    servers: list[LiveServer] = []

    def make(**chat: Any) -> LiveServer:
        database = copy_database(demo_template, tmp_path / f"server{len(servers)}.sqlite3")
        server = LiveServer(database)
        server.settings = dataclasses.replace(server.settings, chat_sweep_s=0.2, **chat)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


def plain_customers(database: Path, language: str, count: int) -> list[str]:
    """UIDs of customers without a VIP tier (no account manager to route to) in `language`."""
    with closing(server_db(database)) as conn:
        rows = conn.execute(
            "SELECT uid FROM customers WHERE language = ? AND vip_tier = 0 ORDER BY uid LIMIT ?",
            (language, count),
        ).fetchall()
    assert len(rows) == count, f"the demo workspace lacks {count} {language} customers"
    return [str(r[0]) for r in rows]


async def new_customer(
    server: LiveServer, clients: list, text: str, *, uid: str | None = None, name: str = ""
) -> CustomerClient:
    """A Chinese-speaking customer who opens the chat widget and writes `text`."""
    customer = CustomerClient(server.url)
    clients.append(customer)
    await customer.start("zh", customer_uid=uid, guest_name=name, text=text)
    return customer


async def customer_sees(
    customer: CustomerClient,
    check: Callable[[CustomerChatView], object],
    what: str,
    timeout: float = 15.0,
) -> CustomerChatView:
    """The customer's view of the chat (from the server) once `check` holds for it."""
    deadline = time.monotonic() + timeout
    while True:
        view = await customer.view()
        if check(view):
            return view
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not met within {timeout:.0f} s; last view {view!r}")
        await asyncio.sleep(0.05)


def offered_to(agent_id: int) -> Callable[[CustomerChatView], bool]:
    return lambda v: (
        (v.conversation.state, v.conversation.offered_agent_id) == ("offered", agent_id)
    )


def active_with(agent_id: int) -> Callable[[CustomerChatView], bool]:
    return lambda v: (
        (v.conversation.state, v.conversation.assigned_agent_id) == ("active", agent_id)
    )


def queued_at(position: int) -> Callable[[CustomerChatView], bool]:
    return lambda v: v.conversation.state == "queued" and v.queue_position == position


# --- the agent's chats page --------------------------------------------------------------------


async def go_online(qtbot, session) -> Any:
    """Open the chats page from the rail and choose "Online" in its status box."""
    window = session.window
    click(qtbot, window.rail.buttons["chats"])
    await wait_until(lambda: window.current_page() == "chats", what="chats page shown")
    page = window.chat_pages.page
    await choose_in_combo(qtbot, page.status_box, "online")
    board = session.sync.chat_status

    def online() -> bool:
        mine = board.mine
        return mine is not None and mine.status == "online"

    await wait_until(online, what=f"{session.me.username} online for chats")
    return page


def offer_toasts(session, conversation_id: int) -> list:
    return [
        t
        for t in session.window.notifier.toasts.visible_toasts()
        if t.conversation_id == conversation_id and t.heading.text() == OFFERED
    ]


async def offer_row(session, page, conversation_id: int, *, toast: bool = True) -> Any:
    """The offer in the agent's chat list, with its toast (unless newer toasts pushed it out)."""
    await wait_until(
        lambda: (row := page.list.row(conversation_id)) is not None and row.offered,
        what=f"{session.me.username}: chat {conversation_id} offered in the list",
    )
    if toast:
        await wait_until(
            lambda: offer_toasts(session, conversation_id),
            what=f"{session.me.username}: offer toast for chat {conversation_id}",
        )
    return page.list.row(conversation_id)


async def accept(qtbot, session, page, customer: CustomerClient, *, toast: bool = True) -> None:
    """Click Accept on the offer's row; the chat opens, active with the agent on the server."""
    conversation_id = customer.conversation_id
    row = await offer_row(session, page, conversation_id, toast=toast)
    click(qtbot, row.accept_button)
    await customer_sees(customer, active_with(session.me.id), "accepted on the server")
    await wait_until(
        lambda: (
            page.current() == conversation_id
            and not page.composer.isHidden()
            and (row := page.list.row(conversation_id)) is not None
            and not row.offered
        ),
        what=f"chat {conversation_id} open and active in the console",
    )


async def end_chat(qtbot, page, conversation_id: int) -> None:
    """Open the chat, click End chat and confirm in the dialog."""
    click(qtbot, page.list.row(conversation_id))
    await wait_until(lambda: page.current() == conversation_id, what="chat to end opened")
    click(qtbot, page.header.end_button)
    await wait_until(lambda: page.actions.end_dialog is not None, what="end dialog shown")
    box = page.actions.end_dialog
    await wait_until(box.isVisible, what="end dialog on screen")
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))


# --- 1. the bot first, then a person -----------------------------------------------------------


def test_bot_answers_from_the_kb_then_hands_over_with_its_transcript_and_topic(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=60.0)
    [uid] = plain_customers(server.database, "zh", 1)
    console = start_console(tmp_path / "alice", server.url)
    clients: list = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, console, "alice")
        page = await go_online(qtbot, alice)

        # The bot answers in Chinese from the knowledge base; no agent is bothered yet.
        customer = await new_customer(server, clients, "我的提币一直没到账", uid=uid)
        view = await customer.view()
        assert [m.sender for m in view.messages] == ["customer", "bot"]
        answer = view.messages[1].body
        assert "https://lumen.example/help/zh/" in answer and "详见" in answer and "人工" in answer
        assert view.conversation.state == "bot"
        assert view.conversation.topic == "deposit_withdrawal"
        assert page.list.row(customer.conversation_id) is None

        # The customer asks for a person: Alice gets the offer (toast and list) and accepts it.
        await customer.send(ASK_PERSON)
        await customer_sees(customer, offered_to(alice.me.id), "offered to Alice")
        await accept(qtbot, alice, page, customer)

        # She reads the bot's transcript, marked as such, and the topic the bot found.
        view = await customer.view()
        transcript = page.transcript
        await wait_until(
            lambda: (
                [m.body for m in page.chats.messages(customer.conversation_id)]
                == [m.body for m in view.messages]
            ),
            what="the whole conversation in Alice's console",
        )
        await wait_until(
            lambda: [b.sender for b in transcript.bubbles] == ["customer", "bot", "customer"],
            what="bubbles shown",
        )
        bot = transcript.bubbles[1]
        assert bot.message.body == answer
        assert bot.tag.text() == "Bot" and not bot.tag.isHidden()
        assert transcript.bot_divider is not None and not transcript.bot_divider.isHidden()
        assert [line.message.body for line in transcript.system_lines] == [
            "正在为您转接人工客服，请稍候…",
            f"{AGENT_NAMES['alice']} 已加入对话。",
        ]
        facts = page.header.facts.text()
        assert f"UID {uid}" in facts and "Deposit & withdrawal" in facts
        assert page.header.state.text() == "Active" and page.header.offer_bar.isHidden()

    run_scenario(qasync_loop, scenario, [console], clients)


# --- 2. security words jump the queue ----------------------------------------------------------


def test_a_hacked_account_is_offered_before_a_chat_that_queued_first(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=60.0, chat_default_capacity=1)
    console = start_console(tmp_path / "alice", server.url)
    clients: list = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, console, "alice")
        me = alice.me.id
        page = await go_online(qtbot, alice)

        # Alice (capacity 1) takes a first chat: she is full.
        first = await new_customer(server, clients, ASK_PERSON, name="First")
        await customer_sees(first, offered_to(me), "first chat offered")
        await accept(qtbot, alice, page, first)

        # A normal chat queues, then one with security words queues ahead of it.
        normal = await new_customer(server, clients, "我想找客服问一下手续费", name="Normal")
        await customer_sees(normal, queued_at(1), "the normal chat first in the queue")
        urgent = await new_customer(server, clients, HACKED, name="Hacked")
        view = await customer_sees(urgent, queued_at(1), "the security chat first in line")
        assert view.conversation.priority == "security"
        assert view.conversation.topic == "account_security"
        await customer_sees(normal, queued_at(2), "the normal chat second")
        assert [r.conversation_id for r in page.list.rows] == [first.conversation_id]

        # Alice ends her chat in the console: the security chat is offered, the other waits.
        await end_chat(qtbot, page, first.conversation_id)
        await customer_sees(first, lambda v: v.conversation.state == "ended", "first ended")
        await customer_sees(urgent, offered_to(me), "security chat offered to Alice")
        row = await offer_row(alice, page, urgent.conversation_id)
        assert "Security" in row.marks.text()
        view = await customer_sees(normal, queued_at(1), "the normal chat still waiting")
        assert view.estimated_wait_s
        assert page.list.row(normal.conversation_id) is None

    run_scenario(qasync_loop, scenario, [console], clients)


# --- 3. capacity -------------------------------------------------------------------------------


def test_the_sixth_customer_waits_until_the_agent_ends_a_chat(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=60.0, chat_default_capacity=5)
    console = start_console(tmp_path / "alice", server.url)
    clients: list = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, console, "alice")
        me = alice.me.id
        page = await go_online(qtbot, alice)

        customers = [
            await new_customer(server, clients, ASK_PERSON, name=f"Customer {n}")
            for n in range(1, 7)
        ]
        first, sixth = customers[0], customers[-1]
        for customer in customers[:5]:
            await customer_sees(customer, offered_to(me), f"{customer.conversation_id} offered")
        view = await customer_sees(sixth, queued_at(1), "the sixth customer queued")
        assert view.estimated_wait_s is not None and view.estimated_wait_s > 0
        await wait_until(lambda: len(page.list.rows) == 5, what="five offers listed")
        toasts = alice.window.notifier.toasts
        await wait_until(
            lambda: (
                {t.conversation_id for t in toasts.visible_toasts()}
                == {c.conversation_id for c in customers[1:5]}
            ),
            what="toasts for the newest four offers",
        )

        # Accepting one changes nothing for the sixth: offers count against capacity too.
        await accept(qtbot, alice, page, first, toast=False)
        await wait_until(
            lambda: page.summary.text() == "1 active · 4 offered", what="summary updated"
        )
        view = await customer_sees(sixth, queued_at(1), "the sixth still waiting")
        assert view.estimated_wait_s is not None and view.estimated_wait_s > 0
        assert page.list.row(sixth.conversation_id) is None

        # Alice ends a chat in the console: the sixth customer is offered to her at once.
        await end_chat(qtbot, page, first.conversation_id)
        view = await customer_sees(sixth, offered_to(me), "the sixth offered to Alice")
        assert view.queue_position is None and view.estimated_wait_s is None
        await offer_row(alice, page, sixth.conversation_id)
        await wait_until(lambda: len(page.list.rows) == 5, what="five chats listed again")
        assert page.list.row(first.conversation_id) is None

    run_scenario(qasync_loop, scenario, [console], clients)


# --- 4. an offer nobody accepts ----------------------------------------------------------------


def test_an_offer_not_accepted_in_time_goes_to_a_colleague(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=2.0)
    consoles = {name: start_console(tmp_path / name, server.url) for name in ("alice", "sara")}
    clients: list = []

    async def scenario() -> None:
        sessions = {name: await sign_in(qtbot, app, name) for name, app in consoles.items()}
        pages = {name: await go_online(qtbot, s) for name, s in sessions.items()}
        by_id = {s.me.id: name for name, s in sessions.items()}

        customer = await new_customer(server, clients, ASK_PERSON, name="Patient")
        cid = customer.conversation_id
        view = await customer_sees(customer, lambda v: v.conversation.state == "offered", "offer")
        first = by_id[view.conversation.offered_agent_id]
        [second] = [name for name in sessions if name != first]
        await offer_row(sessions[first], pages[first], cid)
        first_offer = view.conversation.offered_at
        assert first_offer is not None

        # Nobody clicks: after the 2 s timeout the chat goes back and on to the colleague.
        view = await customer_sees(customer, offered_to(sessions[second].me.id), "re-offered", 10)
        assert view.conversation.offered_at is not None
        assert (view.conversation.offered_at - first_offer).total_seconds() >= 2.0
        await wait_until(
            lambda: pages[first].list.row(cid) is None, what=f"the offer gone from {first}'s list"
        )
        await accept(qtbot, sessions[second], pages[second], customer)
        view = await customer.view()
        assert view.messages[-1].body == f"{AGENT_NAMES[second]} 已加入对话。"

    run_scenario(qasync_loop, scenario, list(consoles.values()), clients)


# --- 5. typing, both ways ----------------------------------------------------------------------

REPLY = "您好，我来帮您查一下 (checking your withdrawal)"


def test_customer_and_agent_see_each_other_typing(qasync_loop, qtbot, chat_server, tmp_path):
    server = chat_server(chat_offer_timeout_s=60.0)
    console = start_console(tmp_path / "alice", server.url)
    clients: list = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, console, "alice")
        page = await go_online(qtbot, alice)
        customer = await new_customer(server, clients, ASK_PERSON, name="Typist")
        await customer_sees(customer, offered_to(alice.me.id), "offered to Alice")
        await accept(qtbot, alice, page, customer)
        label = page.transcript.typing_label
        assert label.isHidden()

        # The customer types: Alice's conversation view says so; it goes when they stop.
        await customer.typing(True)
        await wait_until(lambda: not label.isHidden(), what="Alice sees the customer typing")
        assert label.text() == "Customer is typing…"
        await customer.typing(False)
        await wait_until(label.isHidden, what="the customer stopped typing")

        # Alice types in the composer: the customer's view says so until she sends.
        editor = page.composer.editor
        editor.setFocus()
        type_mixed(qtbot, editor, REPLY)
        await customer_sees(customer, lambda v: v.agent_typing, "the customer sees Alice typing")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        view = await customer_sees(
            customer,
            lambda v: v.messages[-1].body == REPLY and not v.agent_typing,
            "Alice's reply arrived and her typing stopped",
        )
        assert view.messages[-1].sender == "agent"
        assert page.composer.text() == ""

    run_scenario(qasync_loop, scenario, [console], clients)
