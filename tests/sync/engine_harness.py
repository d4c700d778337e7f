"""Running a SyncEngine against the loopback server inside one asyncio.run."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from sync_fixtures import signed_in, wait_until

from console.api.client import SupportClient
from console.api.schemas import AgentOut, TicketOut
from console.store import Store, TicketQuery
from console.sync import ConnectionState, SyncEngine


@dataclass
class Running:
    engine: SyncEngine
    client: SupportClient
    task: asyncio.Task[None]

    async def online(self, timeout: float = 30.0) -> None:
        await wait_until(
            lambda: self.engine.state is ConnectionState.ONLINE, timeout, "engine online"
        )


@asynccontextmanager
async def engine_running(
    url: str,
    store: Store,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = 5.0,
    signed_in_as: tuple[SupportClient, AgentOut] | None = None,
    backoff: tuple[float, float] = (0.05, 0.3),
) -> AsyncIterator[Running]:
    if signed_in_as is None:
        client = await signed_in(url, "alice", transport=transport, timeout=timeout)
        me = await client.me()
    else:
        client, me = signed_in_as
    engine = SyncEngine(client, store, me, backoff_initial=backoff[0], backoff_max=backoff[1])
    task = asyncio.create_task(engine.run())
    try:
        yield Running(engine, client, task)
    finally:
        await engine.stop()
        await task
        await client.aclose()


async def all_server_tickets(client: SupportClient) -> list[TicketOut]:
    tickets: list[TicketOut] = []
    cursor: str | None = None
    while True:
        page = await client.list_tickets(cursor=cursor, limit=500)
        tickets += page.items
        cursor = page.next_cursor
        if not cursor:
            return tickets


async def all_server_event_ids(client: SupportClient, after: int = 0) -> list[int]:
    ids: list[int] = []
    while True:
        page = await client.events(after=after, limit=500)
        if not page.items:
            return ids
        ids += [e.id for e in page.items]
        after = page.items[-1].id


def local_ticket_ids(store: Store) -> set[int]:
    return {t.id for t in store.query_tickets(TicketQuery("all"), 0, 1_000_000)}
