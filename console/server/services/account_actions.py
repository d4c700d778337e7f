"""Sensitive account actions behind the identity gate, each in the caller's one transaction.

An action names the ticket or chat where the customer was verified; it is refused with 409
`verification_required` (details: what is missing, see core.identity.Shortfall) unless that
ticket's or chat's records cover the action now. What each kind does:

- freeze (the emergency freeze): the account is frozen, the security department gets an
  escalation on the ticket, the customer is told in their language (in the chat while it is
  live, else as a reply on the ticket), and every console hears of it (customer.updated,
  escalation.created, message events). A chat without a ticket becomes one first (the usual
  chat-to-ticket conversion): escalations live on tickets, and the security team needs the
  transcript. Freezing a frozen account changes nothing and says so (`already`).
- unfreeze: the account is active again.
- reset_2fa: recorded, with a 2FA security event on the customer.
- change_email: the registered email is replaced (consoles see the new masked address).
- whitelist_address: the address is recorded in the action's params.
- investigate_withdrawal: the finance department gets an escalation about the transfer.

Every action is recorded in account_actions and the audit log; refusals are audited by the
route, in a transaction of their own, since this one is rolled back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut, EscalationCreate, MessageCreate
from console.api.schemas_identity import AccountActionCreate, AccountActionOut
from console.core.domain import (
    AccountStatus,
    Department,
    EventType,
    MessageKind,
    Role,
    SecurityEventKind,
)
from console.core.identity import ActionKind, missing_checks
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models import Customer, Ticket, Transfer
from console.server.models_chat import ChatConversation
from console.server.models_identity import AccountAction
from console.server.services import audit, chat_convert, events, identity, messages, vip_watch
from console.server.services.chat_records import append, load_conversation, touch
from console.server.services.escalations import create_escalation
from console.server.services.identity_notices import freeze_escalation_note, freeze_notice
from console.server.services.serialize import customer_out, mask_email
from console.server.services.tickets import load_ticket

__all__ = ["list_actions", "perform"]

MAX_LISTED = 50
_Result = tuple[int | None, bool]  # (escalation id, customer told)


class _Context:
    """Where the action is asked from: a ticket, or a chat (and its ticket once it has one)."""

    def __init__(self, ticket: Ticket | None, conv: ChatConversation | None) -> None:
        self.ticket = ticket
        self.conv = conv

    @property
    def where(self) -> str:
        if self.conv is not None:
            return f"live chat #{self.conv.id}"
        assert self.ticket is not None
        return f"ticket #{self.ticket.id}"

    @property
    def language(self) -> str:
        if self.ticket is not None:
            return self.ticket.language
        assert self.conv is not None
        return self.conv.language

    def ensure_ticket(self, session: Session, actor: AgentOut) -> Ticket:
        if self.ticket is None:
            assert self.conv is not None
            if self.conv.ticket_id is not None:
                ticket_id = self.conv.ticket_id
            else:
                ticket_id = chat_convert.convert(session, actor, self.conv.id).id
            self.ticket = load_ticket(session, ticket_id, for_update=True)
        return self.ticket


def _mismatch(where: str) -> ApiError:
    return ApiError(
        422,
        "customer_mismatch",
        f"This {where} belongs to another customer: act from the customer's own ticket or chat.",
    )


def _context(session: Session, actor: AgentOut, uid: str, data: AccountActionCreate) -> _Context:
    if data.ticket_id is not None:
        ticket = load_ticket(session, data.ticket_id, for_update=True)
        if ticket.customer_uid != uid:
            raise _mismatch("ticket")
        return _Context(ticket, None)
    assert data.conversation_id is not None
    conv = load_conversation(session, data.conversation_id, for_update=True)
    if identity.chat_customer(conv) != uid:
        raise _mismatch("chat")
    if conv.assigned_agent_id != actor.id and actor.role != Role.SUPERVISOR:
        raise ApiError(
            409, "conflict", "Only the agent of the chat (or a supervisor) can act from it."
        )
    return _Context(None, conv)


def _load_customer(session: Session, uid: str) -> Customer:
    query = select(Customer).where(Customer.uid == uid)
    if session.get_bind().dialect.name != "sqlite":  # SQLite writers already take turns
        query = query.with_for_update()
    customer = session.scalar(query)
    if customer is None:
        raise not_found("Customer")
    return customer


def _set_status(session: Session, customer: Customer, status: AccountStatus) -> None:
    customer.account_status = str(status)
    session.flush()
    events.emit(session, EventType.CUSTOMER_UPDATED, None, customer_out(customer))


def _tell_customer(session: Session, actor: AgentOut, ctx: _Context, text: str) -> None:
    conv = ctx.conv
    if conv is not None and conv.state == "active":  # they are in the chat right now
        append(session, conv, "agent", text, author_name=actor.display_name, agent_id=actor.id)
        touch(session, conv, private=True)
        return
    ticket = ctx.ensure_ticket(session, actor)
    messages.add_agent_message(
        session, actor, ticket.id, MessageCreate(kind=MessageKind.REPLY, body=text)
    )


def _last_escalation(session: Session, uid: str, kind: ActionKind) -> int | None:
    return session.scalar(
        select(AccountAction.escalation_id)
        .where(
            AccountAction.customer_uid == uid,
            AccountAction.kind == str(kind),
            AccountAction.escalation_id.is_not(None),
        )
        .order_by(AccountAction.id.desc())
        .limit(1)
    )


def _freeze(
    session: Session,
    actor: AgentOut,
    customer: Customer,
    ctx: _Context,
    reason: str,
    checks: list[str],
) -> _Result:
    _set_status(session, customer, AccountStatus.FROZEN)
    ticket = ctx.ensure_ticket(session, actor)
    note = freeze_escalation_note(customer.uid, actor.display_name, ctx.where, reason, checks)
    escalation = create_escalation(
        session, actor, ticket.id, EscalationCreate(department=Department.SECURITY, note=note)
    )
    _tell_customer(session, actor, ctx, freeze_notice(ctx.language, ticket.id))
    return escalation.id, True


def _investigate(
    session: Session,
    actor: AgentOut,
    customer: Customer,
    ctx: _Context,
    reason: str,
    params: dict[str, Any],
) -> _Result:
    what = params.get("tx_hash") or "the withdrawal the customer described"
    transfer_id = params.get("transfer_id")
    if transfer_id is not None:
        transfer = session.get(Transfer, int(transfer_id))
        if transfer is None or transfer.customer_uid != customer.uid:
            raise ApiError(422, "invalid_request", "No such transfer of this customer.")
        what = (
            f"transfer #{transfer.id}: {transfer.direction} {transfer.amount} {transfer.asset} "
            f"({transfer.network}) to {transfer.address}, status {transfer.status}"
            + (f", tx {transfer.tx_hash}" if transfer.tx_hash else "")
        )
    ticket = ctx.ensure_ticket(session, actor)
    note = (
        f"Please investigate {what} of customer {customer.uid} ({ctx.where}, identity verified).\n"
        f"Reason given: {reason}"
    )
    escalation = create_escalation(
        session, actor, ticket.id, EscalationCreate(department=Department.FINANCE, note=note)
    )
    return escalation.id, False


def perform(
    session: Session, actor: AgentOut, uid: str, data: AccountActionCreate
) -> AccountActionOut:
    customer = _load_customer(session, uid)
    ctx = _context(session, actor, uid, data)
    now = utcnow()
    passed = identity.passes(
        session, uid, ticket_id=data.ticket_id, conversation_id=data.conversation_id
    )
    shortfall = missing_checks(data.kind, passed, now)
    if shortfall:
        raise ApiError(
            409,
            "verification_required",
            f"Verify the customer's identity on this {'ticket' if ctx.conv is None else 'chat'} "
            f"first: {data.kind} needs more checks.",
            shortfall.as_dict(),
        )
    reason = redact_secrets(data.reason).text.strip()
    params: dict[str, Any] = dict(data.params)
    checks = sorted(str(c) for c in passed)
    status = AccountStatus(customer.account_status)
    escalation_id: int | None = None
    notified = already = False
    kind = data.kind
    if kind is ActionKind.FREEZE:
        already = status is AccountStatus.FROZEN
        if already:
            escalation_id = _last_escalation(session, uid, kind)
        else:
            escalation_id, notified = _freeze(session, actor, customer, ctx, reason, checks)
    elif kind is ActionKind.UNFREEZE:
        already = status is AccountStatus.ACTIVE
        if not already:
            _set_status(session, customer, AccountStatus.ACTIVE)
    elif kind is ActionKind.RESET_2FA:
        detail = f"2FA reset by support ({actor.display_name}, {ctx.where})"
        _security_event(session, uid, SecurityEventKind.TWO_FA_CHANGED, detail, now)
    elif kind is ActionKind.CHANGE_EMAIL:
        # The history keeps masked addresses only: the customers table holds the real one.
        new_email = params.pop("new_email")
        params = {"previous_email": mask_email(customer.email), "new_email": mask_email(new_email)}
        customer.email = new_email
        detail = f"Email changed by support ({actor.display_name}, {ctx.where})"
        _security_event(session, uid, SecurityEventKind.EMAIL_CHANGED, detail, now)
        _set_status(session, customer, status)  # consoles show the new masked address
    elif kind is ActionKind.INVESTIGATE_WITHDRAWAL:
        escalation_id, _ = _investigate(session, actor, customer, ctx, reason, params)
    elif kind is ActionKind.WHITELIST_ADDRESS:
        # The address and network are the record (params); the security history says so too,
        # as a new withdrawal address is what an account takeover adds first.
        detail = f"Withdrawal address whitelisted by support ({actor.display_name}, {ctx.where})"
        _security_event(session, uid, SecurityEventKind.ADDRESS_WHITELISTED, detail, now)
    return _record(
        session, actor, customer, data, ctx, reason, params, escalation_id, notified, already
    )


def _security_event(
    session: Session, uid: str, kind: SecurityEventKind, detail: str, now: datetime
) -> None:
    vip_watch.record_security_event(session, uid, kind, detail, now)


def _record(
    session: Session,
    actor: AgentOut,
    customer: Customer,
    data: AccountActionCreate,
    ctx: _Context,
    reason: str,
    params: dict[str, Any],
    escalation_id: int | None,
    notified: bool,
    already: bool,
) -> AccountActionOut:
    ticket_id = ctx.ticket.id if ctx.ticket is not None else None
    if ticket_id is None and ctx.conv is not None:
        ticket_id = ctx.conv.ticket_id
    row = AccountAction(
        kind=str(data.kind),
        customer_uid=customer.uid,
        ticket_id=ticket_id,
        conversation_id=data.conversation_id,
        reason=reason,
        params=params,
        agent_id=actor.id,
        agent_name=actor.display_name,
        created_at=utcnow(),
        account_status=customer.account_status,
        escalation_id=escalation_id,
        customer_notified=notified,
        already=already,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        f"account.{data.kind}",
        "customer",
        customer.uid,
        ticket_id=ticket_id,
        detail={
            "action_id": row.id,
            "reason": reason,
            "params": params,
            "conversation_id": data.conversation_id,
            "escalation_id": escalation_id,
            "customer_notified": notified,
            "already": already,
        },
    )
    return AccountActionOut.model_validate(row)


def list_actions(session: Session, uid: str) -> list[AccountActionOut]:
    if session.get(Customer, uid) is None:
        raise not_found("Customer")
    rows = session.scalars(
        select(AccountAction)
        .where(AccountAction.customer_uid == uid)
        .order_by(AccountAction.id.desc())
        .limit(MAX_LISTED)
    )
    return [AccountActionOut.model_validate(r) for r in rows]
