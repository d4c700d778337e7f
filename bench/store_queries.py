"""The store's inbox queries at scale, without Qt: one store of N synthetic tickets, every query
family timed through the Store's public methods.

    .venv/bin/python bench/store_queries.py --tickets 100000

Prints one JSON line per query family:
{"family", "queries", "count_p95_ms", "page_p95_ms", "worst"}
and one for count_views ({"family": "count_views", "views", "p95_ms"}) and one for the build.

- count: `Store.count_tickets_capped` (what the inbox shows; exact up to its cap) and, for the
  text families, also the exact `Store.count_tickets` ("exact_count_p95_ms").
- page: `Store.query_tickets(q, 0, 60)` (the inbox's first page), plus a page 1,000 rows down
  where the view has that many ("deep_page_p95_ms").
- p95 over all runs of all queries of the family; "worst" names the slowest query.
Budget: count and page each well under 25 ms at 100,000 tickets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from inbox_data import synthetic_tickets  # noqa: E402

from console.store import Store, TicketQuery  # noqa: E402

ME_ID = 7
PAGE = 60
BATCH = 5_000
VIEWS = ["all", "open", "mine", "unassigned", "pending", "due_soon", "breached", "vip", "escalated"]
SORTS = ["updated", "created", "priority", "sla", "customer", "subject"]


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm: the first run after another query pays for cold pages
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _label(q: TicketQuery) -> str:
    parts = [q.view, f"{q.sort}{'' if q.descending else '^'}"]
    parts += [
        f"{k}={v}"
        for k in ("channel", "category", "language", "priority", "group", "tag")
        if (v := getattr(q, k))
    ]
    return " ".join(parts + ([f"text={q.text!r}"] if q.text else []))


def _families() -> dict[str, list[TicketQuery]]:
    me = ME_ID
    text_cjk = ["提币", "冻结", "充值未到账", "账户", "二段階認証", "出金", "출금", "계정", "币"]
    text_latin = ["withdrawal", "USDT", "TRC20", "liam", "with", "2fa", "pending hours"]
    text_ids = ["user4242@example.com", "#4242", "U3000", "0xab"]
    return {
        "views": [TicketQuery(v, me_id=me) for v in VIEWS],
        "sorts": [
            TicketQuery("open", me_id=me, sort=s, descending=d)
            for s in SORTS
            for d in (True, False)
        ]
        + [TicketQuery(v, me_id=me, sort=s) for v in ("mine", "breached") for s in SORTS],
        "filters": [
            TicketQuery("open", channel="email"),
            TicketQuery("all", language="ko"),
            TicketQuery("open", priority="urgent", group="security", sort="sla"),
            TicketQuery("mine", me_id=me, category="kyc", sort="priority"),
            TicketQuery("all", category="p2p", language="ja", channel="phone"),
            TicketQuery("vip", group="vip", sort="customer"),
        ],
        "tags": [
            TicketQuery("all", tag="withdrawal"),
            TicketQuery("open", tag="2fa"),
            TicketQuery("all", tag="trc20", sort="subject"),
            TicketQuery("mine", me_id=me, tag="kyc", sort="sla"),
            TicketQuery("all", tag="no-such-tag"),
        ],
        "text_cjk": [TicketQuery(v, text=t) for t in text_cjk for v in ("all", "open")]
        + [TicketQuery("open", text="提币", sort="customer"), TicketQuery("all", text="提币 usdt")],
        "text_latin": [TicketQuery(v, text=t) for t in text_latin for v in ("all", "open")]
        + [TicketQuery("open", text="withdrawal", sort="sla", descending=False)],
        "text_ids": [TicketQuery("all", text=t) for t in text_ids],
    }


def _build(path: Path, count: int) -> Store:
    store = Store.open(path)
    items = synthetic_tickets(count)
    for start in range(0, len(items), BATCH):
        store.upsert_tickets(items[start : start + BATCH])
    return store


def _count_capped(store: Store) -> Callable[[TicketQuery], Any]:
    capped = getattr(store, "count_tickets_capped", None)
    return capped if capped is not None else store.count_tickets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=12)
    args = parser.parse_args()
    repeat = args.repeat
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        start = time.perf_counter()
        store = _build(Path(tmp) / "console.sqlite3", args.tickets)
        size = (Path(tmp) / "console.sqlite3").stat().st_size
        print(
            json.dumps(
                {
                    "family": "build",
                    "tickets": args.tickets,
                    "seconds": round(time.perf_counter() - start, 1),
                    "file_mb": round(size / 1e6, 1),
                }
            ),
            flush=True,
        )
        count = _count_capped(store)
        try:
            for family, queries in _families().items():
                counts: list[float] = []
                exact: list[float] = []
                pages: list[float] = []
                deep: list[float] = []
                worst: tuple[float, str] = (0.0, "")
                for q in queries:
                    c = _time(lambda q=q: count(q), repeat)
                    p = _time(lambda q=q: store.query_tickets(q, 0, PAGE), repeat)
                    counts += c
                    pages += p
                    if q.text:
                        exact += _time(lambda q=q: store.count_tickets(q), repeat)
                    if store.count_tickets(q) > 1000 + PAGE:
                        deep += _time(lambda q=q: store.query_tickets(q, 1000, PAGE), repeat)
                    slowest = max(_p95(c), _p95(p))
                    if slowest > worst[0]:
                        worst = (slowest, _label(q))
                line: dict[str, Any] = {
                    "family": family,
                    "queries": len(queries),
                    "count_p95_ms": round(_p95(counts), 1),
                    "page_p95_ms": round(_p95(pages), 1),
                }
                if exact:
                    line["exact_count_p95_ms"] = round(_p95(exact), 1)
                if deep:
                    line["deep_page_p95_ms"] = round(_p95(deep), 1)
                line["worst"] = f"{worst[1]} ({worst[0]:.1f} ms)"
                print(json.dumps(line, ensure_ascii=False), flush=True)
            views = [TicketQuery(v, me_id=ME_ID) for v in VIEWS]
            samples = _time(lambda: store.count_views(views), repeat)
            print(
                json.dumps(
                    {
                        "family": "count_views",
                        "views": len(views),
                        "p95_ms": round(_p95(samples), 1),
                    }
                ),
                flush=True,
            )
        finally:
            store.close()


if __name__ == "__main__":
    main()
