"""The chat sweep: offers not accepted within chat_offer_timeout_s go back to the queue (offered
to someone else first), agents without a heartbeat for chat_agent_timeout_s go offline and give
their chats back; then the queue is routed again."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

import anyio.to_thread
from sqlalchemy import Select, select

from console.core.waiting import wait_done
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models_chat import ChatAgentState, ChatConversation
from console.server.runtime import Runtime
from console.server.services import chat_agents, chat_queue
from console.server.services.chat_context import ChatContext, chat_context
from console.server.services.chat_records import touch

log = logging.getLogger("console.server")


def _offers_expired(ctx: ChatContext, now: datetime) -> Select[ChatConversation]:
    cutoff = now - timedelta(seconds=ctx.offer_timeout_s)
    return select(ChatConversation).where(
        ChatConversation.state == "offered", ChatConversation.offered_at < cutoff
    )


def _agents_stale(ctx: ChatContext, now: datetime) -> Select[int]:
    cutoff = now - timedelta(seconds=ctx.agent_timeout_s)
    return select(ChatAgentState.agent_id).where(
        ChatAgentState.status != "offline", ChatAgentState.heartbeat_at < cutoff
    )


def sweep_once(db: Database, ctx: ChatContext, now: datetime | None = None) -> int:
    """One pass; returns how many chats went back to the queue."""
    now = now or utcnow()
    # Most passes find nothing: look first without taking the write lock.
    with db.read() as session:
        expired = session.scalar(_offers_expired(ctx, now).limit(1)) is not None
        stale = session.scalar(_agents_stale(ctx, now).limit(1)) is not None
    if not expired and not stale:
        return 0
    with db.write() as session:
        released = chat_agents.expire_stale(session, ctx, now)
        for conv in session.scalars(_offers_expired(ctx, now).with_for_update()):
            chat_queue.take_back_offer(conv, now, declined=False)
            touch(session, conv, now)
            released += 1
        session.flush()
        chat_queue.route(session, ctx, now)
    return released


async def run_chat_sweeper(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: a sweep every settings.chat_sweep_s seconds."""
    period = runtime.settings.chat_sweep_s
    ctx = chat_context(runtime)
    stopped = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            await wait_done(asyncio.shield(stopped), period)
            if stop.is_set():
                return
            sweep = asyncio.create_task(
                anyio.to_thread.run_sync(sweep_once, runtime.db, ctx, abandon_on_cancel=True)
            )
            await asyncio.wait({sweep, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not sweep.done():
                sweep.cancel()
                return
            try:
                released = sweep.result()
            except Exception:
                log.exception("chat sweep failed")
                continue
            if released:
                log.info("chat sweep: %d chats back in the queue", released)
    finally:
        stopped.cancel()
