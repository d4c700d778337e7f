"""`support-console --self-test`: a headless smoke check of an installed console or a bundle.

It runs what an agent's first minute runs, on a throw-away demo workspace: the embedded server,
signing in as the demo agent alice, the real session and main window on a qasync loop, the inbox
filling from the server, a ticket opening with its messages, and a draft written in the reply box
reaching the local store. Each step prints one line; the first failure prints which step failed
and why, and the exit code is non-zero. A run never hangs: the steps share one deadline, and a
watchdog thread ends the process if the GUI thread itself stops responding.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.server.embedded import EmbeddedServer
    from console.store import Store
    from console.ui.session import ConsoleSession

__all__ = ["SELF_TEST_TIMEOUT_S", "SelfTestError", "run_self_test"]

SELF_TEST_TIMEOUT_S = 60.0  # all of it: the steps get this less the time kept for shutting down
CLEANUP_TIMEOUT_S = 15.0
STEP_TIMEOUT_S = 20.0
WATCHDOG_GRACE_S = 5.0
DEMO_TICKETS = 30
DRAFT_TEXT = "Self-test draft: 您好，我们正在核实您的提币申请。"
OK, FAIL = "ok  ", "FAIL  "


class SelfTestError(RuntimeError):
    """A step's check did not hold; the message says what was expected."""


def _say(line: str) -> None:
    print(line, flush=True)


@dataclass
class _Run:
    """What the steps opened, closed again whatever happened, and the step under way."""

    say: Callable[[str], None]
    step: str = "starting"
    server: EmbeddedServer | None = None
    server_start: asyncio.Future[str] | None = None
    client: SupportClient | None = None
    store: Store | None = None
    session: ConsoleSession | None = None
    loop_errors: list[str] = field(default_factory=list)

    def begin(self, step: str) -> None:
        self.step = step

    def ok(self, text: str) -> None:
        self.say(OK + text)

    def fail(self, reason: str) -> None:
        self.say(f"{FAIL}{self.step}: {' '.join(reason.split())}")

    async def aclose(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            await session.aclose()  # also closes the client it was given
            session.window.close()
            session.window.deleteLater()
        elif self.client is not None:
            await self.client.aclose()
        self.client = None
        store, self.store = self.store, None
        if store is not None:
            store.close()
        server, self.server = self.server, None
        start, self.server_start = self.server_start, None
        if server is not None and start is not None:
            await asyncio.gather(start, return_exceptions=True)  # stop() must not race start()
            await asyncio.to_thread(server.stop)


def _ensure_platform() -> str:
    """Offscreen when there is no display to show a window on (a server, CI, a container)."""
    headless = sys.platform not in ("win32", "darwin") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM", "default")


def _describe(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, SelfTestError) and text:
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def _wait_until(
    condition: Callable[[], object], what: str, timeout: float | None = None
) -> None:
    timeout = STEP_TIMEOUT_S if timeout is None else timeout
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestError(f"{what}: not within {timeout:.0f} s")
        await asyncio.sleep(0.02)


def _check_qt(run: _Run, app: Any) -> None:
    from PySide6.QtCore import qVersion

    from console.ui.style import apply_style

    run.begin("Qt")
    apply_style(app)
    if not app.styleSheet():
        from console.core.data_files import resources_dir

        raise SelfTestError(f"no style sheet at {resources_dir() / 'style.qss'}")
    run.ok(f"Qt {qVersion()} on platform {app.platformName()}, style sheet loaded")


def _check_languages(run: _Run) -> None:
    from console.core.data_files import translations_dir
    from console.ui.formatting import amount, relative_time
    from console.ui.i18n import language, set_language, tr

    run.begin("translations")
    previous = language()
    try:
        set_language("zh_CN")
        inbox = tr("Inbox")
        if inbox == "Inbox":
            raise SelfTestError(f"no Chinese catalog under {translations_dir()}")
        ago = relative_time(datetime.now(UTC) - timedelta(minutes=5))
        if "分钟" not in ago:
            raise SelfTestError(f"Babel's zh_CN locale data is missing (got {ago!r})")
        figure = amount(Decimal("1234.00012345"))
    finally:
        set_language(previous)
    run.ok(f"catalogs and zh_CN formatting: {inbox}, {ago}, {figure}")


async def _start_server(run: _Run, workdir: Path) -> str:
    from console.server.embedded import EmbeddedServer
    from console.server.settings import ServerSettings, sqlite_url

    run.begin("start the embedded server")
    settings = ServerSettings(
        database_url=sqlite_url(workdir / "server.sqlite3"),
        demo=True,
        simulate=False,
        demo_tickets=DEMO_TICKETS,
        workspace_name="Self-test workspace",
    )
    server = run.server = EmbeddedServer(settings, host="127.0.0.1", port=0)
    start = run.server_start = asyncio.ensure_future(
        asyncio.to_thread(server.start, STEP_TIMEOUT_S)
    )
    url = await asyncio.shield(start)
    run.ok(f"server started on {url} (demo workspace, {DEMO_TICKETS} tickets)")
    return url


async def _sign_in(run: _Run, url: str) -> Any:
    from console.api.client import SupportClient
    from console.server.demo.agents import DEMO_PASSWORD

    run.begin("sign in as alice")
    client = run.client = SupportClient(url)
    token = await client.login("alice", DEMO_PASSWORD)
    if token.agent.username != "alice":
        raise SelfTestError(f"signed in as {token.agent.username!r}, not alice")
    run.ok(f"signed in as alice ({token.agent.display_name})")
    return token.agent


async def _open_window(run: _Run, workdir: Path, me: Any) -> Any:
    from console.store import Store
    from console.ui.session import ConsoleSession

    run.begin("open the main window")
    store = run.store = Store.open(workdir / "cache.sqlite3")
    client, run.client = run.client, None  # the session owns it from here on
    session = run.session = ConsoleSession(
        store, me, demo=True, workspace_name="Self-test workspace", client=client
    )
    window = session.window
    window.show()
    await _wait_until(window.isVisible, "the main window to show")
    if window.grab().isNull():
        raise SelfTestError("the main window did not render")
    size = window.size()
    run.ok(f"main window shown and painted ({size.width()}×{size.height()})")
    return window


async def _inbox(run: _Run, window: Any) -> Any:
    run.begin("inbox")
    model = window.inbox.model
    await _wait_until(lambda: model.rowCount() > 0, "tickets in the inbox")
    run.ok(f"inbox shows {model.rowCount()} tickets")
    return model.ticket_at(0)


async def _open_ticket(run: _Run, window: Any, ticket: Any) -> Any:
    run.begin(f"open ticket #{ticket.id}")
    if not window.inbox.select_ticket(ticket.id):
        raise SelfTestError(f"ticket #{ticket.id} is not in the inbox")
    view = window.ticket_view
    await _wait_until(lambda: view.ticket_id() == ticket.id, "the ticket view to show it")
    await _wait_until(lambda: view.conversation.bubbles, "its messages from the server")
    run.ok(f"opened ticket #{ticket.id} with {len(view.conversation.bubbles)} message(s)")
    return view


async def _write_draft(run: _Run, view: Any, ticket_id: int) -> None:
    from console.ui.ticket.reply_box import draft_key

    run.begin("write a draft")
    store = run.store
    assert store is not None
    editor = view.reply_box.editor
    editor.setFocus()
    editor.insertPlainText(DRAFT_TEXT)
    if view.reply_box.text() != DRAFT_TEXT:
        raise SelfTestError(f"the reply box holds {view.reply_box.text()!r}")
    key = draft_key(ticket_id)
    await _wait_until(lambda: store.draft(key) == DRAFT_TEXT, "the draft in the local store")
    run.ok(f"draft saved and read back from the store ({len(DRAFT_TEXT)} characters)")


async def _knowledge_base(run: _Run) -> None:
    """The demo articles ship as data files: a bundle without them has an empty knowledge base."""
    run.begin("knowledge base")
    store = run.store
    assert store is not None
    await _wait_until(lambda: store.kb.count() > 0, "articles from the server")
    await _wait_until(lambda: bool(store.kb.search("提币")), "a Chinese search to find articles")
    hits = store.kb.search("提币")
    run.ok(f"{store.kb.count()} articles; 提币 finds {len(hits)}, first: {hits[0].slug}")


def _secret_guard(run: _Run) -> None:
    """The BIP39 wordlists ship as data files: without them no pasted seed phrase is hidden."""
    run.begin("seed phrase guard")
    from console.core.secrets import redact_secrets

    phrase = " ".join(["abandon"] * 11 + ["about"])
    found = redact_secrets(f"my words: {phrase}").findings
    if not found:
        raise AssertionError("a seed phrase went through unrecognised (wordlists missing?)")
    run.ok(f"a 12-word phrase is recognised as {found[0].kind}")


async def _training(run: _Run) -> None:
    """The scenarios ship as data files: without them the training workspace has none."""
    run.begin("training workspace")
    session = run.session
    assert session is not None
    found = await session.training.call(lambda client: client.training_scenarios())
    if not found:
        raise SelfTestError("the training workspace has no scenarios (data files missing?)")
    run.ok(f"training workspace: {len(found)} scenarios")


async def _steps(run: _Run, app: Any, workdir: Path) -> None:
    _check_qt(run, app)
    _check_languages(run)
    url = await _start_server(run, workdir)
    me = await _sign_in(run, url)
    window = await _open_window(run, workdir, me)
    ticket = await _inbox(run, window)
    view = await _open_ticket(run, window, ticket)
    await _write_draft(run, view, ticket.id)
    await _knowledge_base(run)
    _secret_guard(run)
    await _training(run)


async def _main(run: _Run, app: Any, workdir: Path, timeout: float) -> int:
    started = time.monotonic()
    code = 0
    steps_timeout = max(timeout - CLEANUP_TIMEOUT_S, 1.0)
    try:
        await asyncio.wait_for(_steps(run, app, workdir), steps_timeout)
    except TimeoutError:
        run.fail(f"no result within the self-test's {steps_timeout:.0f} s")
        code = 1
    except Exception as exc:
        run.fail(_describe(exc))
        code = 1
    run.begin("shut down")
    try:
        await asyncio.wait_for(run.aclose(), CLEANUP_TIMEOUT_S)
    except TimeoutError:
        run.fail(f"not finished within {CLEANUP_TIMEOUT_S:.0f} s")
        return 1
    except Exception as exc:
        run.fail(_describe(exc))
        return 1
    if code:
        return code
    if run.loop_errors:
        run.fail(f"unhandled error on the event loop: {run.loop_errors[0]}")
        return 1
    run.ok("server stopped, session closed")
    run.say(f"self-test passed in {time.monotonic() - started:.1f} s")
    return 0


def _watchdog(run: _Run, seconds: float) -> threading.Timer:
    """Ends the process if the GUI thread is stuck, where no asyncio timeout can fire."""

    def expire() -> None:
        run.fail(f"stuck for {seconds:.0f} s; ending the process")
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    return timer


def run_self_test(
    profile_dir: Path | None = None,
    *,
    timeout: float = SELF_TEST_TIMEOUT_S,
    say: Callable[[str], None] = _say,
) -> int:
    """Run the smoke check; 0 when every step passed. With `profile_dir`, its data goes to a
    fresh `self-test` folder inside it (the profile's own files are not touched)."""
    run = _Run(say)
    platform = _ensure_platform()
    watchdog = _watchdog(run, timeout + WATCHDOG_GRACE_S)
    watchdog.start()
    try:
        with ExitStack() as stack:
            if profile_dir is None:
                workdir = Path(
                    stack.enter_context(
                        tempfile.TemporaryDirectory(
                            prefix="support-console-self-test-", ignore_cleanup_errors=True
                        )
                    )
                )
            else:
                workdir = profile_dir / "self-test"
                shutil.rmtree(workdir, ignore_errors=True)
                workdir.mkdir(parents=True)
            return _run_on_qt(run, workdir, timeout, platform)
    finally:
        watchdog.cancel()


def _run_on_qt(run: _Run, workdir: Path, timeout: float, platform: str) -> int:
    run.begin(f"start Qt (QT_QPA_PLATFORM={platform})")
    try:
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1] or ["support-console"])
        assert isinstance(app, QApplication)
    except Exception as exc:
        run.fail(_describe(exc))
        return 1
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    def on_loop_error(_loop: Any, context: dict[str, Any]) -> None:
        error = context.get("exception") or context.get("message")
        run.loop_errors.append(_describe(error) if isinstance(error, BaseException) else str(error))

    loop.set_exception_handler(on_loop_error)
    try:
        return loop.run_until_complete(_main(run, app, workdir, timeout))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        # Free the closed window's widgets here, on the GUI thread, not on a later worker thread.
        from PySide6.QtCore import QEvent

        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
