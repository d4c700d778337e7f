"""The composition root: `support-console` / `python -m console`.

Reads the command line, sets up one QApplication with a qasync event loop, and hands over to the
Launcher (server choice, saved session or sign-in, main window).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.launcher import Launcher
    from console.ui.shell.main_window import MainWindow

__all__ = ["main", "parse_args"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="support-console", description="Desktop console for the support team."
    )
    parser.add_argument("--server", metavar="URL", help="Support API server (default: demo)")
    parser.add_argument("--profile", metavar="DIR", type=Path, help="profile directory")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="interface language")
    parser.add_argument(
        "--no-simulate", action="store_true", help="no simulated customer traffic in the demo"
    )
    parser.add_argument(
        "--exit-after-paint",
        action="store_true",
        help="print startup figures as JSON once the inbox has painted, then quit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation headlessly (demo server, sign-in, inbox, ticket, draft), exit",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.version:
        from console.version import app_version  # metadata lookup only when asked

        print(f"support-console {app_version()}")
        return 0
    if args.self_test:
        from console.ui.self_test import run_self_test

        return run_self_test(args.profile)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    from console.ui.startup_probe import process_start_time

    t0 = process_start_time()

    import qasync
    from PySide6.QtWidgets import QApplication

    from console.ui.gc_guard import GuiThreadCollector
    from console.ui.i18n import set_language
    from console.ui.launcher import Launcher, LaunchOptions
    from console.ui.preferences import load_language
    from console.ui.style import apply_base_style

    profile_dir: Path = args.profile or _default_profile_dir()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Support Console")
    app.setQuitOnLastWindowClosed(False)
    apply_base_style(app)  # the style sheet follows when the first window is built
    set_language(args.lang or load_language(profile_dir) or _system_language())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    # The demo server and sync helpers run Python on other threads: collect garbage (and so
    # destroy Qt objects) only on this one.
    collector = GuiThreadCollector(app)
    collector.start()
    launcher = Launcher(
        LaunchOptions(
            profile_dir=profile_dir, server_url=args.server, simulate=not args.no_simulate
        )
    )
    # A window with its cached inbox, then a signed-in session: what lives all day is in place.
    launcher.window_shown.connect(collector.settle_soon)
    launcher.session_opened.connect(collector.settle_soon)

    async def run() -> None:
        stop = asyncio.Event()
        launcher.quit_requested.connect(stop.set)
        if args.exit_after_paint:
            _install_probe(launcher, t0, stop.set)
        launcher.start()
        await stop.wait()
        await launcher.aclose()

    try:
        loop.run_until_complete(run())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
    return 0


def _default_profile_dir() -> Path:
    from console.store.paths import default_profile_dir  # platformdirs, only when needed

    return default_profile_dir()


def _system_language() -> str:
    from PySide6.QtCore import QLocale

    from console.ui.i18n import language_for_system_locale

    return language_for_system_locale(QLocale.system().name())


def _install_probe(launcher: Launcher, t0: float, done: Callable[[], None]) -> None:
    from console.ui.paint_watch import on_first_paint
    from console.ui.startup_probe import report_startup

    def on_window(window: MainWindow) -> None:
        def report() -> None:
            report_startup(t0, launcher.cached_tickets())
            done()

        model = window.inbox.model
        # Rows on screen, or an empty cache (nothing to wait for).
        on_first_paint(
            window.inbox.table.viewport(),
            report,
            lambda: model.rowCount() > 0 or launcher.cached_tickets() == 0,
        )

    def on_dialog(dialog: QWidget) -> None:
        def report() -> None:
            report_startup(t0, 0)
            done()

        on_first_paint(dialog, report)

    launcher.window_shown.connect(on_window)
    launcher.sign_in_shown.connect(on_dialog)
