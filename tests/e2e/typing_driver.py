"""The console as an agent runs it, typing into a ticket's reply box (or reading it back).

    python typing_driver.py --server URL --profile DIR --ticket ID type --text-file F
    python typing_driver.py --server URL --profile DIR --ticket ID check

Builds the app as `console.app.main` does (QApplication, qasync loop, Launcher with the saved
session of --profile), opens the ticket in the real main window and then either types the text
into the reply box one character every --interval seconds through the input method, printing
`typed <n> <unix time>` after each, and waits to be killed; or prints the reply box's text as
JSON (`{"restored": ...}`) and quits cleanly.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def until(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not get there in time")
        await asyncio.sleep(0.02)
    return value


async def drive(launcher: Any, args: argparse.Namespace) -> None:
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    launcher.start()
    session = await until(lambda: launcher.session)
    window = session.window
    # The row is there once the cache (or, on a first start, the sync) has the ticket.
    await until(lambda: window.inbox.select_ticket(args.ticket))
    await until(lambda: window.ticket_view.ticket_id() == args.ticket)
    box = window.ticket_view.reply_box
    window.activateWindow()
    box.editor.setFocus()
    if args.mode == "check":
        say(json.dumps({"restored": box.text()}, ensure_ascii=False))
        return
    text = Path(args.text_file).read_text("utf-8")
    say(f"ready {time.time()!r}")
    for n, char in enumerate(text, 1):
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(box.editor, event)
        say(f"typed {n} {time.time()!r}")
        await asyncio.sleep(args.interval)
    say("finished")
    await asyncio.sleep(120)  # the test kills us before this ends


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--ticket", required=True, type=int)
    parser.add_argument("--interval", type=float, default=0.04)
    parser.add_argument("mode", choices=["type", "check"])
    parser.add_argument("--text-file")
    args = parser.parse_args()

    import qasync
    from PySide6.QtWidgets import QApplication

    from console.ui.i18n import set_language
    from console.ui.launcher import Launcher, LaunchOptions
    from console.ui.style import apply_style

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Support Console")
    app.setQuitOnLastWindowClosed(False)
    apply_style(app)
    set_language("en")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    launcher = Launcher(
        LaunchOptions(profile_dir=args.profile, server_url=args.server, simulate=False)
    )

    async def run() -> None:
        try:
            await drive(launcher, args)
        finally:
            await launcher.aclose()

    try:
        loop.run_until_complete(run())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
