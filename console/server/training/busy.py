"""Who of the live workspace is in training right now, for live chat routing: an agent with a
seat still to work in a running session is offered no live chat meanwhile.

Routing runs on every chat event, so the answer is kept for REFRESH_S seconds rather than read
from the training database each time; starting or ending a session drops it at once.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass

from console.server.db import Database
from console.server.runtime import Runtime
from console.server.training.invitations import agents_in_training

__all__ = ["REFRESH_S", "agents_away", "forget"]

log = logging.getLogger("console.server")

REFRESH_S = 2.0


@dataclass(frozen=True, slots=True)
class _Known:
    agents: frozenset[int]
    at: float


_lock = threading.Lock()
_known: weakref.WeakKeyDictionary[Database, _Known] = weakref.WeakKeyDictionary()


def agents_away(training: Runtime) -> frozenset[int]:
    """Agents in a running training session of this workspace (read at most every REFRESH_S)."""
    db = training.db
    now = time.monotonic()
    with _lock:
        known = _known.get(db)
    if known is not None and now - known.at < REFRESH_S:
        return known.agents
    try:
        with db.read() as session:
            agents = frozenset(agents_in_training(session))
    except Exception:
        # Routing must go on when the training database cannot be read: with the last answer.
        log.exception("could not read who is in training")
        agents = known.agents if known is not None else frozenset()
    with _lock:
        _known[db] = _Known(agents, now)
    return agents


def forget(training: Runtime) -> None:
    """Sessions or seats changed: the next routing pass reads again."""
    with _lock:
        _known.pop(training.db, None)
