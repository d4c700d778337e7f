"""Turning live events into cache writes.

Payloads are validated before the transaction starts. An event whose payload does not fit its
type is logged and skipped: waiting for it would stall every later event, and the server will
never send it differently. Valid events are applied all-or-nothing together with the cursor.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from console.api.schemas import CustomerOut, EventOut, MessageOut, TicketOut
from console.core.domain import EventType

log = logging.getLogger(__name__)


@dataclass
class DecodedBatch:
    tickets: dict[int, TicketOut] = field(default_factory=dict)
    messages: list[MessageOut] = field(default_factory=list)
    customers: dict[str, CustomerOut] = field(default_factory=dict)
    last_id: int | None = None
    skipped: list[int] = field(default_factory=list)


def decode(events: Sequence[EventOut], after: int | None) -> DecodedBatch:
    """Decode events with id > `after`, in id order; later versions of one object win."""
    batch = DecodedBatch()
    for event in sorted(events, key=lambda e: e.id):
        if after is not None and event.id <= after:
            continue
        batch.last_id = event.id
        try:
            if event.type in (EventType.TICKET_CREATED, EventType.TICKET_UPDATED):
                ticket = TicketOut.model_validate(event.payload)
                known = batch.tickets.get(ticket.id)
                if known is None or ticket.version >= known.version:
                    batch.tickets[ticket.id] = ticket
            elif event.type is EventType.MESSAGE_CREATED:
                batch.messages.append(MessageOut.model_validate(event.payload))
            elif event.type is EventType.CUSTOMER_UPDATED:
                customer = CustomerOut.model_validate(event.payload)
                batch.customers[customer.uid] = customer
            else:  # pragma: no cover - EventType is closed today; a new type is skipped
                log.warning("event %s has unhandled type %s", event.id, event.type)
                batch.skipped.append(event.id)
        except ValidationError as exc:
            log.warning(
                "skipping event %s (%s): payload does not match: %s",
                event.id,
                event.type,
                exc.errors(include_url=False)[:3],
            )
            batch.skipped.append(event.id)
    return batch
