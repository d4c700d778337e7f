"""Cold start to an inbox painted from a 10,000-ticket cache, against a bare-window floor.

Starts the reference server on loopback, signs in once, fills a fresh profile's cache with
10,000 tickets and a saved session, then launches the app (`python -m console --server URL
--profile DIR --exit-after-paint`) and the floor (`bench/floor_window.py`) alternately, each as
a new process timed from just before its spawn. Prints one JSON line:
{"first_paint_s", "floor_first_paint_s", "ratio", "rss_mb", "tickets_cached", "runs"}
with the medians over the runs, plus "bytecode". Budget: ratio <= 2.5, rss_mb <= 160.

The app is timed as installed: `pip install` and the desktop bundle both ship compiled bytecode,
as PySide6 in the floor does, so the console package is compiled before the runs. With
`--from-source` it is not, and a checkout run with PYTHONDONTWRITEBYTECODE=1 (as CI sets it)
compiles every module of the app at every start.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.api.client import SupportClient
from console.api.schemas import TicketOut
from console.core.domain import Category, Channel, Priority, TicketStatus
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url
from console.store import Store
from console.store.credentials import save_session
from console.ui.launcher import cache_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHED_TICKETS = 10_000


def synthetic_tickets(count: int) -> list[TicketOut]:
    now = datetime.now(UTC)
    channels, categories = list(Channel), list(Category)
    statuses = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED]
    return [
        TicketOut(
            id=100_000 + i,
            subject=f"提币未到账 withdrawal pending #{i}" if i % 2 else f"USDT deposit missing {i}",
            status=statuses[i % len(statuses)],
            priority=list(Priority)[i % 4],
            channel=channels[i % len(channels)],
            category=categories[i % len(categories)],
            language="zh" if i % 2 else "en",
            customer_uid=f"U{20_000_000 + i}",
            assignee_id=None if i % 3 else 1,
            tags=["bench"],
            created_at=now - timedelta(minutes=i),
            updated_at=now - timedelta(minutes=i),
            version=1,
            message_count=1,
            last_message_preview="我的提币一直显示处理中 / my withdrawal is still processing",
        )
        for i in range(count)
    ]


async def sign_in(url: str) -> tuple[str, str, int]:
    client = SupportClient(url)
    try:
        token = await client.login("alice", "demo-pass-2026")
        last_id = (await client.events(after=0, limit=1)).last_id
        return token.token, token.agent.model_dump_json(), last_id
    finally:
        await client.aclose()


def prepare_profile(profile: Path, url: str) -> int:
    token, agent_json, last_id = asyncio.run(sign_in(url))
    key = url.rstrip("/")
    save_session(profile, key, token, agent_json)
    store = Store.open(cache_path(profile, key))
    try:
        store.upsert_tickets(synthetic_tickets(CACHED_TICKETS))
        store.set_event_cursor(last_id)
    finally:
        store.close()
    return CACHED_TICKETS


def timed_run(cmd: list[str]) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["SUPPORT_CONSOLE_T0"] = repr(time.time())
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=True)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"no figures from {cmd}: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--from-source", action="store_true", help="do not compile the app's bytecode first"
    )
    args = parser.parse_args()
    if not args.from_source:
        compileall.compile_dir(ROOT / "console", quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        settings = ServerSettings(
            database_url=sqlite_url(work / "server.sqlite3"), demo=True, simulate=False
        )
        server = EmbeddedServer(settings)
        url = server.start()
        try:
            profile = work / "profile"
            cached = prepare_profile(profile, url)
            app_cmd = [sys.executable, "-m", "console", "--server", url, "--profile", str(profile)]
            app_cmd.append("--exit-after-paint")
            floor_cmd = [sys.executable, str(HERE / "floor_window.py")]
            apps, floors = [], []
            for _ in range(args.runs):
                apps.append(timed_run(app_cmd))
                floors.append(timed_run(floor_cmd))
        finally:
            server.stop()
    first_paint = statistics.median(r["first_paint_s"] for r in apps)
    floor = statistics.median(r["first_paint_s"] for r in floors)
    figures = {
        "first_paint_s": round(first_paint, 3),
        "floor_first_paint_s": round(floor, 3),
        "ratio": round(first_paint / floor, 2),
        "rss_mb": round(statistics.median(r["rss_mb"] for r in apps), 1),
        "tickets_cached": int(min(r.get("tickets_cached", cached) for r in apps)),
        "runs": args.runs,
        "bytecode": not args.from_source,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
