"""Customer traffic for a running demo: new tickets and customers chasing their open ones."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from console.core.domain import OPEN_STATUSES

from . import texts
from .generator import pick_category, pick_channel
from .model import DemoTicket, DemoWorkspace
from .tickets import opening_ticket

NEW_TICKET_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class NewTicket:
    ticket: DemoTicket  # status new, no assignee, only the customer's opening message


@dataclass(frozen=True, slots=True)
class CustomerFollowUp:
    ticket_index: int  # index into workspace.tickets of a ticket that was open when seeded
    ticket_subject: str  # with customer_uid, lets a server that renumbered tickets find it
    customer_uid: str
    body: str
    language: str


class CustomerTraffic:
    """Plays the customers: each call to next_action() is one thing a customer does."""

    def __init__(self, workspace: DemoWorkspace, seed: int = 7) -> None:
        self._workspace = workspace
        self._rng = random.Random(f"{seed}:traffic")
        self._open = [
            i for i, t in enumerate(workspace.tickets) if t.status in OPEN_STATUSES and t.messages
        ]
        if not workspace.customers:
            raise ValueError("customer traffic needs at least one customer")

    def next_action(self, now: datetime) -> NewTicket | CustomerFollowUp:
        rng = self._rng
        if self._open and rng.random() >= NEW_TICKET_SHARE:
            return self._follow_up(rng.choice(self._open))
        customer = rng.choice(self._workspace.customers)
        category = pick_category(rng)
        return NewTicket(
            opening_ticket(rng, customer, category, pick_channel(rng, category, new=True), now)
        )

    def _follow_up(self, index: int) -> CustomerFollowUp:
        ticket = self._workspace.tickets[index]
        # Details that quote a hash or an order id belong to the original case; without its facts
        # only the generic chasers and plain new details fit.
        options = [
            text
            for text in texts.variants(ticket.language, (ticket.category.value,), "details")
            if "{" not in text
        ]
        options += texts.variants(ticket.language, ("any",), "followup")
        return CustomerFollowUp(
            ticket_index=index,
            ticket_subject=ticket.subject,
            customer_uid=ticket.customer_uid,
            body=self._rng.choice(options),
            language=ticket.language,
        )
