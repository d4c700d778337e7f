"""The reference Support API server: FastAPI app, SQLAlchemy storage, demo seeding, simulator.

Exports resolve lazily so that importing a light submodule (e.g. the demo content) does not
load FastAPI, uvicorn and SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from console.server.app import create_app
    from console.server.embedded import EmbeddedServer
    from console.server.settings import ServerSettings

__all__ = ["EmbeddedServer", "ServerSettings", "create_app"]

_EXPORTS = {
    "EmbeddedServer": "console.server.embedded",
    "ServerSettings": "console.server.settings",
    "create_app": "console.server.app",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
