"""The local store: SQLite cache of server data, drafts, outbox and sync cursor.

Exports resolve lazily: the first paint reads the cache through `first_page` (plain sqlite3)
and must not pay for importing SQLAlchemy and pydantic, which `Store` needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from console.store.chat import ChatStore
    from console.store.hub import Change, ChangeHub
    from console.store.migrations import LATEST_VERSION, StoreVersionError
    from console.store.records import (
        CHAT_OUTBOX_KINDS,
        KB_OUTBOX_KINDS,
        ChatLocalMessage,
        LocalMessage,
        MessageState,
        OutboxItem,
        OutboxKind,
        OutboxState,
        SavedView,
        TicketQuery,
        TicketSort,
        TicketView,
    )
    from console.store.store import Store

__all__ = [
    "CHAT_OUTBOX_KINDS",
    "KB_OUTBOX_KINDS",
    "LATEST_VERSION",
    "Change",
    "ChangeHub",
    "ChatLocalMessage",
    "ChatStore",
    "LocalMessage",
    "MessageState",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "SavedView",
    "Store",
    "StoreVersionError",
    "TicketQuery",
    "TicketSort",
    "TicketView",
]

_EXPORTS = {
    "CHAT_OUTBOX_KINDS": "console.store.records",
    "ChatLocalMessage": "console.store.records",
    "ChatStore": "console.store.chat",
    "KB_OUTBOX_KINDS": "console.store.records",
    "LATEST_VERSION": "console.store.migrations",
    "Change": "console.store.hub",
    "ChangeHub": "console.store.hub",
    "LocalMessage": "console.store.records",
    "MessageState": "console.store.records",
    "OutboxItem": "console.store.records",
    "OutboxKind": "console.store.records",
    "OutboxState": "console.store.records",
    "SavedView": "console.store.records",
    "Store": "console.store.store",
    "StoreVersionError": "console.store.migrations",
    "TicketQuery": "console.store.records",
    "TicketSort": "console.store.records",
    "TicketView": "console.store.records",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
