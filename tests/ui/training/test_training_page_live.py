"""The Training page on a real server (the training workspace mounted beside the live one):
a trainer starts a session for a trainee, watches the seat run, and sees a broken scenario
refused with the server's reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live_helpers import DEMO_PASSWORD, wait_until

from console.api.client import SupportClient
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url
from console.store import Store
from console.ui.session import ConsoleSession


@pytest.fixture
def training_server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(
        ServerSettings(
            database_url=sqlite_url(tmp_path / "server.sqlite3"),
            demo=True,
            simulate=False,
            demo_tickets=40,
            with_training=True,
            training_tick_s=0.2,
            sse_keepalive_s=1.0,
            event_poll_s=0.2,
        )
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_trainer_starts_a_session_and_watches_the_seat_run(
    qasync_loop, qtbot, training_server, tmp_path
) -> None:
    async def scenario() -> None:
        client = SupportClient(training_server.base_url)
        token = await client.login("tom", DEMO_PASSWORD)
        store = Store.open(tmp_path / "cache.sqlite3")
        live = ConsoleSession(store, token.agent, demo=True, client=client)
        window = live.window
        qtbot.addWidget(window)
        window.show()
        try:
            await wait_until(lambda: any(a.username == "alice" for a in live.agents()))
            alice = next(a for a in live.agents() if a.username == "alice")
            window.show_page("training")
            page = window.role_pages["training"]
            sessions = page.view.sessions
            await wait_until(lambda: sessions.status.text() == "Sessions: 0")
            sessions.new_session()
            dialog = sessions.dialog
            await wait_until(lambda: dialog.scenario_list.count() > 0)
            qtbot.keyClicks(dialog.title_edit, "Class 3")
            dialog.check_trainee(alice.id)
            dialog.check_scenario("lost-2fa")
            dialog.start()
            await wait_until(lambda: sessions.sessions.rowCount() == 1)
            seats = sessions.seats

            def running() -> bool:
                return seats.rowCount() == 1 and seats.item(0, 3).text() == "Running"

            await wait_until(running)
            assert seats.item(0, 0).text() == alice.display_name

            # A scenario the server cannot load is refused with the file and the field named.
            page.view.setCurrentWidget(page.view.scenarios)
            editor = page.view.scenarios.editor
            await wait_until(lambda: editor.isEnabled() and "title.en" in editor.toPlainText())
            editor.setPlainText(editor.toPlainText().replace("channel = ", "channel = 9 #"))
            page.view.scenarios.save()
            error = page.view.scenarios.error
            await wait_until(error.isVisible)
            assert ".toml" in error.text() and "channel" in error.text()
        finally:
            await live.aclose()
            window.close()
            store.close()

    qasync_loop.run_until_complete(scenario())
