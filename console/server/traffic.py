"""The customer simulator: demo customers open tickets and write follow-ups while the app runs.

Actions go through the same service functions as the HTTP routes, so every change emits the
same events an agent's console receives.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import datetime, timedelta

import anyio.to_thread
from sqlalchemy import select

from console.api.schemas import MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS, TicketCreate
from console.core.domain import Department, MessageKind
from console.core.vip import OutreachStatus
from console.core.waiting import wait_set
from console.server.clock import utcnow
from console.server.db import Database
from console.server.demo import generate_demo
from console.server.demo.account_activity import run_account_activity
from console.server.demo.department_answers import department_answer
from console.server.demo.model import DemoTicket
from console.server.demo.simulator import CustomerFollowUp, CustomerTraffic, NewTicket
from console.server.errors import ApiError
from console.server.models import Customer, Ticket
from console.server.models_collab import Escalation
from console.server.models_vip import VipOutreachRecipient
from console.server.runtime import Runtime
from console.server.services import escalations, messages, tickets

log = logging.getLogger("console.server")
# A VIP client answers an outreach no sooner than this after it arrived.
OUTREACH_ANSWER_AFTER_S = 20.0


def open_ticket(db: Database, demo: DemoTicket) -> int | None:
    """Creates the ticket of a NewTicket action; returns its id, None if it cannot apply."""
    first = next((m for m in demo.messages if m.kind == MessageKind.CUSTOMER), None)
    if first is None:
        return None
    data = TicketCreate(
        subject=demo.subject[:MAX_SUBJECT_CHARS],
        body=first.body[:MAX_MESSAGE_CHARS],
        customer_uid=demo.customer_uid,
        channel=demo.channel,
        category=demo.category,
        language=demo.language,
        priority=demo.priority,
    )
    with db.write() as session:
        if session.get(Customer, demo.customer_uid) is None:
            log.warning("simulated ticket for unknown customer %s skipped", demo.customer_uid)
            return None
        return tickets.create_ticket(session, data).id


def follow_up(db: Database, action: CustomerFollowUp) -> int | None:
    """The customer writes again on their ticket, found by customer and subject."""
    with db.write() as session:
        ticket_id = session.scalar(
            select(Ticket.id)
            .where(
                Ticket.customer_uid == action.customer_uid,
                Ticket.subject == action.ticket_subject[:MAX_SUBJECT_CHARS],
            )
            .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
            .limit(1)
        )
        if ticket_id is None:
            return None
        messages.add_customer_message(session, ticket_id, action.body[:MAX_MESSAGE_CHARS])
        return ticket_id


def answers_outreach(ticket_id: int) -> bool:
    """Whether this client ever answers: about two in three, the same for a ticket every run."""
    return random.Random(ticket_id).random() < 2 / 3


def awaiting_outreach(db: Database, now: datetime) -> tuple[int, str] | None:
    """(ticket, language) of the longest unanswered outreach, delivered a while ago, to a
    client who answers; None when there is none."""
    cutoff = now - timedelta(seconds=OUTREACH_ANSWER_AFTER_S)
    with db.read() as session:
        rows = session.execute(
            select(VipOutreachRecipient.ticket_id, VipOutreachRecipient.language)
            .where(
                VipOutreachRecipient.status == str(OutreachStatus.DELIVERED),
                VipOutreachRecipient.ticket_id.is_not(None),
                VipOutreachRecipient.delivered_at < cutoff,
            )
            .order_by(VipOutreachRecipient.delivered_at, VipOutreachRecipient.id)
            .limit(100)
        ).all()
    return next(((t, lang) for t, lang in rows if t is not None and answers_outreach(t)), None)


def answer_outreach(db: Database, ticket_id: int, body: str) -> int:
    """The client answers on the outreach ticket, as any customer writes on a ticket."""
    with db.write() as session:
        messages.add_customer_message(session, ticket_id, body[:MAX_MESSAGE_CHARS])
    return ticket_id


def apply_action(db: Database, action: NewTicket | CustomerFollowUp) -> int | None:
    """Applies one CustomerTraffic action; returns the ticket it touched."""
    if isinstance(action, NewTicket):
        return open_ticket(db, action.ticket)
    return follow_up(db, action)


def answer_escalations(db: Database, after_s: float, rng: random.Random) -> list[int]:
    """The departments answer every open escalation that has waited long enough; returns the
    ids answered. Each answer is its own transaction, in the ticket's language."""
    with db.read() as session:
        due = escalations.due_for_answer(session, utcnow(), after_s)
    answered = []
    for escalation_id, ticket_id in due:
        with db.write() as session:
            row = session.get(Escalation, escalation_id)
            ticket = session.get(Ticket, ticket_id)
            if row is None or ticket is None:
                continue
            text, team = department_answer(Department(row.department), ticket.language, rng)
            if escalations.department_answer(session, escalation_id, text, team) is not None:
                answered.append(escalation_id)
    return answered


async def run_departments(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: the simulated departments look for escalations to answer."""
    after_s = runtime.settings.department_answer_s
    poll_s = min(5.0, max(0.05, after_s / 4))
    rng = random.Random()
    while not stop.is_set():
        await wait_set(stop, poll_s)
        if stop.is_set():
            return
        try:
            await anyio.to_thread.run_sync(answer_escalations, runtime.db, after_s, rng)
        except Exception:
            log.exception("simulated department answer failed")


async def run_traffic(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: every simulate_interval_s (with jitter) one customer action, and the
    departments answering escalations."""
    helpers = [
        asyncio.create_task(run_departments(runtime, stop), name="departments"),
        asyncio.create_task(run_account_activity(runtime, stop), name="vip-account-activity"),
    ]
    try:
        await _run_customers(runtime, stop)
    finally:
        if not stop.is_set():
            for task in helpers:
                task.cancel()
        await asyncio.gather(*helpers, return_exceptions=True)


async def _run_customers(runtime: Runtime, stop: asyncio.Event) -> None:
    """Every simulate_interval_s (with jitter) one customer action."""
    settings = runtime.settings
    workspace = runtime.demo
    if workspace is None:
        workspace = await anyio.to_thread.run_sync(
            lambda: generate_demo(seed=settings.demo_seed, tickets=settings.demo_tickets)
        )
    rng = random.Random()
    # A fresh seed per run: a restarted server must not replay the same customers' actions.
    traffic = CustomerTraffic(workspace, seed=rng.randrange(2**31))
    interval = runtime.settings.simulate_interval_s
    while not stop.is_set():
        # Jitter keeps the traffic from looking like a metronome.
        delay = interval * rng.uniform(0.5, 1.5)
        await wait_set(stop, delay)
        if stop.is_set():
            return
        try:
            awaiting = await anyio.to_thread.run_sync(awaiting_outreach, runtime.db, utcnow())
            if awaiting is not None and traffic.answers_outreach():
                ticket_id, language = awaiting
                answer = traffic.outreach_answer(language)
                await anyio.to_thread.run_sync(answer_outreach, runtime.db, ticket_id, answer)
                continue
            action = traffic.next_action(utcnow())
            await anyio.to_thread.run_sync(apply_action, runtime.db, action)
        except ApiError as exc:
            log.warning("simulated action refused: %s", exc.message)
        except Exception:
            log.exception("simulated action failed")
