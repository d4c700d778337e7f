"""Periodic clean-up: expired tokens and idempotency records past their 24 h."""

from __future__ import annotations

import asyncio
import logging

import anyio.to_thread

from console.core.waiting import wait_set
from console.server.runtime import Runtime
from console.server.services import auth, idempotency

log = logging.getLogger("console.server")
PERIOD_S = 3600.0


def purge_once(runtime: Runtime) -> None:
    with runtime.db.write() as session:
        tokens = auth.purge_expired_tokens(session)
        records = idempotency.purge_expired(session, runtime.settings.idempotency_ttl_s)
    if tokens or records:
        log.info("purged %d expired tokens and %d idempotency records", tokens, records)


async def run_maintenance(
    runtime: Runtime, stop: asyncio.Event, period_s: float = PERIOD_S
) -> None:
    while not stop.is_set():
        try:
            await anyio.to_thread.run_sync(purge_once, runtime)
        except Exception:
            log.exception("maintenance pass failed")
        await wait_set(stop, period_s)
