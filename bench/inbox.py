"""The inbox at scale: a store of N synthetic tickets, the real inbox widget over it.

    .venv/bin/python bench/inbox.py --tickets 100000

A child process builds the store file (so its heap is not counted); this process then opens the
Store, builds the inbox and measures, the way the app would at start.

Prints ONE JSON line:
{"tickets", "open_view_ms", "filter_p95_ms", "sort_p95_ms", "search_p95_ms",
 "scroll_frame_p95_ms", "rss_mb", "floor_filter_ms"}

- open_view_ms: building the InboxView (views panel, filter bar, model, table) over the Store
  and painting its first page.
- filter / sort / search p95: >= 20 runs each through the real path — the view's query change,
  the store's count and page, the model reset and a repaint of the visible rows.
- scroll_frame_p95_ms: scrolling the real QTableView by one page and repainting it.
- rss_mb: the measuring process's resident memory with the inbox open, after every step above
  (Store, its database cache, Qt, the inbox and its caches), before the floor's tuples load.
- floor_filter_ms: a plain list comprehension over the same tickets, read from the store file
  into tuples held in memory (the cheapest possible filter), for comparison.
Budgets: open_view_ms <= 300, filter/sort/search p95 <= 50, rss_mb <= 200.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from inbox_data import synthetic_tickets  # noqa: E402

ME_ID = 7
BATCH = 5_000


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def build_store(path: Path, count: int) -> None:
    """Write a store file with `count` tickets (run in a child process: see main)."""
    from console.store import Store

    store = Store.open(path)
    try:
        for start in range(0, count, BATCH):
            batch = synthetic_tickets(min(BATCH, count - start), seed=start + 1)
            for offset, ticket in enumerate(batch):
                ticket.id = start + offset + 1  # type: ignore[misc]
            store.upsert_tickets(batch)
            del batch
    finally:
        store.close()


def floor_rows(path: Path) -> list[tuple]:
    """The store's tickets as plain tuples, read straight from its file (for the floor)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT id, subject, status, priority, channel, language, customer_uid, assignee_id"
            " FROM tickets"
        ).fetchall()
    finally:
        conn.close()


def _count_rows(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=24, help="runs per filter/sort/search")
    parser.add_argument(
        "--store", type=Path, help="a store file to measure, built there first if missing"
    )
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build_only is not None:  # the child process
        build_store(args.build_only, args.tickets)
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-inbox-") as tmp:
        path = args.store or Path(tmp) / "cache.sqlite3"
        if not path.exists():
            build = [sys.executable, str(Path(__file__).resolve()), "--build-only", str(path)]
            subprocess.run([*build, "--tickets", str(args.tickets)], check=True)
        tickets = _count_rows(path)
        gc.collect()
        figures = measure(path, args.runs)
    print(json.dumps({"tickets": tickets, **figures}))
    return 0


def measure(path: Path, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from console.store import Store
    from console.ui.style import apply_style

    apply_style(app)  # type: ignore[arg-type]
    store = Store.open(path)
    try:
        return _measure(app, store, path, runs)
    finally:
        store.close()


def _measure(app, store, path: Path, runs: int) -> dict[str, float]:
    from console.ui.change_bridge import ChangeBridge
    from console.ui.inbox.inbox_view import InboxView
    from console.ui.inbox.ticket_table_model import Column

    bridge = ChangeBridge(store.hub)
    app.processEvents()

    started = time.perf_counter()
    inbox = InboxView(store, bridge, ME_ID)
    inbox.resize(1100, 800)
    inbox.show()
    inbox.table.viewport().repaint()
    open_view_ms = (time.perf_counter() - started) * 1000
    app.processEvents()

    def timed(change) -> float:
        began = time.perf_counter()
        change()
        inbox.table.viewport().repaint()  # what the agent waits for: the rows on screen
        return (time.perf_counter() - began) * 1000

    bar = inbox.filter_bar
    filter_steps = [
        ("channel", "email"),
        ("channel", "telegram"),
        ("language", "zh"),
        ("priority", "urgent"),
        ("category", "deposit_withdrawal"),
        ("group", "vip"),
    ]
    filter_ms: list[float] = []
    views = ["mine", "unassigned", "open", "pending", "due_soon", "breached", "vip", "escalated"]
    for i in range(runs):
        name, value = filter_steps[i % len(filter_steps)]
        box = bar.boxes[name]
        if i % 3 == 2:
            filter_ms.append(timed(lambda v=views[i % len(views)]: inbox.set_view(v)))
        else:
            filter_ms.append(timed(lambda b=box, v=value: b.setCurrentIndex(b.findData(v))))
        bar.boxes[name].setCurrentIndex(0)
    bar.clear()
    inbox.set_view("open")

    sort_ms: list[float] = []
    columns = [Column.PRIORITY, Column.SLA, Column.CUSTOMER, Column.SUBJECT, Column.ID]
    columns += [Column.UPDATED]
    for i in range(runs):
        column = columns[i % len(columns)]
        sort_ms.append(
            timed(lambda c=column: inbox.table.horizontalHeader().sectionClicked.emit(c))
        )
    inbox.sort_by(Column.UPDATED, __import__("PySide6.QtCore").QtCore.Qt.SortOrder.DescendingOrder)

    terms = ["提币", "withdrawal", "USDT", "U3001", "二段階認証", "出금", "#4242", "liam"]
    terms += ["user123@example.com", "2FA reset", "TRC20", "冻结"]
    search_ms: list[float] = []
    for i in range(runs):
        term = terms[i % len(terms)]

        def search(t: str = term) -> None:
            bar.search.setText(t)
            bar._search_settled()  # the debounce timer's end, without waiting for it

        search_ms.append(timed(search))
    bar.clear()

    inbox.set_view("all")
    table = inbox.table
    bar_v = table.verticalScrollBar()
    page = max(1, table.viewport().height())
    scroll_ms: list[float] = []
    position = 0
    for _ in range(max(60, runs * 3)):
        position = (position + page) % max(1, bar_v.maximum())
        scroll_ms.append(timed(lambda p=position: bar_v.setValue(p)))

    app.processEvents()
    rss_mb = _rss_mb()  # the app with its inbox open, before the floor's tuples exist

    rows = floor_rows(path)
    began = time.perf_counter()
    floor = [r for r in rows if r[4] == "email" and r[2] in ("new", "open", "pending", "on_hold")]
    floor_ms = (time.perf_counter() - began) * 1000
    assert floor  # the floor did real work

    figures = {
        "open_view_ms": round(open_view_ms, 1),
        "filter_p95_ms": round(_p95(filter_ms), 1),
        "sort_p95_ms": round(_p95(sort_ms), 1),
        "search_p95_ms": round(_p95(search_ms), 1),
        "scroll_frame_p95_ms": round(_p95(scroll_ms), 1),
        "rss_mb": round(rss_mb, 1),
        "floor_filter_ms": round(floor_ms, 1),
    }
    inbox.close_counts()
    bridge.close()
    inbox.deleteLater()
    app.processEvents()
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
