"""What views may ask the layer below to do. Views emit intents; the session carries them out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from console.api.schemas import TicketUpdate

__all__ = ["TicketCommands"]


class TicketCommands(Protocol):
    def can_send(self) -> bool:
        """False until the sync engine is attached (the first second of a demo start)."""
        ...

    def send_message(self, ticket_id: int, kind: str, body: str) -> None: ...

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None: ...

    def retry(self, outbox_id: int) -> None: ...

    def discard(self, outbox_id: int) -> None: ...

    def refresh_ticket(self, ticket_id: int) -> None:
        """Fetch the ticket's messages and customer in the background; results reach the store."""
        ...
