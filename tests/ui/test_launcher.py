"""The composition root's flow: demo server, sign-in, saved session, cold start, sign-out."""

from __future__ import annotations

from pathlib import Path

from live_helpers import DEMO_PASSWORD, wait_until

from console.store.credentials import load_session
from console.ui.launcher import EMBEDDED_SERVER_KEY, Launcher, LaunchOptions, cache_path


def test_first_start_signs_in_then_restarts_from_the_cache(qasync_loop, tmp_path: Path):
    options = LaunchOptions(profile_dir=tmp_path, simulate=False, demo_tickets=60)

    async def first_run() -> int:
        launcher = Launcher(options)
        launcher.start()
        assert launcher.session is None and launcher.dialog is not None
        dialog = launcher.dialog
        await wait_until(lambda: dialog.demo_list.count() == 5, timeout=30)
        assert dialog.server_edit.text().startswith("http://127.0.0.1:")
        dialog.username_edit.setText("mei")
        dialog.password_edit.setText(DEMO_PASSWORD)
        await dialog.sign_in()
        await wait_until(lambda: launcher.session is not None)
        window = launcher.session.window
        assert not window.banner.isHidden()
        await wait_until(lambda: window.connection.state() == "online", timeout=30)
        await wait_until(lambda: window.inbox.model.rowCount() > 0)
        rows = window.inbox.model.rowCount()
        await launcher.aclose()
        return rows

    rows = qasync_loop.run_until_complete(first_run())
    saved = load_session(tmp_path)
    assert saved is not None and saved.server_url == EMBEDDED_SERVER_KEY
    assert cache_path(tmp_path, EMBEDDED_SERVER_KEY).exists()

    async def second_run() -> None:
        launcher = Launcher(options)
        launcher.start()
        # The window is there at once, read from the cache file: before the Store is open (the
        # session comes right after the first paint) and before any server exists.
        window = launcher.window
        assert window is not None and launcher.dialog is None and launcher.session is None
        assert window.isVisible() and not window.attached
        assert window.inbox.model.rowCount() == rows
        await wait_until(lambda: launcher.session is not None)
        assert launcher.session.window is window and window.attached
        assert window.inbox.model.rowCount() == rows
        await wait_until(lambda: window.connection.state() == "online", timeout=30)
        window.settings.sign_out_button.click()
        await wait_until(lambda: launcher.dialog is not None, timeout=10)
        assert launcher.session is None
        assert load_session(tmp_path) is None
        await launcher.aclose()

    qasync_loop.run_until_complete(second_run())
