"""The Support API v1 application."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI

from console import __version__
from console.api.schemas import API_PREFIX
from console.api.schemas_training import TRAINING_ID_FLOOR
from console.core.secrets import prepare_detector
from console.server.access import KNOWN_OPERATION, bind_routes
from console.server.body_guard import BodyGuardMiddleware
from console.server.chat_sweeper import run_chat_sweeper
from console.server.db import Database
from console.server.errors import CatchAllMiddleware, install_error_handlers
from console.server.maintenance import run_maintenance
from console.server.routes import (
    aml,
    audit,
    auth,
    chat_agent,
    chat_customer,
    customers,
    events,
    identity,
    kb,
    tickets,
    vip,
    vip_outreach,
    workspace,
)
from console.server.routes import sla as sla_routes
from console.server.routes.collab import COLLAB_ROUTERS
from console.server.runtime import Runtime
from console.server.schema_version import prepare_schema
from console.server.seeding import is_empty, seed_workspace
from console.server.services.sla import seed_default_policies
from console.server.settings import ServerSettings
from console.server.sla_sweeper import run_sla_sweeper, sweep_once
from console.server.training.ids import install_id_floor, workspace_ids
from console.server.training.scope import install_scope, own_exercises
from console.server.training.workspace import training_lifespan
from console.server.vip_sweeper import run_vip_sweeper

log = logging.getLogger("console.server")


def _prepare(runtime: Runtime) -> None:
    """Schema, and in demo mode the demo workspace when the database is still empty."""
    prepare_schema(runtime.db, demo=runtime.settings.demo)
    with runtime.db.write() as session:
        seed_default_policies(session)
    settings = runtime.settings
    if settings.training:
        from console.server.training.seed import prepare_training_workspace

        prepare_training_workspace(runtime)
    elif settings.demo and is_empty(runtime.db):
        from console.server.demo import generate_demo

        workspace = generate_demo(seed=settings.demo_seed, tickets=settings.demo_tickets)
        seed_workspace(runtime.db, workspace)
        runtime.demo = workspace
    # Customer messages are checked for seed phrases and keys: build the tables before the first.
    prepare_detector()
    # Targets missed while the server was down are announced before the first request.
    sweep_once(runtime.db)
    # The search index takes a second or more to build: requests are served meanwhile, and a
    # search waits for it (KbSearch holds its lock while building).
    threading.Thread(
        target=runtime.kb.refresh, args=(runtime.db,), kwargs={"force": True}, daemon=True
    ).start()


def _start_traffic(runtime: Runtime, stop: asyncio.Event) -> asyncio.Task[None] | None:
    if not runtime.settings.simulate:
        return None
    from console.server.traffic import run_traffic

    return asyncio.create_task(run_traffic(runtime, stop), name="customer-traffic")


def _start_chat_customers(runtime: Runtime, stop: asyncio.Event) -> asyncio.Task[None] | None:
    if not runtime.settings.simulate:
        return None
    from console.server.demo.chat_customers import run_chat_customers

    return asyncio.create_task(run_chat_customers(runtime, stop), name="chat-customers")


def _start_training(runtime: Runtime, stop: asyncio.Event) -> asyncio.Task[None] | None:
    if not runtime.settings.training:
        return None
    from console.server.training.runner import run_training

    return asyncio.create_task(run_training(runtime, stop), name="training-customers")


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    runtime: Runtime = app.state.runtime
    runtime.db.notifier.reopen()
    await anyio.to_thread.run_sync(_prepare, runtime)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(run_maintenance(runtime, stop), name="maintenance")]
    tasks.append(asyncio.create_task(run_sla_sweeper(runtime, stop), name="sla-sweeper"))
    tasks.append(asyncio.create_task(run_chat_sweeper(runtime, stop), name="chat-sweeper"))
    tasks.append(asyncio.create_task(run_vip_sweeper(runtime, stop), name="vip-sweeper"))
    extras = (
        _start_traffic(runtime, stop),
        _start_chat_customers(runtime, stop),
        _start_training(runtime, stop),
    )
    tasks.extend(task for task in extras if task is not None)
    try:
        async with training_lifespan(app):
            yield
    finally:
        stop.set()
        runtime.begin_shutdown()
        await asyncio.gather(*tasks, return_exceptions=True)
        runtime.kb.close()
        runtime.db.dispose()


def create_app(settings: ServerSettings) -> FastAPI:
    """The ASGI app. Schema creation and demo seeding run in its lifespan startup."""
    app = FastAPI(
        title="Support API",
        version=__version__,
        description="Support Console API v1: tickets, messages, customers, live events.",
        lifespan=_lifespan,
        strict_content_type=False,
    )
    runtime = Runtime(settings=settings, db=Database(settings.database_url))
    app.state.runtime = runtime
    if settings.training:
        install_id_floor(runtime.db, TRAINING_ID_FLOOR)
        install_scope(runtime.db)
    install_error_handlers(app)
    audit.install_refusal_audit(app)
    # Every operation has a row in the role matrix (access.py): unknown ones are refused; ids
    # of the other workspace (training or live) are refused as unknown ones.
    access = [KNOWN_OPERATION, Depends(workspace_ids(settings.training))]
    if settings.training:  # and a trainee's are their own (training/scope.py)
        access.append(Depends(own_exercises(runtime.db)))
    # Routes are matched in order: the customers' chat routes, the busiest on a chat floor, first.
    for module in (chat_customer, workspace, auth, tickets, customers, events, kb, chat_agent):
        app.include_router(module.router, prefix=API_PREFIX, dependencies=access)
    app.include_router(sla_routes.router, prefix=API_PREFIX, dependencies=access)
    for module in (audit, identity, aml, vip, vip_outreach):
        app.include_router(module.router, prefix=API_PREFIX, dependencies=access)
    for router in COLLAB_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=access)
    _add_training(app, runtime, access)
    bind_routes(app)
    # Added last = outermost: the catch-all wraps everything, the body guard runs before routes.
    app.add_middleware(BodyGuardMiddleware)
    app.add_middleware(CatchAllMiddleware)
    return app


def _add_training(app: FastAPI, runtime: Runtime, access: list[Any]) -> None:
    """The training workspace's own routes, or on a live app the way in and the mounted
    workspace (created here so that both runtimes know each other)."""
    from console.server.routes import training_entry

    if runtime.settings.training:
        from console.server.training.routes import TRAINING_ROUTERS

        for router in TRAINING_ROUTERS:
            app.include_router(router, prefix=API_PREFIX, dependencies=access)
        return
    if not runtime.settings.with_training:
        return
    from console.api.schemas_training import TRAINING_PATH
    from console.server.training.workspace import training_settings

    try:
        settings = training_settings(runtime.settings)
    except ValueError as exc:  # a team database without a training database named
        log.warning("training workspace off: %s", exc)
        return
    sub = create_app(settings)
    runtime.training = sub.state.runtime
    sub.state.runtime.live = runtime
    app.state.training_app = sub
    app.include_router(training_entry.router, prefix=API_PREFIX, dependencies=access)
    app.mount(TRAINING_PATH, sub)
