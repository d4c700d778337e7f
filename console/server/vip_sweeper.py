"""The VIP desk's periodic work: follow-ups that came due, and the routing ladder of VIP items
(manager, then backup, then the VIP queue) as each step's share of the tier's target runs out."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import anyio.to_thread

from console.server.db import Database
from console.server.runtime import Runtime
from console.server.services import vip_follow_ups, vip_ladder
from console.server.services.chat_context import ChatContext, chat_context

log = logging.getLogger("console.server")
INTERVAL_S = 1.0


def sweep_once(db: Database, ctx: ChatContext | None = None) -> int:
    """One pass of every VIP duty; returns how many changes it made. `ctx`: the server's chat
    settings (the heartbeat timeout that decides whether a manager is present)."""
    return vip_follow_ups.sweep_due(db) + vip_ladder.sweep_ladder(db, ctx=ctx)


async def run_vip_sweeper(runtime: Runtime, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await anyio.to_thread.run_sync(sweep_once, runtime.db, chat_context(runtime))
        except Exception:  # a bad pass must not end the loop; the next one tries again
            log.exception("VIP sweep failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), INTERVAL_S)
