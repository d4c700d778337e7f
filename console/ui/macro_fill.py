"""A macro filled in for one ticket: the composer's insert and the bulk action read the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core.macros import macro_text

if TYPE_CHECKING:
    from console.api.schemas import MacroOut, TicketOut
    from console.store import Store

__all__ = ["macro_for_ticket"]


def macro_for_ticket(store: Store, macro: MacroOut, ticket: TicketOut, agent_name: str) -> str:
    """The macro's body in the ticket's language, its variables filled from the cache."""
    name = ticket.customer_name
    if not name:
        customer = store.customer(ticket.customer_uid)
        name = customer.display_name if customer is not None else ""
    return macro_text(
        macro.bodies,
        ticket.language,
        customer_name=name,
        uid=ticket.customer_uid,
        ticket_id=ticket.id,
        agent_name=agent_name,
    )
