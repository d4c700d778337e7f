"""bench/chat.py runs end to end in its three processes and prints its one JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "customers",
    "messages",
    "deliver_p50_ms",
    "deliver_p99_ms",
    "floor_p99_ms",
    "ratio_p99",
    "post_p50_ms",
    "post_p99_ms",
    "lost",
    "duplicated",
    "agents",
    "seconds",
}


def test_chat_bench_delivers_every_message_once_and_reports_every_figure() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "chat.py"),
            *("--customers", "3", "--rate", "2", "--seconds", "2", "--agents", "alice,bob"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, out.stdout + out.stderr
    figures = json.loads(lines[0])
    assert set(figures) == KEYS
    assert figures["customers"] == 3 and figures["agents"] == 2
    assert figures["messages"] == 12  # 3 customers, 2 a second, 2 seconds
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    assert figures["deliver_p99_ms"] >= figures["deliver_p50_ms"] > 0
    assert figures["floor_p99_ms"] > 0
