"""Chat delivery from a customer's POST to the agent's store, against a raw SSE push floor.

Separate processes, as in production where they are separate machines (bench/chat_roles.py):
the reference server on loopback (a small demo workspace, no simulated traffic); one process per
English-speaking demo agent, each a real sync engine with its own store, online with the
default capacity of 5; and the customers, here. `--customers` customers start a chat through the
customer API and ask for a person; the bot hands them over, the router offers each chat to an
agent, and the agent's engine accepts. Then every customer sends `--rate` messages a second for
`--seconds`. A message is delivered when the assigned agent's store has committed it: the time
from just before the customer's POST to that moment is its delivery time.

The floor is the same traffic in the same three-process shape with nothing in between
(bench/bench_chat_floor.py): a bare Starlette app that pushes each POSTed body onto one SSE
stream, read by one httpx client in another process. No database, no events table, no store.

Prints one JSON line: {"customers", "messages", "deliver_p50_ms", "deliver_p99_ms",
"floor_p99_ms", "ratio_p99", "post_p50_ms", "post_p99_ms", "lost", "duplicated", "agents",
"seconds"}. post_*: from the customer's POST to its answer. lost: accepted by the server, never
in an agent's store; duplicated: held twice by one store. Budget: deliver_p99_ms <= 30,
lost = 0, duplicated = 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench_chat_floor import floor_latencies

from console.api.customer_client import CustomerClient

HERE = Path(__file__).resolve().parent
# The demo agents who speak English (the bench's customers write English).
AGENTS = "alice,bob,kevin,jason,wei,emma,daniel,yuki,jiwoo,mei,sara"


def first_offset(index: int) -> float:
    """Where in the first interval customer `index` writes first: customers write independently
    of each other, so at random moments (the same for every run, and for the floor)."""
    return random.Random(index).random()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def role(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HERE / "chat_roles.py"), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line:
        raise RuntimeError(f"{process.args[2]} ended before it was ready")
    return line


def finish(process: subprocess.Popen[str]) -> str:
    """Closes its stdin (the signal to stop) and returns what it printed after."""
    out, _ = process.communicate(timeout=120)
    return out


class Ready(list):
    wanted = 0


answered: list[float] = []  # ms from each POST to the server's answer


async def customer(url: str, index: int, rate: float, seconds: float, sent: dict, ready) -> None:
    await asyncio.sleep(0.2 * index)  # customers arrive over a few seconds, not in one burst
    async with CustomerClient(url, timeout=30.0) as me:
        await me.start("en", guest_name=f"Bench customer {index}", text="agent please")
        while True:  # until an agent has the chat
            view = await me.view(wait=2.0)
            if view.conversation.state == "active":
                break
        ready.append(index)
        while len(ready) < ready.wanted:
            await asyncio.sleep(0.02)
        interval = 1.0 / rate
        deadline = time.monotonic() + seconds
        next_at = time.monotonic() + interval * first_offset(index)
        while next_at < deadline:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            client_id = uuid.uuid4().hex
            posted = time.monotonic()
            await me.send(f"message {len(sent)} from customer {index}", client_id=client_id)
            sent[client_id] = posted
            answered.append((time.monotonic() - posted) * 1000)
            next_at += interval


async def customers(url: str, count: int, rate: float, seconds: float) -> dict[str, float]:
    sent: dict[str, float] = {}
    ready = Ready()
    ready.wanted = count
    await asyncio.gather(*(customer(url, i, rate, seconds, sent, ready) for i in range(count)))
    await asyncio.sleep(2.0)  # the last messages on their way
    return sent


def run(count: int, rate: float, seconds: float, names: str, capacity: int) -> dict:
    server = role("serve")
    agents: list[subprocess.Popen[str]] = []
    seen: dict[str, float] = {}
    duplicated = 0
    try:
        url = first_line(server)
        # One process per agent, as each console runs on its own workstation.
        for name in names.split(","):
            agents.append(
                role("agents", "--url", url, "--agents", name, "--capacity", str(capacity))
            )
        for agent in agents:
            if first_line(agent) != "ready":
                raise RuntimeError("an agent did not come online")
        sent = asyncio.run(customers(url, count, rate, seconds))
        for agent in agents:
            report = json.loads(finish(agent).strip().splitlines()[-1])
            seen.update(report["seen"])
            duplicated += report["duplicated"]
    finally:
        for process in (*agents, server):
            if process.poll() is None:
                try:
                    finish(process)
                except subprocess.TimeoutExpired:
                    process.kill()
    return {
        "messages": len(sent),
        "delays": [(seen[c] - t) * 1000 for c, t in sent.items() if c in seen],
        "lost": sum(1 for c in sent if c not in seen),
        "duplicated": duplicated,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--rate", type=float, default=1.0, help="messages a second per customer")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--agents", default=AGENTS, help="comma-separated demo agents")
    parser.add_argument("--capacity", type=int, default=5, help="each agent's chat cap")
    args = parser.parse_args()
    result = run(args.customers, args.rate, args.seconds, args.agents, args.capacity)
    floor = floor_latencies(args.customers, args.rate, args.seconds)
    delays = result["delays"]
    p99 = round(percentile(delays, 0.99), 2) if delays else None
    floor_p99 = round(percentile(floor, 0.99), 2)
    figures = {
        "customers": args.customers,
        "messages": result["messages"],
        "deliver_p50_ms": round(statistics.median(delays), 2) if delays else None,
        "deliver_p99_ms": p99,
        "floor_p99_ms": floor_p99,
        "ratio_p99": round(p99 / floor_p99, 2) if p99 is not None and floor_p99 else None,
        "post_p50_ms": round(statistics.median(answered), 2) if answered else None,
        "post_p99_ms": round(percentile(answered, 0.99), 2) if answered else None,
        "lost": result["lost"],
        "duplicated": result["duplicated"],
        "agents": len(args.agents.split(",")),
        "seconds": args.seconds,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
