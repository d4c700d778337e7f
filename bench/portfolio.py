"""Opening the VIP portfolio from the local cache: N synthetic clients, the real page over it.

    .venv/bin/python bench/portfolio.py --clients 500

The cache is written through the real store code (VipCache.replace_portfolio) into a temporary
profile; then, several times, the portfolio page is created over the session's VipActions with no
server (as at an offline start) and painted. open_ms is the time from creating the page to the
end of the table's first paint with every cached row in its model: reading the cache, decoding
the rows, the attention order, the widgets and the paint of the visible rows.

Prints ONE JSON line: {"clients", "open_ms" (median), "first_open_ms", "open_ms_max", "runs",
"rss_mb"}.
rss_mb: this process's resident memory after the runs (Qt, the store, the page).
Budget: open_ms <= 200.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from console.api.schemas import AgentOut
from console.api.schemas_vip import VipClientSummary
from console.core.domain import Role
from console.core.vip import RiskSignal, asset_band, target_for

ME = AgentOut(id=3, username="mei", display_name="Mei Lin", role=Role.VIP_MANAGER)
MANAGERS = [(3, "Mei Lin"), (4, "Tom Chen"), (6, "Priya Nair")]
SURNAMES = ["王", "李", "张", "刘", "陈", "Tanaka", "Kim", "Smith", "Nguyen", "Garcia", "Müller"]
GIVEN = ["伟", "芳", "娜", "Hiro", "Min-jun", "Olivia", "Lucas", "Ana", "Yusuf", "Chloe"]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def synthetic_clients(count: int, seed: int = 7) -> list[VipClientSummary]:
    """A manager's-portfolio-like mix: a fifth waiting (some overdue), a few risk signals and
    follow-ups due, every tier, four languages, three managers."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows = []
    for i in range(count):
        tier = rng.randint(1, 9)
        manager_id, manager_name = MANAGERS[i % len(MANAGERS)]
        waiting = rng.choice([0, 0, 0, 0, 1, 2])
        target = target_for(tier)
        due = now + rng.uniform(-0.5, 1.0) * target if waiting else None
        assets = Decimal(rng.randint(50_000, 40_000_000))
        risks = [s for s in RiskSignal if rng.random() < 0.06]
        follow_up = now + timedelta(hours=rng.uniform(-48, 240)) if rng.random() < 0.3 else None
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        rows.append(
            VipClientSummary(
                uid=f"U{30_000_000 + i}",
                display_name=name,
                tier=tier,
                language=rng.choice(["zh", "en", "ja", "ko"]),
                manager_id=manager_id,
                manager_name=manager_name,
                backup_manager_id=MANAGERS[(i + 1) % len(MANAGERS)][0],
                target_minutes=target.total_seconds() / 60,
                volume_30d_usd=Decimal(rng.randint(10_000, 900_000_000)),
                asset_band=asset_band(assets),
                contact_hours=rng.choice(["09:00-18:00 Asia/Shanghai", "10:00-19:00 Asia/Tokyo"]),
                products=rng.sample(["spot", "futures", "earn", "otc", "margin"], 2),
                open_items=waiting + rng.randint(0, 2),
                waiting_items=waiting,
                due_at=due,
                last_contact_at=now - timedelta(days=rng.uniform(0, 60)),
                next_follow_up_at=follow_up,
                risks=risks,
                updated_at=now - timedelta(minutes=rng.randint(0, 600)),
            )
        )
    return rows


def build_cache(path: Path, count: int) -> None:
    from console.store import Store
    from console.store.vip import vip_cache

    store = Store.open(path)
    try:
        vip_cache(store).replace_portfolio(ME.id, synthetic_clients(count))
    finally:
        store.close()


def measure(path: Path, count: int, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from console.store import Store
    from console.ui.style import apply_style
    from console.ui.vip.portfolio_page import PortfolioPage
    from console.ui.vip.vip_actions import VipActions

    apply_style(app)  # type: ignore[arg-type]
    store = Store.open(path)
    samples: list[float] = []
    try:
        actions = VipActions(store, ME.id, lambda: None)  # no server: an offline start
        for _ in range(runs):
            started = time.perf_counter()
            page = PortfolioPage(actions, ME)
            page.resize(1360, 860)
            page.show()
            page.table.viewport().repaint()
            samples.append((time.perf_counter() - started) * 1000)
            assert page.model.rowCount() == count, "every cached client is in the model"
            app.processEvents()
            page.close()
            page.deleteLater()
            app.processEvents()
        rss_mb = _rss_mb()
    finally:
        store.close()
    return {
        "open_ms": round(statistics.median(samples), 1),
        "first_open_ms": round(samples[0], 1),  # with Qt's one-off costs (style, enums)
        "open_ms_max": round(max(samples), 1),
        "runs": runs,
        "rss_mb": round(rss_mb, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-portfolio-") as tmp:
        path = Path(tmp) / "profile" / "cache.sqlite3"
        build_cache(path, args.clients)
        figures = measure(path, args.clients, args.runs)
    print(json.dumps({"clients": args.clients, **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
