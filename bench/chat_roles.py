"""The processes of bench/chat.py: the reference server, and the agents' consoles.

In production the server, each agent's console and each customer's app are separate machines;
in one Python process they would share one interpreter lock and measure each other. So the
bench runs three processes: the server (`serve`), every agent's sync engine and store (`agents`),
and the customers (bench/chat.py itself). Times are time.monotonic(), one clock for all three.

serve: prints the server's URL on one line, runs until stdin closes.
agents: signs each agent in, sets them online, accepts every offer; prints "ready" once all are
online; when stdin closes, prints one JSON line {"seen": {client_id: when the agent's store
first held that customer message}, "duplicated": n} and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from console.api.client import SupportClient
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url
from console.store import Store
from console.store.tables import chat_messages as _m
from console.sync import SyncEngine
from console.sync.kb import fetch_all_articles

PASSWORD = "demo-pass-2026"


class Agent:
    """One agent's console without its window: client, store and sync engine."""

    def __init__(self, url: str, username: str, work: Path) -> None:
        self.url = url
        self.username = username
        self.store = Store.open(work / f"{username}.sqlite3")
        self.seen: dict[str, float] = {}  # client_id -> when the store first held it
        self.loop = asyncio.get_running_loop()
        self.offers = asyncio.Event()
        self.store.hub.subscribe(self._changed)

    def _changed(self, change) -> None:  # on the thread that committed, right after the commit
        if change.topic == "chat_conversations":
            self.loop.call_soon_threadsafe(self.offers.set)
        if change.topic != "chat_messages":
            return
        now = time.monotonic()
        # Only the customer messages' client ids, straight from the table: building every
        # message of the conversation at each commit would weigh on what is measured.
        with self.store._engine.connect() as conn:
            for conversation_id in change.ids or ():
                rows = conn.execute(
                    select(_m.c.client_id).where(
                        _m.c.conversation_id == conversation_id,
                        _m.c.sender == "customer",
                        _m.c.seq.is_not(None),
                        _m.c.client_id.is_not(None),
                    )
                )
                for (client_id,) in rows:
                    self.seen.setdefault(client_id, now)

    async def start(self, capacity: int) -> None:
        self.client = SupportClient(self.url)
        token = await self.client.login(self.username, PASSWORD)
        # The knowledge base arrives once, when a console first connects: that is start-up,
        # not chat delivery, so it is fetched before the engine runs (which then skips it).
        await fetch_all_articles(self.client, self.store)
        self.engine = SyncEngine(self.client, self.store, token.agent)
        self.task = asyncio.create_task(self.engine.run())
        while self.engine.state.value != "online":
            await asyncio.sleep(0.05)
        await self.engine.set_chat_status("online", capacity)

    async def accept_offers(self, stop: asyncio.Event) -> None:
        """Accepts each chat offered to me, woken by the store's conversation changes."""
        me = self.engine.me.id
        while not stop.is_set():
            self.offers.clear()
            for chat in self.store.chats.my_conversations(me):
                if chat.state == "offered" and chat.offered_agent_id == me:
                    # Raced with the offer timeout: the chat comes back as a new offer.
                    with contextlib.suppress(Exception):
                        await self.engine.accept_chat(chat.id)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.offers.wait(), 1.0)

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


async def _stdin_closed() -> None:
    await asyncio.to_thread(sys.stdin.read)


async def run_agents(url: str, names: list[str], capacity: int, work: Path) -> None:
    agents = [Agent(url, name, work) for name in names]
    stop = asyncio.Event()
    await asyncio.gather(*(agent.start(capacity) for agent in agents))
    acceptors = [asyncio.create_task(agent.accept_offers(stop)) for agent in agents]
    print("ready", flush=True)
    await _stdin_closed()
    stop.set()
    await asyncio.gather(*acceptors)
    seen: dict[str, float] = {}
    for agent in agents:
        seen.update(agent.seen)
    duplicated = sum(agent.duplicates() for agent in agents)
    for agent in agents:
        await agent.stop()
    print(json.dumps({"seen": seen, "duplicated": duplicated}), flush=True)


def serve(work: Path) -> None:
    settings = ServerSettings(
        database_url=sqlite_url(work / "server.sqlite3"),
        demo=True,
        simulate=False,
        demo_tickets=20,
    )
    server = EmbeddedServer(settings)
    print(server.start(), flush=True)
    try:
        sys.stdin.read()
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=("serve", "agents"))
    parser.add_argument("--url")
    parser.add_argument("--agents", default="")
    parser.add_argument("--capacity", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=f"bench-chat-{args.role}-") as tmp:
        if args.role == "serve":
            serve(Path(tmp))
        else:
            asyncio.run(run_agents(args.url, args.agents.split(","), args.capacity, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
