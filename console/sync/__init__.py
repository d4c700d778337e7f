"""The sync engine between the Support API and the local store."""

from console.sync.backoff import Backoff
from console.sync.engine import SyncEngine
from console.sync.state import ConnectionState

__all__ = ["Backoff", "ConnectionState", "SyncEngine"]
