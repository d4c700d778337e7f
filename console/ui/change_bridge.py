"""The one adapter from the store's ChangeHub to Qt: changes become a coalesced Qt signal.

Hub callbacks may run on any thread (the sync engine's, the server's), so the callback only emits
a queued signal; the GUI thread collects what arrives and, after a short quiet period, publishes
one `ChangeBatch`. A burst of a thousand events repaints the inbox once, not a thousand times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

__all__ = ["ChangeBatch", "ChangeBridge"]

Key = int | str


class _Hub(Protocol):
    def subscribe(self, callback: Callable[[Any], None]) -> Callable[[], None]: ...


@dataclass
class ChangeBatch:
    """What changed since the last batch: ids per topic; a topic in `whole` changed wholesale."""

    ids: dict[str, set[Key]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)

    def add(self, topic: str, ids: Iterable[Key]) -> None:
        keys = set(ids)
        self.ids.setdefault(topic, set()).update(keys)
        if not keys:
            self.whole.add(topic)

    def touches(self, topic: str, key: Key | None = None) -> bool:
        if topic not in self.ids:
            return False
        if key is None or topic in self.whole:
            return True
        return key in self.ids[topic] or str(key) in {str(k) for k in self.ids[topic]}

    @property
    def topics(self) -> set[str]:
        return set(self.ids)


class ChangeBridge(QObject):
    changed = Signal(object)  # ChangeBatch
    _arrived = Signal(str, object)

    def __init__(self, hub: _Hub, coalesce_ms: int = 60, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = ChangeBatch()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = hub.subscribe(self._on_change)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()

    def _on_change(self, change: Any) -> None:
        # Any thread: only hand the data over; Qt queues it to the thread this object lives in.
        self._arrived.emit(str(change.topic), tuple(change.ids))

    def _collect(self, topic: str, ids: tuple[Key, ...]) -> None:
        self._pending.add(topic, ids)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        batch, self._pending = self._pending, ChangeBatch()
        if batch.ids:
            self.changed.emit(batch)
