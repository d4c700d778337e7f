"""A console killed mid-typing (SIGKILL: no close event, no flush) loses at most the last second
of the draft; the next start brings the rest back in the same ticket's reply box."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from e2e_support import DEMO_PASSWORD, LiveServer

from console.api.client import SupportClient
from console.store import Store
from console.store.credentials import save_session
from console.ui.launcher import cache_path

DRIVER = Path(__file__).with_name("typing_driver.py")
TYPED_TEXT = (
    "您好 Alice，您的提币申请 TX-4821 已提交。We are checking the on-chain confirmations "
    "now; 预计 10 分钟内到账，please keep this window open. 谢谢您的耐心等待！"
) * 2
TYPE_BEFORE_KILL_S = 2.0
MAY_LOSE_S = 1.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


class Driver:
    """The console in its own process; stdout lines arrive through a queue."""

    def __init__(self, args: list[str], log: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        self._log = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), *args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self, timeout: float) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the console printed nothing for {timeout} s") from None
        if line is None:
            raise AssertionError(f"the console exited ({self.proc.wait()}), see {self._log.name}")
        return line

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        self._log.close()


def _prepare_profile(server: LiveServer, profile: Path) -> tuple[int, str]:
    """Sign in as alice outside the console and leave the session where the launcher looks."""

    async def sign_in() -> tuple[int, str, str]:
        client = SupportClient(server.url)
        try:
            token = await client.login("alice", DEMO_PASSWORD)
            page = await client.list_tickets(limit=5, status=["new", "open"])
            return page.items[0].id, token.token, token.agent.model_dump_json()
        finally:
            await client.aclose()

    ticket_id, token, agent_json = asyncio.run(sign_in())
    server_key = server.url.rstrip("/")
    save_session(profile, server_key, token, agent_json)
    return ticket_id, server_key


def test_draft_survives_sigkill_mid_typing(live_server: LiveServer, tmp_path: Path):
    profile = tmp_path / "profile"
    ticket_id, server_key = _prepare_profile(live_server, profile)
    text_file = tmp_path / "typed.txt"
    text_file.write_text(TYPED_TEXT, "utf-8")
    common = ["--server", live_server.url, "--profile", str(profile), "--ticket", str(ticket_id)]
    log = tmp_path / "console.log"

    typist = Driver([*common, "type", "--text-file", str(text_file)], log)
    typed_at: list[float] = []  # typed_at[n - 1]: when character n was in the box
    try:
        assert typist.next_line(90).startswith("ready ")
        while True:
            word, count, stamp = typist.next_line(10).split()
            assert word == "typed" and int(count) == len(typed_at) + 1
            typed_at.append(float(stamp))
            if typed_at[-1] - typed_at[0] >= TYPE_BEFORE_KILL_S:
                break
        killed_at = time.time()
        os.kill(typist.proc.pid, signal.SIGKILL)
        assert typist.proc.wait(10) == -signal.SIGKILL
    finally:
        typist.close()
    while (line := typist.lines.get(timeout=5)) is not None:  # typed before the kill landed
        word, count, stamp = line.split()
        typed_at.append(float(stamp))
    assert len(typed_at) < len(TYPED_TEXT), "the kill came after typing had finished"

    typed = TYPED_TEXT[: len(typed_at)]
    # Everything typed up to one second before the kill must have been kept.
    must_keep = sum(1 for t in typed_at if t <= killed_at - MAY_LOSE_S)
    assert must_keep >= 20, "typing was too slow to test anything"

    def check(restored: str | None, where: str) -> None:
        restored = restored or ""
        assert typed.startswith(restored), f"{where}: not what was typed: {restored!r}"
        assert len(restored) >= must_keep, (
            f"{where}: {len(restored)} of {len(typed)} characters kept; the "
            f"{must_keep} typed more than {MAY_LOSE_S:.0f} s before the kill must survive"
        )

    cache = Store.open(cache_path(profile, server_key))
    try:
        check(cache.draft(f"ticket:{ticket_id}"), "draft in the cache file")
    finally:
        cache.close()

    reader = Driver([*common, "check"], log)
    try:
        restored = json.loads(reader.next_line(90))["restored"]
        assert reader.proc.wait(20) == 0
    finally:
        reader.close()
    check(restored, "reply box after restart")
