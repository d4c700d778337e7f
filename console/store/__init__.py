"""The local store: SQLite cache of server data, drafts, outbox and sync cursor."""

from console.store.hub import Change, ChangeHub
from console.store.migrations import LATEST_VERSION, StoreVersionError
from console.store.records import (
    LocalMessage,
    MessageState,
    OutboxItem,
    OutboxKind,
    OutboxState,
    TicketQuery,
    TicketView,
)
from console.store.store import Store

__all__ = [
    "LATEST_VERSION",
    "Change",
    "ChangeHub",
    "LocalMessage",
    "MessageState",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "Store",
    "StoreVersionError",
    "TicketQuery",
    "TicketView",
]
