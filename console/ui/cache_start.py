"""What a cold start from the cache needs beyond the window: the saved agent read without
pydantic, and the Store and the rest of the session loaded on a worker thread after the first
paint (SQLAlchemy, pydantic and the schemas take most of a second to import)."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.store import Store

__all__ = ["NETWORK_MODULES", "SESSION_MODULES", "AgentBasics", "import_all", "open_cache"]


@dataclass(frozen=True)
class AgentBasics:
    """The saved agent as far as the first paint needs it, read without pydantic."""

    id: int
    display_name: str

    @classmethod
    def from_json(cls, text: str) -> AgentBasics | None:
        try:
            data = json.loads(text)
            agent_id, name = data["id"], data["display_name"]
        except (ValueError, TypeError, KeyError):
            return None
        if type(agent_id) is not int or not isinstance(name, str):
            return None
        return cls(agent_id, name)


# Loaded on worker threads after the first paint: the Store's before the session is built, the
# network's (httpx) before it connects. Modules defining Qt classes are left to the GUI thread:
# PySide6 sets up its Python types lazily and promises no thread safety for that.
SESSION_MODULES = ("console.api.schemas", "console.store.store")
NETWORK_MODULES = ("console.api.client", "console.sync")


def import_all(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


def open_cache(path: Path, agent_json: str) -> tuple[Store, AgentOut]:
    """On a worker thread: the Store and the agent record for the session."""
    import_all(SESSION_MODULES)
    from console.api.schemas import AgentOut
    from console.store import Store

    me = AgentOut.model_validate_json(agent_json)
    return Store.open(path), me
