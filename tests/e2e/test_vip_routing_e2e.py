"""VIP chat routing end to end: a client of the VIP desk (played through the customer API) asks
for a person; the real server offers the chat to their account manager first, then to the backup
manager, then to the VIP team, each within a share of the tier's target (a few seconds here, set
by the supervisor through PUT /vip/tiers). Mei and her backup work in real consoles on the chats
page; the supervisor Sara is online for chats through the API. Outcomes are checked in the
widgets (the offer, its VIP countdown, the alert) and on the server (the customer's own view)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_inbox import api_client, choose_in_combo, click, run_scenario, sign_in, start_console
from e2e_support import LiveServer, copy_database, wait_until
from e2e_vip import clients_of, vip_toasts

from console.api.customer_client import CustomerClient
from console.api.errors import ServerUnreachable
from console.api.schemas_chat import CustomerChatView

pytestmark = pytest.mark.usefixtures("english_ui")

HANDOFF = "Hello, I would like to talk to a human agent about my withdrawal."
TARGET_MINUTES = 0.3  # 18 s: 6 s for the manager, 6 s for the backup, then the VIP team
COUNTDOWN = re.compile(r"^Target −?\d+:\d\d(:\d\d)?$")


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


async def set_status(qtbot, session, status: str) -> Any:
    """Open the chats page and choose `status` in its status box (as the agent does)."""
    window = session.window
    click(qtbot, window.rail.buttons["chats"])
    await wait_until(lambda: window.current_page() == "chats", what="chats page shown")
    page = window.chat_pages.page
    await choose_in_combo(qtbot, page.status_box, status)
    board = session.sync.chat_status
    await wait_until(
        lambda: board.mine is not None and board.mine.status == status,
        what=f"{session.me.username} {status} for chats",
    )
    return page


@contextlib.asynccontextmanager
async def online_through_the_api(client) -> Any:
    """An agent online for chats without a console: the status PUT is also the heartbeat."""

    async def beat() -> None:
        while True:
            # A kept-alive connection the server just closed: the next beat, two seconds on, is
            # well within the presence timeout.
            with contextlib.suppress(ServerUnreachable):
                await client.set_chat_status("online")
            await asyncio.sleep(2)

    task = asyncio.ensure_future(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with contextlib.suppress(ServerUnreachable):
            await client.set_chat_status("offline")


async def offered(customer: CustomerClient, agent_id: int, what: str, timeout: float = 20.0):
    """The customer's view of the chat once it is offered to `agent_id`; (view, seconds waited)."""
    started = time.monotonic()
    deadline = started + timeout
    while True:
        view: CustomerChatView = await customer.view()
        c = view.conversation
        if c.state == "offered" and c.offered_agent_id == agent_id:
            return view, time.monotonic() - started
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s; last: {c!r}")
        await asyncio.sleep(0.1)


async def offer_row(page, conversation_id: int, who: str) -> Any:
    await wait_until(
        lambda: (row := page.list.row(conversation_id)) is not None and row.offered,
        20,
        f"{who}: chat {conversation_id} offered in the list",
    )
    return page.list.row(conversation_id)


async def scene(server: LiveServer, clients: list) -> tuple[Any, Any, Any, Any]:
    """(Mei's API client, her id, a client of hers with a backup, the backup's username)."""
    mei_api = await api_client(server.url, "mei")
    clients.append(mei_api)
    me = await mei_api.me()
    mine = [c for c in await clients_of(mei_api, me.id) if c.backup_manager_id is not None]
    client = next(c for c in mine if c.language == "en")
    backup = next(a for a in await mei_api.agents() if a.id == client.backup_manager_id)
    return mei_api, me, client, backup.username


def test_a_vip_chat_climbs_from_the_manager_to_the_backup_to_the_vip_team(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=120.0)  # only the ladder moves the offer on
    mei_console = start_console(tmp_path / "mei", server.url)
    clients: list = []
    consoles = [mei_console]

    async def scenario() -> None:
        _, _, client, backup_name = await scene(server, clients)
        sara = await api_client(server.url, "sara")
        clients.append(sara)
        sara_me = await sara.me()
        await sara.set_vip_tier_target(client.tier, TARGET_MINUTES)
        backup_console = start_console(tmp_path / backup_name, server.url)
        consoles.append(backup_console)

        mei = await sign_in(qtbot, mei_console, "mei")
        backup = await sign_in(qtbot, backup_console, backup_name)
        mei_page = await set_status(qtbot, mei, "online")
        backup_page = await set_status(qtbot, backup, "online")
        played = mei.window.notifier.sound.played
        async with online_through_the_api(sara):
            customer = CustomerClient(server.url)
            clients.append(customer)
            started = time.monotonic()
            await customer.start("en", customer_uid=client.uid, text=HANDOFF)
            chat_id = customer.conversation_id

            # 1. The manager first: the offer in Mei's list, with its VIP countdown and alert.
            await offered(customer, mei.me.id, "offered to the manager")
            row = await offer_row(mei_page, chat_id, "mei")
            assert "★ VIP" in row.marks.text()
            assert not row.vip_countdown.isHidden()
            assert COUNTDOWN.match(row.vip_countdown.text()), row.vip_countdown.text()
            await wait_until(lambda: vip_toasts(mei, "vip_message"), 20, "Mei's VIP alert")
            assert vip_toasts(mei, "vip_message")[0].title.text() == client.display_name
            assert mei.window.notifier.sound.played > played
            assert backup_page.list.row(chat_id) is None

            # 2. Her share of the target passes unanswered: the backup gets it.
            await offered(customer, backup.me.id, "handed to the backup")
            assert time.monotonic() - started >= TARGET_MINUTES * 60 / 3 - 1.0
            await offer_row(backup_page, chat_id, backup_name)
            await wait_until(
                lambda: (r := mei_page.list.row(chat_id)) is None or not r.offered,
                what="the offer gone from Mei's list",
            )

            # 3. The backup's share passes too: the VIP team (Sara) has it.
            await offered(customer, sara_me.id, "handed to the VIP team")
            assert time.monotonic() - started >= TARGET_MINUTES * 60 * 2 / 3 - 1.0
            await wait_until(
                lambda: (r := backup_page.list.row(chat_id)) is None or not r.offered,
                what="the offer gone from the backup's list",
            )

    run_scenario(qasync_loop, scenario, consoles, clients)


def test_with_the_manager_away_a_new_vip_chat_goes_to_the_backup_at_once(
    qasync_loop, qtbot, chat_server, tmp_path
):
    server = chat_server(chat_offer_timeout_s=120.0)
    mei_console = start_console(tmp_path / "mei", server.url)
    clients: list = []
    consoles = [mei_console]

    async def scenario() -> None:
        _, _, client, backup_name = await scene(server, clients)
        backup_console = start_console(tmp_path / backup_name, server.url)
        consoles.append(backup_console)
        mei = await sign_in(qtbot, mei_console, "mei")
        backup = await sign_in(qtbot, backup_console, backup_name)
        mei_page = await set_status(qtbot, mei, "away")
        backup_page = await set_status(qtbot, backup, "online")

        customer = CustomerClient(server.url)
        clients.append(customer)
        await customer.start("en", customer_uid=client.uid, text=HANDOFF)
        chat_id = customer.conversation_id
        _, waited = await offered(customer, backup.me.id, "offered to the backup")
        assert waited < 5.0  # at once: an away manager is skipped, not waited for
        row = await offer_row(backup_page, chat_id, backup_name)
        assert not row.vip_countdown.isHidden()
        # Mei, away, is not offered it; as the client's manager she still hears of it.
        assert mei_page.list.row(chat_id) is None
        await wait_until(lambda: vip_toasts(mei, "vip_message"), 20, "Mei's VIP alert")
        await asyncio.sleep(1.0)
        assert mei_page.list.row(chat_id) is None

    run_scenario(qasync_loop, scenario, consoles, clients)
