"""What views may ask the layer below to do. Views emit intents; the session carries them out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from console.api.schemas import AgentOut, PresenceOut, TicketUpdate

__all__ = ["SignedInAgent", "TicketCommands"]


class SignedInAgent(Protocol):
    """What the main window shows of the agent before the full record is parsed."""

    @property
    def id(self) -> int: ...

    @property
    def display_name(self) -> str: ...


class TicketCommands(Protocol):
    def can_send(self) -> bool:
        """False until the sync engine is attached (the first second of a demo start)."""
        ...

    def send_message(
        self, ticket_id: int, kind: str, body: str, files: Sequence[Path] = ()
    ) -> None: ...

    def send_and_set_status(
        self, ticket_id: int, body: str, status: str, files: Sequence[Path] = ()
    ) -> None:
        """A reply and a status change, queued together (e.g. answer and mark solved)."""
        ...

    def apply_macro(self, ticket_ids: Sequence[int], macro_id: int) -> int:
        """Reply with the macro on each ticket (its language, its customer) and apply the
        macro's status and tags; returns how many tickets it was queued for."""
        ...

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None: ...

    def escalate(self, ticket_id: int, department: str, note: str) -> None: ...

    def close_escalation(self, escalation_id: int, ticket_id: int) -> None: ...

    def merge(self, source_id: int, into_id: int) -> None: ...

    def link(self, ticket_id: int, other_id: int) -> None: ...

    def unlink(self, ticket_id: int, other_id: int) -> None: ...

    def set_presence(self, ticket_id: int, state: str) -> None:
        """viewing / typing / left; best effort, never raises for network trouble."""
        ...

    def presence(self, ticket_id: int) -> list[PresenceOut]:
        """Who else is on the ticket right now (never myself)."""
        ...

    def agents(self) -> list[AgentOut]:
        """The colleagues tickets can be assigned to, as last fetched (may be empty offline)."""
        ...

    def download_attachment(self, attachment_id: int, dest: Path) -> None:
        """Save the file at `dest` in the background; the outcome is shown as a notice."""
        ...

    def load_preview(
        self, attachment_id: int, max_side: int, done: Callable[[QImage | None], None]
    ) -> None:
        """Download an image and decode it off the GUI thread; `done` gets a scaled image, or
        None when it cannot be shown."""
        ...

    def fetch_escalations(self, ticket_id: int) -> None:
        """Bring the ticket's side threads into the store (topic "escalations")."""
        ...

    def retry(self, outbox_id: int) -> None: ...

    def discard(self, outbox_id: int) -> None: ...

    def refresh_ticket(self, ticket_id: int, done: Callable[[], None] | None = None) -> None:
        """Fetch the ticket's messages and customer in the background; results reach the store,
        then `done` runs (on the GUI thread) if the fetch succeeded."""
        ...
