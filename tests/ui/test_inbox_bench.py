"""bench/inbox.py runs end to end on a small store and prints its one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "tickets",
    "open_view_ms",
    "filter_p95_ms",
    "sort_p95_ms",
    "search_p95_ms",
    "scroll_frame_p95_ms",
    "rss_mb",
    "floor_filter_ms",
}


def test_bench_prints_one_json_line_with_every_figure():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "inbox.py"), "--tickets", "600", "--runs", "20"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, out.stdout + out.stderr
    figures = json.loads(lines[0])
    assert set(figures) == KEYS
    assert figures["tickets"] == 600
    assert all(isinstance(v, (int, float)) and v >= 0 for v in figures.values())
    assert figures["rss_mb"] > 0 and figures["open_view_ms"] > 0
