"""From start to a working window: which server, saved session or sign-in, and sign-out.

With no server given (and none remembered) the reference server runs in-process on loopback with
its SQLite file in the profile: the demo workspace. A remembered session paints the main window
straight from the cache file (`console.store.first_page`, plain sqlite3); the Store, the
session's wiring and the network (and for the demo, the server itself) come after the first
paint, loaded on worker threads so the window stays responsive meanwhile.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from console.store.credentials import SavedSession, clear_session, load_session, save_session
from console.store.first_page import CachedTickets, read_first_page, read_page
from console.store.records import TicketQuery
from console.ui.cache_start import NETWORK_MODULES, AgentBasics, import_all, open_cache
from console.ui.i18n import tr
from console.ui.inbox.inbox_view import default_query
from console.ui.inbox.ticket_table_model import PAGE_SIZE
from console.ui.paint_watch import on_first_paint
from console.ui.preferences import save_language
from console.ui.shell.main_window import MainWindow
from console.ui.style import ensure_style_sheet

if TYPE_CHECKING:  # pydantic, SQLAlchemy and httpx load after the first paint
    from console.api.client import SupportClient
    from console.api.schemas import AgentOut, TokenOut
    from console.store import Store
    from console.ui.session import ConsoleSession
    from console.ui.signin.signin_dialog import SignInDialog

__all__ = ["EMBEDDED_SERVER_KEY", "LaunchOptions", "Launcher", "cache_path"]

log = logging.getLogger(__name__)

# What a saved session records as its server when it belongs to the in-process demo server,
# whose port changes at every start.
EMBEDDED_SERVER_KEY = "embedded:demo"
# Start-up work waits for the first paint, but no longer than this: a minimised window never paints.
STARTUP_WORK_AT_LATEST_MS = 1500
_WORKSPACE_NAME_KEY = "workspace_name"
_WORKSPACE_DEMO_KEY = "workspace_demo"


@dataclass(frozen=True)
class LaunchOptions:
    profile_dir: Path
    server_url: str | None = None
    simulate: bool = True
    demo_tickets: int | None = None  # size of a fresh demo workspace; None: the server's default


def cache_path(profile_dir: Path, server_key: str) -> Path:
    """The local store of one workspace: caches of different servers never mix."""
    if server_key == EMBEDDED_SERVER_KEY:
        return profile_dir / "demo-cache.sqlite3"
    digest = hashlib.sha256(server_key.encode("utf-8")).hexdigest()[:16]
    return profile_dir / "caches" / f"{digest}.sqlite3"


def demo_server_database(profile_dir: Path) -> Path:
    return profile_dir / "demo-server.sqlite3"


class Launcher(QObject):
    window_shown = Signal(object)  # MainWindow, on screen (after a cold start: before the session)
    session_opened = Signal(object)  # ConsoleSession
    sign_in_shown = Signal(object)  # SignInDialog
    quit_requested = Signal()  # the agent closed the main window or the sign-in dialog

    def __init__(self, options: LaunchOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.session: ConsoleSession | None = None
        self.window: MainWindow | None = None  # the main window on screen, with or without session
        self.dialog: SignInDialog | None = None
        self._opening: asyncio.Future[tuple[Store, AgentOut]] | None = None
        self._server: Any = None  # console.server.embedded.EmbeddedServer, imported on demand
        self._server_start: asyncio.Future[tuple[Any, str]] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._embedded = False
        self._server_key = EMBEDDED_SERVER_KEY

    # --- start -------------------------------------------------------------------------------

    def start(self) -> None:
        saved = load_session(self.options.profile_dir)
        if self.options.server_url:
            self._server_key = self.options.server_url.rstrip("/")
            if saved is not None and saved.server_url != self._server_key:
                saved = None
        elif saved is not None and saved.server_url != EMBEDDED_SERVER_KEY:
            self._server_key = saved.server_url
        else:
            self._server_key = EMBEDDED_SERVER_KEY
        self._embedded = self._server_key == EMBEDDED_SERVER_KEY
        if saved is None:
            self.show_sign_in()
        elif not self._show_cached_window(saved):
            from console.api.schemas import AgentOut

            session = self._open_session(AgentOut.model_validate_json(saved.agent_json))
            token = saved.token
            # The network (and the demo server's start) waits until the cached inbox is on screen.
            on_first_paint(
                session.window.inbox.table.viewport(),
                lambda: self._spawn(self._connect(session, token)),
                at_latest_ms=STARTUP_WORK_AT_LATEST_MS,
            )

    def cached_tickets(self) -> int:
        """How many tickets the current workspace's cache holds."""
        path = cache_path(self.options.profile_dir, self._server_key)
        found = read_page(path, TicketQuery(view="all"), 0, 0)
        if found is not None:
            return found[1]
        if self.session is not None:
            return self.session.store.count_tickets(TicketQuery(view="all"))
        return 0

    # --- cold start from the cache -----------------------------------------------------------

    def _show_cached_window(self, saved: SavedSession) -> bool:
        """Paint the inbox from the cache file; False if the file can't be read that way."""
        agent = AgentBasics.from_json(saved.agent_json)
        if agent is None:
            return False
        path = cache_path(self.options.profile_dir, self._server_key)
        meta_keys = (_WORKSPACE_NAME_KEY, _WORKSPACE_DEMO_KEY)
        first = read_first_page(path, default_query(agent.id), PAGE_SIZE, meta_keys)
        if first is None:
            return False
        demo = self._embedded or first.meta.get(_WORKSPACE_DEMO_KEY) == "1"
        name = first.meta.get(_WORKSPACE_NAME_KEY, "")
        window = MainWindow(
            CachedTickets(path, first), None, None, agent, demo=demo, workspace_name=name
        )
        self._show_window(window)
        on_first_paint(
            window.inbox.table.viewport(),
            lambda: self._spawn(self._finish_cold_start(window, path, saved, demo, name)),
            at_latest_ms=STARTUP_WORK_AT_LATEST_MS,
        )
        return True

    async def _finish_cold_start(
        self, window: MainWindow, path: Path, saved: SavedSession, demo: bool, name: str
    ) -> None:
        opening = self._opening = asyncio.ensure_future(
            asyncio.to_thread(open_cache, path, saved.agent_json)
        )
        try:
            # Shielded: if the launcher closes meanwhile, aclose() closes the Store it opened.
            store, me = await asyncio.shield(opening)
        except asyncio.CancelledError:
            raise
        except Exception:
            self._opening = None
            log.exception("the local store did not open; the inbox stays as cached")
            return
        self._opening = None
        if self.window is not window:  # closed while the Store was opening
            store.close()
            return
        from console.ui.session import ConsoleSession  # loaded by open_cache

        session = ConsoleSession(store, me, demo=demo, workspace_name=name, window=window)
        self._adopt(session)
        await self._connect(session, saved.token)

    # --- sessions ----------------------------------------------------------------------------

    def _show_window(self, window: MainWindow) -> None:
        self.window = window
        window.closing.connect(lambda: self._on_window_closing(window))
        window.language_changed.connect(lambda code: save_language(self.options.profile_dir, code))
        ensure_style_sheet()
        window.show()
        self.window_shown.emit(window)

    def _adopt(self, session: ConsoleSession) -> None:
        session.sign_out_requested.connect(lambda: self._spawn(self.sign_out()))
        session.session_expired.connect(lambda: self._spawn(self._expire(session)))
        self.session = session
        self.session_opened.emit(session)

    def _open_session(self, me: AgentOut, client: SupportClient | None = None) -> ConsoleSession:
        from console.store import Store
        from console.ui.session import ConsoleSession

        store = Store.open(cache_path(self.options.profile_dir, self._server_key))
        demo = self._embedded or store.get_meta(_WORKSPACE_DEMO_KEY) == "1"
        name = store.get_meta(_WORKSPACE_NAME_KEY) or ""
        session = ConsoleSession(store, me, demo=demo, workspace_name=name, client=client)
        self._show_window(session.window)
        self._adopt(session)
        return session

    async def _connect(self, session: ConsoleSession, token: str) -> None:
        url = await self._ensure_server() if self._embedded else self._server_key
        await asyncio.to_thread(import_all, NETWORK_MODULES)  # httpx: a third of a second
        from console.api.client import SupportClient

        if self.session is session:
            session.attach(SupportClient(url, token))

    async def _ensure_server(self) -> str:
        if self._server_start is None:
            self._server_start = asyncio.ensure_future(asyncio.to_thread(self._start_server))
        # Shielded: a cancelled caller must not orphan a server that is half way up.
        self._server, url = await asyncio.shield(self._server_start)
        return url

    def _start_server(self) -> tuple[Any, str]:
        """On a worker thread: importing FastAPI and uvicorn alone takes most of a second."""
        from console.server.embedded import EmbeddedServer
        from console.server.settings import ServerSettings, sqlite_url

        settings = ServerSettings(
            database_url=sqlite_url(demo_server_database(self.options.profile_dir)),
            demo=True,
            simulate=self.options.simulate,
            workspace_name="Demo exchange",
        )
        if self.options.demo_tickets is not None:
            settings.demo_tickets = self.options.demo_tickets
        server = EmbeddedServer(settings, host="127.0.0.1", port=0)
        return server, server.start()

    # --- sign-in -----------------------------------------------------------------------------

    def show_sign_in(self) -> None:
        url = "" if self._embedded else self._server_key
        from console.ui.signin.signin_dialog import SignInDialog

        dialog = SignInDialog(url)
        dialog.signed_in.connect(self._on_signed_in)
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self.dialog = dialog
        ensure_style_sheet()
        dialog.show()
        self.sign_in_shown.emit(dialog)
        if self._embedded:
            self._spawn(self._prepare_demo_sign_in(dialog))
        elif url:
            dialog.load_workspace()

    async def _prepare_demo_sign_in(self, dialog: SignInDialog) -> None:
        dialog.sign_in_button.setEnabled(False)
        try:
            url = await self._ensure_server()
        except Exception:
            log.exception("the demo server did not start")
            dialog.sign_in_button.setEnabled(True)
            return
        dialog.sign_in_button.setEnabled(True)
        if not dialog.server_edit.text().strip():
            dialog.set_server_url(url)
        await dialog.load_workspace()

    def _on_signed_in(self, client: SupportClient, token: TokenOut) -> None:
        dialog = self.dialog
        entered = dialog.server_edit.text().strip().rstrip("/") if dialog else ""
        demo_url = self._server.base_url if self._server is not None else None
        if demo_url is not None and entered == demo_url.rstrip("/"):
            self._server_key = EMBEDDED_SERVER_KEY
        else:
            self._server_key = entered
        self._embedded = self._server_key == EMBEDDED_SERVER_KEY
        save_session(
            self.options.profile_dir, self._server_key, token.token, token.agent.model_dump_json()
        )
        session = self._open_session(token.agent, client)
        info = dialog.workspace if dialog else None
        if info is not None:
            session.store.set_meta(_WORKSPACE_NAME_KEY, info.name)
            session.store.set_meta(_WORKSPACE_DEMO_KEY, "1" if info.demo else "0")
        if dialog is not None:
            self.dialog = None
            dialog.close()
            dialog.deleteLater()

    def _on_dialog_finished(self, dialog: SignInDialog) -> None:
        if self.dialog is dialog:  # closed by the agent, not replaced by the main window
            self.quit_requested.emit()

    def _on_window_closing(self, window: MainWindow) -> None:
        if self.window is window:  # closed by the agent, not by signing out
            self.quit_requested.emit()

    # --- sign-out and shutdown ---------------------------------------------------------------

    async def sign_out(self) -> None:
        session = self.session
        if session is None:
            return
        self.session = None
        if session.client is not None:
            try:
                await session.client.logout()
            except Exception as exc:  # signing out locally must work offline too
                log.info("server-side logout failed: %s", exc)
        await self._close_session(session)
        clear_session(self.options.profile_dir)
        self.show_sign_in()

    async def _expire(self, session: ConsoleSession) -> None:
        """The token expired or was revoked: ask for the password again; drafts stay."""
        if self.session is not session:
            return
        self.session = None
        await self._close_session(session)
        clear_session(self.options.profile_dir)
        self.show_sign_in()
        if self.dialog is not None:
            self.dialog.username_edit.setText(session.me.username)
            self.dialog.show_error(tr("Your session has expired. Please sign in again."))

    async def _close_session(self, session: ConsoleSession) -> None:
        if self.window is session.window:
            self.window = None
        await session.aclose()
        session.window.close()
        session.window.deleteLater()
        session.store.close()

    async def aclose(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.close()
            dialog.deleteLater()
        if self.session is not None:
            session, self.session = self.session, None
            await self._close_session(session)
        if self.window is not None:  # shown from the cache, the session not there yet
            window, self.window = self.window, None
            window.close()
            window.deleteLater()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._opening is not None:
            opening, self._opening = self._opening, None
            try:
                store, _me = await opening
            except Exception:
                log.exception("the local store did not open")
            else:
                store.close()
        if self._server_start is not None:
            start, self._server_start = self._server_start, None
            try:
                server, _url = await start
            except Exception:
                log.exception("the demo server did not start")
            else:
                await asyncio.to_thread(server.stop)
            self._server = None

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
