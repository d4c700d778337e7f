"""Outreach as recorded: each client's status, who may read an outreach, and the client's reply
that marks theirs REPLIED. Sending is vip_outreach_send.py.

An outreach is its author's: a VIP manager reads their own, a supervisor every one. Every change
is a `vip.outreach.updated` event (OutreachOut) for the author alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, MessageOut
from console.api.schemas_vip import OutreachOut, OutreachRecipientOut
from console.core.domain import EventType, Role
from console.core.vip import OutreachStatus
from console.server.errors import ApiError, not_found
from console.server.models import Agent, Customer
from console.server.models_vip import VipOutreach, VipOutreachRecipient
from console.server.services import events
from console.server.services.ticket_query import MAX_ID

__all__ = [
    "MAX_LIST",
    "announce",
    "customer_replied",
    "get_outreach",
    "list_outreach",
    "outreach_out",
]

MAX_LIST = 500


def outreach_outs(session: Session, rows: Sequence[VipOutreach]) -> list[OutreachOut]:
    """Outreach with recipients, names looked up in one query each."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    recipients: dict[int, list[VipOutreachRecipient]] = {i: [] for i in ids}
    for rec in session.scalars(
        select(VipOutreachRecipient)
        .where(VipOutreachRecipient.outreach_id.in_(ids))
        .order_by(VipOutreachRecipient.id)
    ):
        recipients[rec.outreach_id].append(rec)
    uids = {rec.client_uid for recs in recipients.values() for rec in recs}
    names = dict(
        session.execute(
            select(Customer.uid, Customer.display_name).where(Customer.uid.in_(sorted(uids)))
        ).all()
    )
    authors = dict(
        session.execute(
            select(Agent.id, Agent.display_name).where(
                Agent.id.in_(sorted({r.created_by for r in rows}))
            )
        ).all()
    )
    return [
        OutreachOut(
            id=row.id,
            subject=row.subject,
            created_by=row.created_by,
            created_by_name=authors.get(row.created_by, ""),
            created_at=row.created_at,
            recipients=[
                OutreachRecipientOut(
                    client_uid=rec.client_uid,
                    client_name=names.get(rec.client_uid, rec.client_uid),
                    language=rec.language,
                    status=OutreachStatus(rec.status),
                    ticket_id=rec.ticket_id,
                    delivered_at=rec.delivered_at,
                    replied_at=rec.replied_at,
                    reply_message_id=rec.reply_message_id,
                )
                for rec in recipients[row.id]
            ],
        )
        for row in rows
    ]


def outreach_out(session: Session, row: VipOutreach) -> OutreachOut:
    return outreach_outs(session, [row])[0]


def announce(session: Session, row: VipOutreach) -> OutreachOut:
    """vip.outreach.updated for the author's consoles."""
    out = outreach_out(session, row)
    events.emit(session, EventType.VIP_OUTREACH_UPDATED, None, out, audience=row.created_by)
    return out


def list_outreach(session: Session, actor: AgentOut, limit: int = 100) -> list[OutreachOut]:
    """The caller's outreach, newest first; a supervisor's list holds everyone's."""
    query = select(VipOutreach)
    if actor.role != Role.SUPERVISOR:
        query = query.where(VipOutreach.created_by == actor.id)
    rows = session.scalars(
        query.order_by(VipOutreach.created_at.desc(), VipOutreach.id.desc()).limit(limit)
    ).all()
    return outreach_outs(session, rows)


def get_outreach(session: Session, actor: AgentOut, outreach_id: int) -> OutreachOut:
    row = session.get(VipOutreach, outreach_id) if 0 < outreach_id <= MAX_ID else None
    if row is None:
        raise not_found("Outreach")
    if row.created_by != actor.id and actor.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden", "An outreach is read by its author or a supervisor.")
    return outreach_out(session, row)


def customer_replied(
    session: Session, ticket_id: int, message: MessageOut, now: datetime | None = None
) -> bool:
    """The client's first answer on an outreach ticket marks their recipient REPLIED, linked to
    the message, and tells the author. Later answers change nothing. True if it marked one."""
    rec = session.scalar(
        select(VipOutreachRecipient).where(
            VipOutreachRecipient.ticket_id == ticket_id,
            VipOutreachRecipient.status == str(OutreachStatus.DELIVERED),
        )
    )
    if rec is None:
        return False
    rec.status = str(OutreachStatus.REPLIED)
    rec.replied_at = now or message.created_at
    rec.reply_message_id = message.id
    session.flush()
    row = session.get(VipOutreach, rec.outreach_id)
    if row is not None:
        announce(session, row)
    return True
