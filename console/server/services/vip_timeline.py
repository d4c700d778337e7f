"""A VIP client's timeline on their page: contacts, tickets, chats, transfers, security events and
follow-ups done in the last 90 days, newest first."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_vip import VipTimelineEntry
from console.server.models import SecurityEvent, Ticket, Transfer
from console.server.models_chat import ChatConversation
from console.server.models_vip import VipContact, VipFollowUp

__all__ = ["MAX_TIMELINE", "TIMELINE_DAYS", "chat_title", "client_timeline"]

TIMELINE_DAYS = 90
MAX_TIMELINE = 300


def chat_title(topic: str | None) -> str:
    return f"Live chat: {topic}" if topic else "Live chat"


def _entry(
    at: datetime, kind: str, title: str, detail: str = "", ref: int | None = None
) -> VipTimelineEntry:
    return VipTimelineEntry(at=at, kind=kind, title=title, detail=detail, ref_id=ref)


def client_timeline(session: Session, uid: str, now: datetime) -> list[VipTimelineEntry]:
    """What happened with the client in the last 90 days, newest first."""
    since = now - timedelta(days=TIMELINE_DAYS)
    entries: list[VipTimelineEntry] = []
    for c in session.scalars(
        select(VipContact).where(VipContact.client_uid == uid, VipContact.at >= since)
    ):
        entries.append(_entry(c.at, "contact", f"{c.kind}: {c.outcome}", c.summary, c.id))
    for t in session.execute(
        select(Ticket.id, Ticket.subject, Ticket.status, Ticket.created_at).where(
            Ticket.customer_uid == uid, Ticket.created_at >= since
        )
    ):
        entries.append(_entry(t.created_at, "ticket", t.subject, t.status, t.id))
    for ch in session.execute(
        select(
            ChatConversation.id,
            ChatConversation.topic,
            ChatConversation.state,
            ChatConversation.created_at,
        ).where(ChatConversation.customer_uid == uid, ChatConversation.created_at >= since)
    ):
        entries.append(_entry(ch.created_at, "chat", chat_title(ch.topic), ch.state, ch.id))
    for tr in session.scalars(
        select(Transfer).where(Transfer.customer_uid == uid, Transfer.created_at >= since)
    ):
        title = f"{tr.amount.normalize():f} {tr.asset} ({tr.network})"
        entries.append(_entry(tr.created_at, tr.direction, title, tr.status, tr.id))
    for ev in session.scalars(
        select(SecurityEvent).where(
            SecurityEvent.customer_uid == uid, SecurityEvent.created_at >= since
        )
    ):
        entries.append(_entry(ev.created_at, "security", ev.kind, ev.detail, ev.id))
    for fu in session.scalars(
        select(VipFollowUp).where(VipFollowUp.client_uid == uid, VipFollowUp.done_at >= since)
    ):
        if fu.done_at is not None:
            entries.append(_entry(fu.done_at, "follow_up", fu.title, "done", fu.id))
    entries.sort(key=lambda e: (e.at, e.kind, e.ref_id or 0), reverse=True)
    return entries[:MAX_TIMELINE]
