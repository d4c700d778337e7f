"""Ids say which workspace a ticket or chat belongs to: the training workspace numbers them
from TRAINING_ID_FLOOR and its customers' UIDs start with TRAINING_UID_PREFIX, and each side
refuses the other's before any route runs (404, as for an id that does not exist)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from sqlalchemy import event, func, select

from console.api.schemas_training import TRAINING_ID_FLOOR, TRAINING_UID_PREFIX
from console.server.db import Database
from console.server.errors import ApiError
from console.server.models import Ticket
from console.server.models_chat import ChatConversation

__all__ = ["install_id_floor", "workspace_ids"]

ID_FLOOR_KEY = "training_id_floor"
_ID_PARAMS = ("ticket_id", "conversation_id", "other_id")
_NUMBERED = (Ticket, ChatConversation)


def install_id_floor(db: Database, floor: int) -> None:
    """Every connection of `db` numbers new tickets and chats from `floor` up."""

    def _mark(_dbapi_conn: Any, record: Any) -> None:
        record.info[ID_FLOOR_KEY] = floor

    for engine in db.engines():
        event.listen(engine, "connect", _mark)


def _next_id(mapper: Any, connection: Any, target: Any) -> None:
    floor = connection.info.get(ID_FLOOR_KEY)
    if floor is None or target.id is not None:
        return
    table = mapper.local_table
    highest = connection.execute(select(func.max(table.c.id))).scalar()
    target.id = max(floor, (highest or 0) + 1)


for _model in _NUMBERED:
    event.listen(_model, "before_insert", _next_id)


def _refused(kind: str) -> ApiError:
    return ApiError(404, "not_found", f"No such {kind} in this workspace.")


def workspace_ids(training: bool) -> Callable[[Request], Awaitable[None]]:
    """A router dependency: path ids of the other workspace are refused."""

    async def check(request: Request) -> None:
        params = request.path_params
        for name in _ID_PARAMS:
            raw = params.get(name)
            if raw is None:
                continue
            try:
                value = int(raw)
            except (TypeError, ValueError):
                continue  # the route's own validation answers
            if (value >= TRAINING_ID_FLOOR) != training:
                raise _refused("conversation" if name == "conversation_id" else "ticket")
        uid = params.get("uid")
        if isinstance(uid, str) and uid.startswith(TRAINING_UID_PREFIX) != training:
            raise _refused("customer")

    return check
