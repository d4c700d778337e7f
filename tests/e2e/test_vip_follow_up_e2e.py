"""A follow-up coming due, end to end: Mei, in the real console with its window focused, adds a
follow-up on one of her clients due in two seconds (through the client API, as the client page
does). When it comes due the real server's sweeper raises a vip.alert, and her console shows it
once: a toast and a tray message naming the client and tier, with the alert sound although the
window has focus. Nothing for a colleague's console."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from e2e_inbox import api_client, run_scenario, sign_in, start_console
from e2e_support import LiveServer, wait_until
from e2e_vip import clients_of, vip_toasts
from e2e_workspace import activate

from console.api.schemas_vip import FollowUpCreate

pytestmark = pytest.mark.usefixtures("english_ui")

KIND = "vip_follow_up_due"


def test_a_follow_up_coming_due_notifies_its_manager_once_with_sound(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    mei_console = start_console(tmp_path / "mei", live_server.url)
    alice_console = start_console(tmp_path / "alice", live_server.url)
    clients: list = []

    async def scenario() -> None:
        api = await api_client(live_server.url, "mei")
        clients.append(api)
        me = await api.me()
        client = (await clients_of(api, me.id))[0]
        alice = await sign_in(qtbot, alice_console, "alice")
        mei = await sign_in(qtbot, mei_console, "mei")
        window = mei.window
        await activate(window)
        notifier = window.notifier
        played = notifier.sound.played
        title = f"Call about the OTC quote {uuid.uuid4().hex[:6]}"
        due = datetime.now(UTC) + timedelta(seconds=2)
        await api.add_follow_up(
            client.uid, FollowUpCreate(due_at=due, title=title), uuid.uuid4().hex
        )
        assert not vip_toasts(mei, KIND), "notified before it came due"

        await wait_until(lambda: vip_toasts(mei, KIND), 20, "follow-up toast")
        assert datetime.now(UTC) >= due
        [toast] = vip_toasts(mei, KIND)
        assert toast.heading.text() == f"VIP {client.tier} · Follow-up due"
        assert toast.title.text() == client.display_name
        assert toast.body.text() == f"Your follow-up is due: {title}"
        assert toast.isVisible()
        assert window.isActiveWindow()  # focused, and still it sounded
        assert notifier.sound.played == played + 1
        if notifier.tray is not None:
            assert notifier.tray.shown[-1][0] == toast.heading.text()

        # Exactly once: the sweeper runs every second, reconnects replay nothing new.
        await asyncio.sleep(4)
        assert len(vip_toasts(mei, KIND)) == 1
        assert notifier.sound.played == played + 1
        # An agent's console hears nothing of the VIP desk.
        assert not [
            t
            for t in alice.window.notifier.toasts.toasts
            if str(t.property("kind")).startswith("vip_")
        ]

    run_scenario(qasync_loop, scenario, [mei_console, alice_console], clients)
