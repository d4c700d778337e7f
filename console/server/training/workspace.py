"""The training workspace: the same API on a database of its own, mounted under /training.

Why a second database rather than a flag on rows: nothing a live query does can return a mock
ticket, and nothing done in training can reach a live account, because the rows are not there
to find. Ids are kept apart too (ids.py), so a live id sent to training (or the reverse) is
refused. The live app starts and stops the workspace with itself (`lifespan` below).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from console.server.settings import ServerSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["training_database_url", "training_lifespan", "training_settings"]


def training_database_url(live: ServerSettings) -> str:
    """The training database next to the live one: `x.sqlite3` -> `x-training.sqlite3`."""
    if live.training_database_url:
        return live.training_database_url
    url = make_url(live.database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise ValueError(
            "a training workspace beside a non-SQLite database needs --training-database"
        )
    path = Path(url.database)
    return str(url.set(database=str(path.with_name(f"{path.stem}-training{path.suffix}"))))


def training_settings(live: ServerSettings) -> ServerSettings:
    return replace(
        live,
        database_url=training_database_url(live),
        training=True,
        with_training=False,
        simulate=False,
        workspace_name=f"{live.workspace_name} (training)",
    )


@contextlib.asynccontextmanager
async def training_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Runs the mounted training app's own startup and shutdown inside the live app's (a
    mounted app's lifespan is not run by the framework)."""
    sub: FastAPI | None = getattr(app.state, "training_app", None)
    if sub is None:
        yield
        return
    async with sub.router.lifespan_context(sub):
        yield
