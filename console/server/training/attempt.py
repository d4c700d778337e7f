"""A seat's attempt as the script and the scoring read it (core.training.record), built from the
training workspace's own rows: the messages of the seat's tickets and chat, and the audit log of
what the trainee did there.

Which rows belong to a seat: its customer's tickets (the mock ticket, a chat turned into a
ticket) and, for incident scenarios, the duplicates' tickets (their customers' UIDs extend the
seat customer's, see personas.py); its chat; actions on its customer. Only the trainee's own
acts count as agent steps, from the seat's start to its end. Times are seconds since the start.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.core.domain import MessageKind, TicketStatus
from console.core.training.model import Action
from console.core.training.record import AttemptRecord, Step
from console.server.models import Message, Ticket
from console.server.models_audit import AuditEntry
from console.server.models_chat import ChatConversation, ChatMessage
from console.server.models_kb import KbArticle
from console.server.models_training import TrainingSeat
from console.server.training.personas import turn_of

__all__ = ["SeatScope", "build_record", "chat_of", "kb_slugs_in", "seat_scope"]

AGENT, CUSTOMER = "agent", "customer"
_SOLVED = frozenset({str(TicketStatus.SOLVED), str(TicketStatus.CLOSED)})
# How the console puts an article into a text: the public help-centre link of a reply
# (".../help/<lang>/<slug>") or the colleagues' "kb:<slug>" link.
_ARTICLE_LINK = re.compile(
    r"(?:\bkb:|/help/[a-z]{2}(?:[_-][A-Za-z]+)?/)([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w-])"
)
# The note a chat-to-ticket conversion writes by itself: not something the trainee wrote.
_TRANSCRIPT_NOTE = "Chat transcript (live chat #"


@dataclass(frozen=True, slots=True)
class SeatScope:
    """The rows of one seat: its customer, tickets and chat."""

    trainee_id: int
    customer_uid: str
    own_tickets: frozenset[int]  # the customer's own (solving one solves the case)
    all_tickets: frozenset[int]  # with the incident duplicates
    conversation_id: int | None
    started_at: datetime
    until: datetime


def seat_scope(session: Session, seat: TrainingSeat, now: datetime) -> SeatScope | None:
    """None for a seat not started yet."""
    if seat.customer_uid is None or seat.started_at is None:
        return None
    uid = seat.customer_uid
    rows = session.execute(
        select(Ticket.id, Ticket.customer_uid).where(
            or_(Ticket.customer_uid == uid, Ticket.customer_uid.like(f"{uid}-d%"))
        )
    ).all()
    own = frozenset(ticket_id for ticket_id, owner in rows if owner == uid)
    return SeatScope(
        trainee_id=seat.trainee_id,
        customer_uid=uid,
        own_tickets=own,
        all_tickets=frozenset(ticket_id for ticket_id, _ in rows),
        conversation_id=seat.conversation_id,
        started_at=seat.started_at,
        until=seat.finished_at or now,
    )


def kb_slugs_in(text: str, known: Collection[str]) -> list[str]:
    """The articles a text links, in order, once each (any slug when `known` is empty)."""
    found: list[str] = []
    for match in _ARTICLE_LINK.finditer(text):
        slug = match.group(1)
        if (not known or slug in known) and slug not in found:
            found.append(slug)
    return found


class _Steps:
    """Steps collected with their time, sorted at the end (stable: same-instant steps keep the
    order they were added in, a reply before the article it links)."""

    def __init__(self, started_at: datetime) -> None:
        self._started = started_at
        self._items: list[tuple[float, int, Step]] = []

    def add(self, at: datetime, actor: str, action: str, text: str = "", turn: str = "") -> None:
        at_s = max(0.0, round((at - self._started).total_seconds(), 3))
        step = Step(at_s=at_s, actor=actor, action=action, text=text, turn_id=turn)
        self._items.append((at_s, len(self._items), step))

    def reply(self, at: datetime, text: str, slugs: Collection[str]) -> None:
        self.add(at, AGENT, Action.REPLY.value, text)
        for slug in kb_slugs_in(text, slugs):
            self.add(at, AGENT, f"{Action.KB_ARTICLE.value}:{slug}")

    def sorted(self) -> list[Step]:
        return [step for _, _, step in sorted(self._items, key=lambda item: item[:2])]


def _ticket_messages(session: Session, scope: SeatScope, steps: _Steps, slugs: set[str]) -> None:
    if not scope.all_tickets:
        return
    rows = session.scalars(
        select(Message)
        .where(Message.ticket_id.in_(sorted(scope.all_tickets)), Message.created_at <= scope.until)
        .order_by(Message.created_at, Message.id)
    )
    for m in rows:
        if m.kind == MessageKind.CUSTOMER:
            turn = turn_of(m.client_id)
            if turn is not None:  # the script's customer; the duplicates' openings are not
                steps.add(m.created_at, CUSTOMER, CUSTOMER, m.body, turn)
        elif m.author_agent_id != scope.trainee_id or m.created_at < scope.started_at:
            continue
        elif m.kind == MessageKind.REPLY:
            steps.reply(m.created_at, m.body, slugs)
        elif m.kind == MessageKind.NOTE and not m.body.startswith(_TRANSCRIPT_NOTE):
            steps.add(m.created_at, AGENT, Action.NOTE.value, m.body)


def _chat_messages(session: Session, scope: SeatScope, steps: _Steps, slugs: set[str]) -> None:
    if scope.conversation_id is None:
        return
    rows = session.scalars(
        select(ChatMessage)
        .where(
            ChatMessage.conversation_id == scope.conversation_id,
            ChatMessage.created_at <= scope.until,
        )
        .order_by(ChatMessage.seq)
    )
    for m in rows:
        if m.sender == "customer":
            turn = turn_of(m.client_id)
            if turn is not None:
                steps.add(m.created_at, CUSTOMER, CUSTOMER, m.body, turn)
        elif m.sender == "agent" and m.agent_id == scope.trainee_id:
            steps.reply(m.created_at, m.body, slugs)


def _in(value: Any, ids: frozenset[int]) -> bool:
    return isinstance(value, int) and value in ids


def _ticket_change(row: AuditEntry, scope: SeatScope) -> list[str]:
    if not _in(row.ticket_id, scope.own_tickets):
        return []
    found: list[str] = []
    status = row.detail.get("status")
    if isinstance(status, list) and len(status) == 2:
        if status[1] in _SOLVED and status[0] not in _SOLVED:
            found.append(Action.SOLVE.value)
        elif status[1] == TicketStatus.PENDING:
            found.append(Action.PENDING.value)
    priority = row.detail.get("priority")
    if isinstance(priority, list) and len(priority) == 2:
        found.append(f"{Action.SET_PRIORITY.value}:{priority[1]}")
    return found


def _is_seat_chat(row: AuditEntry, scope: SeatScope) -> bool:
    return (
        scope.conversation_id is not None
        and row.target_kind == "chat"
        and row.target_id == str(scope.conversation_id)
    )


def _audit_actions(row: AuditEntry, scope: SeatScope) -> list[str]:
    """The record's actions for one audit entry of the trainee (none when it is not the seat's)."""
    detail = row.detail or {}
    action = row.action
    if action == "ticket.updated":
        return _ticket_change(row, scope)
    if action == "ticket.merged":
        into = detail.get("into_id")
        return (
            [Action.MERGE.value]
            if _in(row.ticket_id, scope.all_tickets) or _in(into, scope.all_tickets)
            else []
        )
    if action == "ticket.linked":
        # Other customers' duplicates cannot be merged (a merge keeps one customer's tickets),
        # so gathering them onto the incident's ticket by a link is the same act.
        both = _in(row.ticket_id, scope.all_tickets) and _in(
            detail.get("other_id"), scope.all_tickets
        )
        return [Action.MERGE.value] if both else []
    if action == "chat.ended":
        return [Action.SOLVE.value] if _is_seat_chat(row, scope) else []
    if action == "escalation.created":
        if not _in(row.ticket_id, scope.all_tickets):
            return []
        return [f"{Action.ESCALATE.value}:{detail.get('department', '')}".rstrip(":")]
    if action in ("account.freeze", "account.unfreeze"):
        if row.customer_uid != scope.customer_uid:
            return []
        kind = Action.FREEZE_ACCOUNT if action == "account.freeze" else Action.UNFREEZE_ACCOUNT
        return [kind.value]
    if action == "identity.verified":
        return [Action.VERIFY_IDENTITY.value] if row.customer_uid == scope.customer_uid else []
    if action == "aml.report.filed":
        ours = detail.get("customer_uid") == scope.customer_uid or _in(
            detail.get("ticket_id"), scope.all_tickets
        )
        return [Action.AML_REPORT.value] if ours else []
    if action == "guard.blocked":
        if not (_in(row.ticket_id, scope.all_tickets) or _is_seat_chat(row, scope)):
            return []
        kinds = [str(k) for k in detail.get("categories", ()) if k] or [""]
        return [f"{Action.GUARD_BLOCKED.value}:{k}".rstrip(":") for k in kinds]
    return []


def _audited(session: Session, scope: SeatScope, steps: _Steps) -> None:
    rows = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.actor_id == scope.trainee_id,
            AuditEntry.at >= scope.started_at,
            AuditEntry.at <= scope.until,
        )
        .order_by(AuditEntry.id)
    )
    for row in rows:
        for action in _audit_actions(row, scope):
            steps.add(row.at, AGENT, action)


def _known_slugs(session: Session) -> set[str]:
    return set(session.scalars(select(KbArticle.slug)))


def build_record(
    session: Session,
    seat: TrainingSeat,
    language: str,
    now: datetime,
    *,
    finished: bool = False,
    slugs: Iterable[str] | None = None,
) -> AttemptRecord:
    """The attempt so far (or, with `finished`, as it ended)."""
    scope = seat_scope(session, seat, now)
    if scope is None:
        return AttemptRecord(language=language, finished=finished)
    known = set(slugs) if slugs is not None else _known_slugs(session)
    steps = _Steps(scope.started_at)
    _ticket_messages(session, scope, steps, known)
    _chat_messages(session, scope, steps, known)
    _audited(session, scope, steps)
    elapsed = max(0.0, (scope.until - scope.started_at).total_seconds())
    return AttemptRecord(
        language=language, steps=steps.sorted(), elapsed_s=round(elapsed, 3), finished=finished
    )


def chat_of(session: Session, seat: TrainingSeat) -> ChatConversation | None:
    if seat.conversation_id is None:
        return None
    return session.get(ChatConversation, seat.conversation_id)
