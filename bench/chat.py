"""Chat delivery from a customer's POST to the agent's store, against a raw SSE push floor.

Starts the reference server on loopback (a small demo workspace, no simulated traffic) and one
real sync engine with its own store per English-speaking demo agent, each online with the default
capacity of 5. `--customers` customers start a chat through the customer API and ask for a
person; the bot hands them over, the router offers each chat to an agent, and the agent's engine
accepts. Then every customer sends `--rate` messages a second for `--seconds`. A message is
delivered when the assigned agent's store has committed it (the store's "chat_messages" change):
the time from just before the customer's POST to that moment is its delivery time.

The floor is the same traffic over a bare SSE endpoint in the same process: a POST that pushes
its body onto an in-memory stream read by one httpx client, no database and no store.

Prints one JSON line: {"customers", "messages", "deliver_p50_ms", "deliver_p99_ms",
"floor_p99_ms", "lost", "duplicated", "agents", "seconds"}. lost: accepted by the server, never
in an agent's store; duplicated: held twice by one store. Budget: deliver_p99_ms <= 30, lost = 0,
duplicated = 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench_chat_floor import floor_latencies

from console.api.client import SupportClient
from console.api.customer_client import CustomerClient
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url
from console.store import Store
from console.sync import SyncEngine

# The demo agents who speak English (the bench's customers write English).
AGENTS = "alice,bob,kevin,jason,wei,emma,daniel,yuki,jiwoo,mei,sara"
PASSWORD = "demo-pass-2026"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Agent:
    """One agent's console without its window: client, store and sync engine."""

    def __init__(self, url: str, username: str, work: Path) -> None:
        self.url = url
        self.username = username
        self.store = Store.open(work / f"{username}.sqlite3")
        self.seen: dict[str, float] = {}  # client_id -> when the store first held it
        self.repeats = 0
        self.store.hub.subscribe(self._changed)

    def _changed(self, change) -> None:
        if change.topic != "chat_messages":
            return
        now = time.perf_counter()
        for conversation_id in change.ids or ():
            for message in self.store.chats.messages(conversation_id):
                if message.sender == "customer" and message.client_id and message.seq:
                    self.seen.setdefault(message.client_id, now)

    async def start(self, capacity: int) -> None:
        self.client = SupportClient(self.url)
        token = await self.client.login(self.username, PASSWORD)
        self.engine = SyncEngine(self.client, self.store, token.agent)
        self.task = asyncio.create_task(self.engine.run())
        while self.engine.state.value != "online":
            await asyncio.sleep(0.05)
        await self.engine.set_chat_status("online", capacity)

    async def accept_offers(self, stop: asyncio.Event) -> None:
        me = self.engine.me.id
        while not stop.is_set():
            for chat in self.store.chats.my_conversations(me):
                if chat.state == "offered" and chat.offered_agent_id == me:
                    # Raced with the offer timeout: the chat comes back as a new offer.
                    with contextlib.suppress(Exception):
                        await self.engine.accept_chat(chat.id)
            await asyncio.sleep(0.05)

    def duplicates(self) -> int:
        count = 0
        for chat in self.store.chats.my_conversations(self.engine.me.id):
            ids = [m.client_id for m in self.store.chats.messages(chat.id) if m.client_id]
            count += len(ids) - len(set(ids))
        return count

    async def stop(self) -> None:
        await self.engine.stop()
        await self.task
        await self.client.aclose()
        self.store.close()


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
        deadline = time.perf_counter() + seconds
        next_at = time.perf_counter() + interval * (index % 10) / 10  # spread the customers
        while next_at < deadline:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            client_id = uuid.uuid4().hex
            posted = time.perf_counter()
            await me.send(f"message {len(sent)} from customer {index}", client_id=client_id)
            sent[client_id] = posted
            next_at += interval


class Ready(list):
    wanted = 0


async def run(
    customers: int, rate: float, seconds: float, names: list[str], capacity: int, work: Path
) -> dict:
    settings = ServerSettings(
        database_url=sqlite_url(work / "server.sqlite3"),
        demo=True,
        simulate=False,
        demo_tickets=20,
    )
    server = EmbeddedServer(settings)
    url = server.start()
    agents = [Agent(url, name, work) for name in names]
    stop = asyncio.Event()
    try:
        await asyncio.gather(*(agent.start(capacity) for agent in agents))
        acceptors = [asyncio.create_task(agent.accept_offers(stop)) for agent in agents]
        sent: dict[str, float] = {}
        ready = Ready()
        ready.wanted = customers
        await asyncio.gather(
            *(customer(url, i, rate, seconds, sent, ready) for i in range(customers))
        )
        await asyncio.sleep(2.0)  # the last messages on their way
        stop.set()
        await asyncio.gather(*acceptors)
        seen: dict[str, float] = {}
        for agent in agents:
            seen.update(agent.seen)
        delays = [(seen[c] - t) * 1000 for c, t in sent.items() if c in seen]
        return {
            "messages": len(sent),
            "delays": delays,
            "lost": sum(1 for c in sent if c not in seen),
            "duplicated": sum(agent.duplicates() for agent in agents),
        }
    finally:
        for agent in agents:
            await agent.stop()
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--rate", type=float, default=1.0, help="messages a second per customer")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--agents", default=AGENTS, help="comma-separated demo agents")
    parser.add_argument("--capacity", type=int, default=5, help="each agent's chat cap")
    args = parser.parse_args()
    names = args.agents.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-chat-") as tmp:
        result = asyncio.run(
            run(args.customers, args.rate, args.seconds, names, args.capacity, Path(tmp))
        )
    floor = asyncio.run(floor_latencies(args.customers, args.rate, args.seconds))
    delays = result["delays"]
    figures = {
        "customers": args.customers,
        "messages": result["messages"],
        "deliver_p50_ms": round(statistics.median(delays), 2) if delays else None,
        "deliver_p99_ms": round(percentile(delays, 0.99), 2) if delays else None,
        "floor_p99_ms": round(percentile(floor, 0.99), 2),
        "lost": result["lost"],
        "duplicated": result["duplicated"],
        "agents": len(names),
        "seconds": args.seconds,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
