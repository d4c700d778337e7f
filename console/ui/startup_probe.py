"""Startup figures for bench/startup.py: time to the first painted inbox rows, memory, cache size.

`process_start_time()` prefers SUPPORT_CONSOLE_T0 (set by the bench just before it spawns us),
else the kernel's record of when this process started.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

__all__ = ["process_start_time", "report_startup", "rss_mb"]

_IMPORTED_AT = time.time()


def process_start_time() -> float:
    env = os.environ.get("SUPPORT_CONSOLE_T0")
    if env:
        try:
            return float(env)
        except ValueError:
            pass
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - age
    except (OSError, ValueError, IndexError):
        return _IMPORTED_AT


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report_startup(t0: float, tickets_cached: int) -> None:
    """Print the one JSON line bench/startup.py reads."""
    figures = {
        "first_paint_s": round(time.time() - t0, 4),
        "rss_mb": round(rss_mb(), 1),
        "tickets_cached": tickets_cached,
    }
    print(json.dumps(figures), flush=True)
