"""Customer traffic for a running demo: new tickets, customers chasing their open ones, and VIP
clients answering their account manager's outreach."""

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
# Of the moments an outreach awaits an answer, how often a client answers one (the manager
# sees replies come back; not every client answers at all, see traffic.answers_outreach).
OUTREACH_REPLY_SHARE = 0.3
OUTREACH_REPLIES: dict[str, tuple[str, ...]] = {
    "zh": ("收到，谢谢通知。方便明天下午给我打个电话吗？", "好的，我想了解一下费率细节。"),
    "en": ("Thanks for letting me know. Could you call me tomorrow afternoon?", "Noted, thanks."),
    "ja": ("ご連絡ありがとうございます。詳細を教えてください。",),
    "ko": ("알려 주셔서 감사합니다. 자세한 내용을 알려 주세요.",),
}


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

    def answers_outreach(self) -> bool:
        """Whether a client answers an outreach now (asked only when one awaits an answer)."""
        return self._rng.random() < OUTREACH_REPLY_SHARE

    def outreach_answer(self, language: str) -> str:
        return self._rng.choice(OUTREACH_REPLIES.get(language, OUTREACH_REPLIES["en"]))

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
