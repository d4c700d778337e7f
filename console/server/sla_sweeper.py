"""The SLA sweep: finds targets missed since the last pass and emits sla.breached for each,
once per ticket and target, whether or not anyone is looking at the ticket."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import anyio.to_thread
from sqlalchemy import ColumnElement, and_, false, or_, select

from console.core.waiting import wait_done
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models import Ticket
from console.server.runtime import Runtime
from console.server.services import sla

log = logging.getLogger("console.server")
BATCH = 500


def _missed(now: datetime) -> ColumnElement[bool]:
    """Running clocks with a target past due and not announced yet."""
    return and_(
        Ticket.resolved_at.is_(None),
        Ticket.sla_paused_since.is_(None),
        or_(
            and_(
                Ticket.first_response_at.is_(None),
                Ticket.sla_first_response_breach_sent == false(),
                Ticket.sla_first_response_due_at < now,
            ),
            and_(
                Ticket.sla_resolution_breach_sent == false(),
                Ticket.sla_resolution_due_at < now,
            ),
        ),
    )


def sweep_once(db: Database, now: datetime | None = None) -> int:
    """One pass; returns how many sla.breached events it emitted. Safe to run concurrently:
    the flags are checked and set in the same write transaction as the events."""
    now = now or utcnow()
    # Most passes find nothing: look first without taking the write lock.
    with db.read() as session:
        if session.scalar(select(Ticket.id).where(_missed(now)).limit(1)) is None:
            return 0
    emitted = 0
    while True:
        with db.write() as session:
            query = (
                select(Ticket)
                .where(_missed(now))
                .order_by(Ticket.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
            candidates = list(session.scalars(query))
            count = sum(sla.emit_breaches(session, ticket, now) for ticket in candidates)
        emitted += count
        if len(candidates) < BATCH or count == 0:
            return emitted


async def run_sla_sweeper(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: a sweep every settings.sla_sweep_s seconds. A sweep waiting for a busy
    database is abandoned on stop, so shutting down never waits on someone else's lock."""
    period = runtime.settings.sla_sweep_s
    stopped = asyncio.create_task(stop.wait())
    try:
        # The app's startup has just swept once; the loop starts one period later.
        while not stop.is_set():
            await wait_done(asyncio.shield(stopped), period)
            if stop.is_set():
                return
            sweep = asyncio.create_task(
                anyio.to_thread.run_sync(sweep_once, runtime.db, abandon_on_cancel=True)
            )
            await asyncio.wait({sweep, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not sweep.done():
                sweep.cancel()
                return
            try:
                emitted = sweep.result()
            except Exception:
                log.exception("SLA sweep failed")
                continue
            if emitted:
                log.info("SLA sweep: %d targets breached", emitted)
    finally:
        stopped.cancel()
