"""Notifications for the agent, derived from events before they are applied to the store.

Comparing an event with the cached ticket tells what changed: a ticket that becomes assigned to
me (my own assignment was applied to the cache optimistically, so it never notifies), a
customer message on my ticket, a breach of my ticket's SLA. Events created before the session
started are never notified, so catching up after a night offline does not flood the agent.
SLA "due soon" has no event: `check_due_soon` (every 30 s) compares the store with what it saw.

`Notification.title` is the ticket's subject and `body` the customer's text where there is one;
the UI builds its own localised sentence from `kind`.

Knowledge base: a supervisor hears of every new flag and proposed revision, an article's owner
of flags on their article (nobody of their own). Those notifications carry `article_id`, with
`ticket_id` 0, `title` the article's title and `body` the flag's comment or the revision's note.

Live chat: a chat offered to me ("chat_offered", body: the topic or empty) and a customer message
in a chat active with me ("chat_message", body: the text). They carry `conversation_id`, with
`ticket_id` 0 and `title` the customer's name. The UI shows them also while its window is focused.

The VIP desk: a `vip.alert` (the server sends it to the client's manager and backup alone) becomes
"vip_message", "vip_large_withdrawal", "vip_security_event" or "vip_follow_up_due", with
`client_uid`, `vip_tier`, `title` the client's name and `body` the alert's one English line (the UI
words its own sentence by kind). It carries the alert's ticket or chat; an alert about the client
rather than a thread (withdrawal, security, follow-up) carries the client's newest open cached
ticket, so a click still lands somewhere useful. A plain "customer_reply" / "chat_message" for a
thread a VIP alert just announced is not repeated: one sound per client message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from console.api.schemas import EventOut, MessageOut, SlaBreachOut, TicketOut
from console.api.schemas_chat import ChatMessageOut, ConversationOut
from console.api.schemas_kb import KbFlagOut, KbRevisionOut
from console.api.schemas_vip import VipAlertOut
from console.core.domain import OPEN_STATUSES, EventType, MessageKind
from console.core.vip import VipAlertKind
from console.store import Store, TicketQuery, TicketSort

__all__ = ["Notification", "NotificationCenter", "NotificationKind"]

log = logging.getLogger(__name__)


class NotificationKind:
    ASSIGNED = "assigned"  # a ticket became assigned to me by someone else
    CUSTOMER_REPLY = "customer_reply"  # the customer wrote on a ticket assigned to me
    SLA_DUE_SOON = "sla_due_soon"  # my open ticket's SLA target is due soon
    SLA_BREACHED = "sla_breached"  # my ticket's SLA target was breached
    KB_FLAGGED = "kb_flagged"  # an article was flagged (to supervisors and the article's owner)
    KB_REVISION_PROPOSED = "kb_revision_proposed"  # an edit awaits review (to supervisors)
    CHAT_OFFERED = "chat_offered"  # a chat was offered to me (accept before it times out)
    CHAT_MESSAGE = "chat_message"  # the customer wrote in a chat active with me
    # The VIP desk (vip.alert, for the client's manager and backup): always with sound.
    VIP_MESSAGE = "vip_message"  # the client wrote (a ticket or a chat)
    VIP_LARGE_WITHDRAWAL = "vip_large_withdrawal"  # a large withdrawal awaits review
    VIP_SECURITY_EVENT = "vip_security_event"  # new device, password or 2FA change
    VIP_FOLLOW_UP_DUE = "vip_follow_up_due"  # one of my follow-ups came due


VIP_ALERT_KINDS: dict[str, str] = {
    VipAlertKind.MESSAGE: NotificationKind.VIP_MESSAGE,
    VipAlertKind.LARGE_WITHDRAWAL: NotificationKind.VIP_LARGE_WITHDRAWAL,
    VipAlertKind.SECURITY_EVENT: NotificationKind.VIP_SECURITY_EVENT,
    VipAlertKind.FOLLOW_UP_DUE: NotificationKind.VIP_FOLLOW_UP_DUE,
}


@dataclass(frozen=True, slots=True)
class Notification:
    kind: str
    ticket_id: int  # 0 for knowledge-base and chat notifications
    title: str
    body: str
    article_id: int | None = None  # set for knowledge-base notifications
    conversation_id: int | None = None  # set for chat notifications
    client_uid: str | None = None  # set for VIP desk alerts
    vip_tier: int = 0  # the VIP client's tier, for VIP desk alerts


Listener = Callable[[Notification], None]
_CHAT_EVENTS = frozenset({EventType.CHAT_CONVERSATION_UPDATED, EventType.CHAT_MESSAGE_CREATED})
_DUE_SOON_SCAN = 500  # the soonest-due tickets looked at per check
_SEEN_ALERTS = 500  # vip.alert event ids remembered, so a replayed batch alerts once
_ANNOUNCED_S = 60.0  # how long a VIP alert's thread keeps its plain notification quiet


class NotificationCenter:
    def __init__(
        self,
        store: Store,
        me_id: int,
        session_start: datetime | None = None,
        *,
        supervisor: bool = False,
    ) -> None:
        self._store = store
        self._me_id = me_id
        self._supervisor = supervisor
        self.session_start = session_start or datetime.now(UTC)
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._due_soon_seen: set[int] | None = None  # None until the first (silent) check
        self._alerts_seen: dict[int, None] = {}  # vip.alert event ids, oldest first
        # ("ticket" | "chat", id) -> when a VIP alert announced a client message on it
        self._announced: dict[tuple[str, int], datetime] = {}

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def _emit(self, items: Sequence[Notification]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for note in items:
            for callback in listeners:
                try:
                    callback(note)
                except Exception:
                    log.exception("notification listener failed")

    def derive(self, events: Sequence[EventOut]) -> list[Notification]:
        """What these events (not yet applied) tell me. Reads the store: call off the GUI."""
        fresh = [e for e in events if e.created_at >= self.session_start]
        if not fresh:
            return []
        ids = {e.ticket_id for e in fresh if e.ticket_id is not None}
        known = self._store.tickets_by_id(sorted(ids))
        # Within a batch a ticket may change several times: compare with its previous state.
        assignee = {tid: t.assignee_id for tid, t in known.items()}
        subjects = {tid: t.subject for tid, t in known.items()}
        chats = self._chats_before(fresh)
        found: list[tuple[Notification, datetime]] = []
        for event in sorted(fresh, key=lambda e: e.id):
            try:
                if event.type in _CHAT_EVENTS:
                    note = self._chat(event, chats)
                elif event.type is EventType.VIP_ALERT:
                    note = self._vip_alert(event)
                else:
                    note = self._one(event, assignee, subjects)
            except ValidationError:
                continue  # the store logs and skips it
            if note is not None:
                found.append((note, event.created_at))
        return self._without_repeats(found)

    def _chats_before(self, events: Sequence[EventOut]) -> dict[int, ConversationOut]:
        ids: set[int] = set()
        for event in events:
            if event.type in _CHAT_EVENTS and isinstance(event.payload, dict):
                key = (
                    "id" if event.type is EventType.CHAT_CONVERSATION_UPDATED else "conversation_id"
                )
                if isinstance(event.payload.get(key), int):
                    ids.add(event.payload[key])
        return self._store.chats.conversations(sorted(ids)) if ids else {}

    def _chat(self, event: EventOut, chats: dict[int, ConversationOut]) -> Notification | None:
        """Within a batch a conversation may change several times: compare with the copy
        before this event (the store's, then the batch's own)."""
        me = self._me_id
        if event.type is EventType.CHAT_CONVERSATION_UPDATED:
            conversation = ConversationOut.model_validate(event.payload)
            before = chats.get(conversation.id)
            chats[conversation.id] = conversation
            offered = conversation.state == "offered" and conversation.offered_agent_id == me
            was_offered = (
                before is not None
                and before.state == "offered"
                and before.offered_agent_id == me
                and before.offered_at == conversation.offered_at
            )
            if offered and not was_offered:
                return Notification(
                    NotificationKind.CHAT_OFFERED,
                    0,
                    conversation.customer_name,
                    conversation.topic or "",
                    conversation_id=conversation.id,
                )
        else:
            message = ChatMessageOut.model_validate(event.payload)
            conversation_or_none = chats.get(message.conversation_id)
            if (
                message.sender == "customer"
                and conversation_or_none is not None
                and conversation_or_none.state == "active"
                and conversation_or_none.assigned_agent_id == me
            ):
                return Notification(
                    NotificationKind.CHAT_MESSAGE,
                    0,
                    conversation_or_none.customer_name,
                    message.body[:200],
                    conversation_id=message.conversation_id,
                )
        return None

    def _one(
        self, event: EventOut, assignee: dict[int, int | None], subjects: dict[int, str]
    ) -> Notification | None:
        me = self._me_id
        if event.type in (EventType.TICKET_CREATED, EventType.TICKET_UPDATED):
            ticket = TicketOut.model_validate(event.payload)
            before = assignee.get(ticket.id)
            assignee[ticket.id] = ticket.assignee_id
            subjects[ticket.id] = ticket.subject
            if ticket.assignee_id == me and before != me and ticket.status in OPEN_STATUSES:
                return Notification(NotificationKind.ASSIGNED, ticket.id, ticket.subject, "")
        elif event.type is EventType.MESSAGE_CREATED:
            message = MessageOut.model_validate(event.payload)
            if message.kind is MessageKind.CUSTOMER and assignee.get(message.ticket_id) == me:
                title = subjects.get(message.ticket_id, "")
                return Notification(
                    NotificationKind.CUSTOMER_REPLY, message.ticket_id, title, message.body[:200]
                )
        elif event.type is EventType.SLA_BREACHED:
            breach = SlaBreachOut.model_validate(event.payload)
            if breach.assignee_id == me:
                title = subjects.get(breach.ticket_id, "")
                return Notification(
                    NotificationKind.SLA_BREACHED, breach.ticket_id, title, str(breach.target)
                )
        elif event.type is EventType.KB_FLAG_CREATED:
            return self._kb_flagged(KbFlagOut.model_validate(event.payload))
        elif event.type is EventType.KB_REVISION_PROPOSED:
            revision = KbRevisionOut.model_validate(event.payload)
            if self._supervisor and revision.author_id != me:
                return Notification(
                    NotificationKind.KB_REVISION_PROPOSED,
                    0,
                    revision.article_title,
                    revision.note[:200],
                    article_id=revision.article_id,
                )
        return None

    def _kb_flagged(self, flag: KbFlagOut) -> Notification | None:
        if flag.agent_id == self._me_id:
            return None
        if not self._supervisor:
            article = self._store.kb.article(flag.article_id)
            if article is None or article.owner_id != self._me_id:
                return None
        return Notification(
            NotificationKind.KB_FLAGGED,
            0,
            flag.article_title,
            flag.comment[:200],
            article_id=flag.article_id,
        )

    # --- the VIP desk ----------------------------------------------------------------------------

    def _vip_alert(self, event: EventOut) -> Notification | None:
        """The server addresses a vip.alert to the client's manager and backup alone and its
        payload names no recipient, so there is nothing more to check here than that the same
        event is not announced twice (a batch replayed after a failed apply)."""
        with self._lock:
            if event.id in self._alerts_seen:
                return None
            self._alerts_seen[event.id] = None
            while len(self._alerts_seen) > _SEEN_ALERTS:
                del self._alerts_seen[next(iter(self._alerts_seen))]
        alert = VipAlertOut.model_validate(event.payload)
        kind = VIP_ALERT_KINDS.get(alert.kind)
        if kind is None:  # a kind added by a newer server: nothing worded for it yet
            return None
        ticket_id = alert.ticket_id
        if ticket_id is None and alert.conversation_id is None:
            ticket_id = self._clients_ticket(alert.client_uid)
        if kind == NotificationKind.VIP_MESSAGE:
            with self._lock:
                if alert.ticket_id is not None:
                    self._announced[("ticket", alert.ticket_id)] = event.created_at
                if alert.conversation_id is not None:
                    self._announced[("chat", alert.conversation_id)] = event.created_at
        return Notification(
            kind,
            ticket_id or 0,
            alert.client_name,
            alert.title,
            conversation_id=alert.conversation_id,
            client_uid=alert.client_uid,
            vip_tier=alert.tier,
        )

    def _clients_ticket(self, uid: str) -> int | None:
        """The client's newest open cached ticket (their newest ticket when none is open)."""
        tickets = self._store.customer_tickets(uid, 20)
        open_ones = [t for t in tickets if t.status in OPEN_STATUSES]
        chosen = (open_ones or tickets)[:1]
        return chosen[0].id if chosen else None

    def _without_repeats(self, found: list[tuple[Notification, datetime]]) -> list[Notification]:
        """Drop a plain customer-message notification for a thread a VIP alert announced (in
        this batch or lately): the manager hears the client once, with the VIP sound."""
        kept = []
        for note, at in found:
            if note.kind == NotificationKind.CUSTOMER_REPLY:
                key: tuple[str, int] | None = ("ticket", note.ticket_id)
            elif note.kind == NotificationKind.CHAT_MESSAGE and note.conversation_id is not None:
                key = ("chat", note.conversation_id)
            else:
                key = None
            with self._lock:
                announced = self._announced.get(key) if key is not None else None
            if announced is None or abs((at - announced).total_seconds()) > _ANNOUNCED_S:
                kept.append(note)
        if found:
            newest = max(at for _, at in found)
            with self._lock:  # forget announcements nothing can repeat any more
                self._announced = {
                    k: at
                    for k, at in self._announced.items()
                    if (newest - at).total_seconds() <= _ANNOUNCED_S
                }
        return kept

    def observe(self, events: Sequence[EventOut]) -> None:
        """Derive and deliver (the feed calls this before applying the events)."""
        self._emit(self.derive(events))

    def check_due_soon(self, now: datetime | None = None) -> list[Notification]:
        """Notify tickets of mine that entered due soon since the last check. The first check
        only records what is already due soon (that is not news at the start of a session)."""
        q = TicketQuery(
            view="due_soon", now=now, sort=TicketSort.SLA, descending=False, me_id=self._me_id
        )
        mine = [
            t
            for t in self._store.query_tickets(q, 0, _DUE_SOON_SCAN)
            if t.assignee_id == self._me_id
        ]
        current = {t.id for t in mine}
        seen = self._due_soon_seen
        self._due_soon_seen = current
        if seen is None:
            return []
        found = [
            Notification(NotificationKind.SLA_DUE_SOON, t.id, t.subject, "")
            for t in mine
            if t.id not in seen
        ]
        self._emit(found)
        return found
