"""Turning live events into cache writes.

Payloads are validated before the transaction starts. An event whose payload does not fit its
type is logged and skipped: waiting for it would stall every later event, and the server will
never send it differently. Valid events are applied all-or-nothing together with the cursor.
presence.changed is not stored (the sync engine routes it to its PresenceBoard first), nor are
kb.flag.* and kb.revision.* (the sync engine hands them to its kb_listeners and notifications);
kb.article.changed updates the cached article. chat.conversation.updated and
chat.message.created are stored; chat.typing and chat.status.changed are live only (the sync
engine's ChatTypingBoard and chat listeners hold them).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from console.api.schemas import (
    CustomerOut,
    EscalationOut,
    EventOut,
    MessageOut,
    SlaBreachOut,
    TicketMergedOut,
    TicketOut,
)
from console.api.schemas_chat import (
    AgentChatStatusOut,
    ChatMessageOut,
    ChatTypingOut,
    ConversationOut,
)
from console.api.schemas_kb import KbArticleOut, KbFlagOut, KbRevisionOut
from console.core.domain import EventType

log = logging.getLogger(__name__)


@dataclass
class DecodedBatch:
    tickets: dict[int, TicketOut] = field(default_factory=dict)
    messages: list[MessageOut] = field(default_factory=list)
    customers: dict[str, CustomerOut] = field(default_factory=dict)
    escalations: dict[int, EscalationOut] = field(default_factory=dict)
    merges: list[TicketMergedOut] = field(default_factory=list)
    breaches: list[SlaBreachOut] = field(default_factory=list)
    kb_articles: dict[int, KbArticleOut] = field(default_factory=dict)
    chat_conversations: dict[int, ConversationOut] = field(default_factory=dict)
    chat_messages: list[ChatMessageOut] = field(default_factory=list)
    last_id: int | None = None
    skipped: list[int] = field(default_factory=list)

    def add_ticket(self, ticket: TicketOut) -> None:
        known = self.tickets.get(ticket.id)
        if known is None or ticket.version >= known.version:
            self.tickets[ticket.id] = ticket


def decode(events: Sequence[EventOut], after: int | None) -> DecodedBatch:
    """Decode events with id > `after`, in id order; later versions of one object win."""
    batch = DecodedBatch()
    for event in sorted(events, key=lambda e: e.id):
        if after is not None and event.id <= after:
            continue
        batch.last_id = event.id
        try:
            _decode_one(batch, event)
        except ValidationError as exc:
            log.warning(
                "skipping event %s (%s): payload does not match: %s",
                event.id,
                event.type,
                exc.errors(include_url=False)[:3],
            )
            batch.skipped.append(event.id)
    return batch


def _decode_one(batch: DecodedBatch, event: EventOut) -> None:
    kind = event.type
    if kind in (EventType.TICKET_CREATED, EventType.TICKET_UPDATED):
        batch.add_ticket(TicketOut.model_validate(event.payload))
    elif kind is EventType.MESSAGE_CREATED:
        batch.messages.append(MessageOut.model_validate(event.payload))
    elif kind is EventType.CUSTOMER_UPDATED:
        customer = CustomerOut.model_validate(event.payload)
        batch.customers[customer.uid] = customer
    elif kind in (EventType.ESCALATION_CREATED, EventType.ESCALATION_UPDATED):
        escalation = EscalationOut.model_validate(event.payload)
        batch.escalations[escalation.id] = escalation  # events come in order: the last wins
    elif kind is EventType.TICKET_MERGED:
        merged = TicketMergedOut.model_validate(event.payload)
        batch.add_ticket(merged.source)
        batch.add_ticket(merged.target)
        batch.merges.append(merged)
    elif kind is EventType.SLA_BREACHED:
        batch.breaches.append(SlaBreachOut.model_validate(event.payload))
    elif kind is EventType.KB_ARTICLE_CHANGED:
        article = KbArticleOut.model_validate(event.payload)
        batch.kb_articles[article.id] = article  # in order: the last wins (the store re-checks)
    elif kind in (EventType.KB_FLAG_CREATED, EventType.KB_FLAG_UPDATED):
        KbFlagOut.model_validate(event.payload)  # live only: checked, not stored
    elif kind in (EventType.KB_REVISION_PROPOSED, EventType.KB_REVISION_DECIDED):
        KbRevisionOut.model_validate(event.payload)  # live only: checked, not stored
    elif kind is EventType.PRESENCE_CHANGED:
        pass  # live only: the sync engine's PresenceBoard holds it
    elif kind is EventType.CHAT_CONVERSATION_UPDATED:
        conversation = ConversationOut.model_validate(event.payload)
        known = batch.chat_conversations.get(conversation.id)
        if known is None or conversation.version >= known.version:
            batch.chat_conversations[conversation.id] = conversation
    elif kind is EventType.CHAT_MESSAGE_CREATED:
        batch.chat_messages.append(ChatMessageOut.model_validate(event.payload))
    elif kind is EventType.CHAT_TYPING:
        ChatTypingOut.model_validate(event.payload)  # live only: checked, not stored
    elif kind is EventType.CHAT_STATUS_CHANGED:
        AgentChatStatusOut.model_validate(event.payload)  # live only: checked, not stored
    elif kind in (
        EventType.VIP_ALERT,
        EventType.VIP_CLIENT_UPDATED,
        EventType.VIP_OUTREACH_UPDATED,
    ):
        pass  # the VIP desk's sync (console/sync/vip.py) caches what it needs of them
    else:  # pragma: no cover - every EventType is handled above; a new one is skipped
        log.warning("event %s has unhandled type %s", event.id, kind)
        batch.skipped.append(event.id)
