"""The stale-reply guard: what changed on a ticket since the agent last looked at it.

The ticket view keeps a `Seen` snapshot (taken when the ticket opened and refreshed, and again
after each send or review); before a reply goes out, `changes_since` lists what is new — a
customer message, a status change, another agent's reply or note — so the agent can look first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from console.api.schemas import TicketOut
from console.core.domain import MessageKind, TicketStatus
from console.ui.i18n import tr
from console.ui.labels import status_label

__all__ = ["Seen", "changes_since", "snapshot"]


@dataclass(frozen=True, slots=True)
class Seen:
    status: str | None
    assignee_id: int | None
    message_ids: frozenset[int]
    # When the snapshot was taken: a message written before it was part of what the agent
    # opened, even when the history arrived a moment later (or its refresh failed).
    taken_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def snapshot(ticket: TicketOut | None, messages: Iterable[Any]) -> Seen:
    return Seen(
        status=str(ticket.status) if ticket is not None else None,
        assignee_id=ticket.assignee_id if ticket is not None else None,
        message_ids=frozenset(m.id for m in messages if m.id is not None),
    )


def changes_since(
    seen: Seen, ticket: TicketOut | None, messages: Sequence[Any], me_name: str
) -> list[str]:
    """Sentences for the agent, oldest first; empty when nothing changed."""
    changes: list[str] = []
    customer_new = 0
    # Any reply of mine, seen or not: a refresh that finished after it was confirmed may have
    # put it in the snapshot beside the "new" status the server was about to change.
    my_reply = any(m.author_name == me_name and m.kind == MessageKind.REPLY for m in messages)
    for message in messages:
        if message.id in seen.message_ids:
            continue
        if message.author_name == me_name and message.kind != MessageKind.CUSTOMER:
            continue  # my own words (queued, or from another window) are known
        if message.id is None or message.created_at <= seen.taken_at:
            continue
        if message.kind == MessageKind.CUSTOMER:
            customer_new += 1
        elif message.kind == MessageKind.NOTE:
            changes.append(tr("{name} added an internal note.", name=message.author_name))
        else:
            changes.append(tr("{name} replied to the customer.", name=message.author_name))
    if customer_new:
        changes.insert(
            0,
            tr("The customer wrote a new message.")
            if customer_new == 1
            else tr("The customer wrote {n} new messages.", n=customer_new),
        )
    status = str(ticket.status) if ticket is not None else None
    # The server opens a new ticket when an agent first answers it: my own reply explains that.
    explained = my_reply and (seen.status, status) == (TicketStatus.NEW, TicketStatus.OPEN)
    if status is not None and seen.status is not None and status != seen.status and not explained:
        changes.append(
            tr(
                "The status changed from {old} to {new}.",
                old=status_label(seen.status),
                new=status_label(status),
            )
        )
    if ticket is not None and ticket.assignee_id != seen.assignee_id:
        changes.append(tr("The ticket was reassigned."))
    return changes
