"""What one running app holds: settings, database, and the demo workspace when in demo mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from console.server.db import Database
from console.server.event_tail import EventTail
from console.server.services.kb_search import KbSearch
from console.server.settings import ServerSettings

if TYPE_CHECKING:
    from console.server.demo.model import DemoWorkspace


@dataclass
class Runtime:
    settings: ServerSettings
    db: Database
    demo: DemoWorkspace | None = None
    # Search over the published knowledge base, for the bot and clients not yet synced.
    kb: KbSearch = field(default_factory=KbSearch)
    event_tail: EventTail = field(init=False)
    # The other workspace of the same server: a live runtime's training one and the reverse.
    training: Runtime | None = field(default=None, repr=False)
    live: Runtime | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.event_tail = EventTail(self.db, self.settings.event_poll_s)

    @property
    def stopping(self) -> bool:
        return self.db.notifier.closed

    def begin_shutdown(self) -> None:
        """Ends open event streams so the server can stop without waiting on them."""
        self.db.notifier.close()
