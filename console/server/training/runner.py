"""The simulated customers of the training workspace. Every settings.training_tick_s, for each
running seat: what the trainee did so far is read back (attempt.py), the customer's scripted
turns that are due are written on the ticket or in the chat (core.training.script), the live
score is refreshed for the trainer, and the seat is finished and scored for good when the
trainee solved the ticket or ended the chat (after a short grace, so a last "thank you" turn
can still arrive) or when the time limit passed. The trainee's next seat then starts; a session
whose seats are all finished ends by itself.

One seat that fails is logged and skipped: the others go on.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import anyio.to_thread
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas_chat import CustomerMessageCreate
from console.core.training.matching import action_matches
from console.core.training.model import Action, Scenario, Turn
from console.core.training.record import AttemptRecord
from console.core.training.script import due_turns
from console.core.waiting import wait_done
from console.server.clock import utcnow
from console.server.models import Message, Ticket
from console.server.models_chat import ChatConversation
from console.server.models_training import TrainingSeat, TrainingSession
from console.server.runtime import Runtime
from console.server.services import chat_conversations, messages
from console.server.services.chat_context import ChatContext, chat_context
from console.server.services.chat_records import touch
from console.server.training import busy, seats
from console.server.training.attempt import build_record
from console.server.training.personas import turn_client_id

__all__ = ["SOLVE_GRACE_TICKS", "run_training", "start_next", "tick"]

log = logging.getLogger("console.server")

# Ticks between the trainee solving (or ending the chat) and the seat finishing.
SOLVE_GRACE_TICKS = 3


@dataclass
class _Look:
    """What one read of a running seat found to do."""

    turns: list[Turn] = field(default_factory=list)
    sends_before: dict[str, int] = field(default_factory=dict)
    finish: bool = False
    report: dict[str, Any] | None = None  # a changed live report
    repin: bool = False

    def __bool__(self) -> bool:
        return bool(self.turns) or self.finish or self.report is not None or self.repin


def _chat_astray(conv: ChatConversation | None, trainee_id: int) -> bool:
    """The trainee's chat went back to the queue (they went offline) or to someone else."""
    if conv is None or conv.state == "ended":
        return False
    return conv.state != "active" or conv.assigned_agent_id != trainee_id


def _should_finish(
    scenario: Scenario, record: AttemptRecord, due: list[Turn], grace_s: float
) -> bool:
    if record.elapsed_s >= scenario.time_limit_s:
        return True
    solves = [
        step.at_s
        for step in record.steps
        if step.actor == "agent" and action_matches(Action.SOLVE.value, step.action)
    ]
    return bool(solves) and not due and record.elapsed_s - solves[-1] >= grace_s


def _look(
    session: Session, seat: TrainingSeat, language: str, now: datetime, grace_s: float
) -> _Look:
    scenario = seats.scenario_of(seat)
    record = build_record(session, seat, language, now)
    conv = session.get(ChatConversation, seat.conversation_id) if seat.conversation_id else None
    due = due_turns(scenario, record)
    if conv is not None and conv.state == "ended":
        due = []  # nobody writes in an ended chat
    look = _Look(turns=due, repin=_chat_astray(conv, seat.trainee_id))
    look.sends_before = {
        turn.id: sum(1 for s in record.steps if s.actor == "customer" and s.turn_id == turn.id)
        for turn in due
    }
    look.finish = _should_finish(scenario, record, due, grace_s)
    if not look.finish:
        stored = seats.score_now(session, seat, language, now, record=record)
        if stored != seat.report:
            look.report = stored
    return look


def _repin(session: Session, conv: ChatConversation, trainee_id: int, now: datetime) -> None:
    conv.state = "active"
    conv.assigned_agent_id = trainee_id
    conv.offered_agent_id = None
    conv.offered_at = None
    conv.agent_typing_until = None
    touch(session, conv, now)


def _chat_ended(session: Session, seat: TrainingSeat) -> bool:
    if seat.conversation_id is None:
        return False
    conv = session.get(ChatConversation, seat.conversation_id)
    return conv is None or conv.state == "ended"


def _ticket_now(session: Session, ticket_id: int) -> int:
    """The ticket a message of this one goes to: its merge target, if it was merged."""
    seen: set[int] = set()
    ticket = session.get(Ticket, ticket_id)
    while ticket is not None and ticket.merged_into_id is not None and ticket.id not in seen:
        seen.add(ticket.id)
        ticket = session.get(Ticket, ticket.merged_into_id)
    return ticket.id if ticket is not None else ticket_id


def _send(
    session: Session,
    ctx: ChatContext,
    seat: TrainingSeat,
    text: str,
    client_id: str,
) -> None:
    if seat.conversation_id is not None:
        data = CustomerMessageCreate(body=text, client_id=client_id)
        chat_conversations.customer_message(session, ctx, seat.conversation_id, data)
        return
    assert seat.ticket_id is not None
    out = messages.add_customer_message(session, _ticket_now(session, seat.ticket_id), text)
    row = session.get(Message, out.id)
    assert row is not None
    row.client_id = client_id  # which turn it was: the script reads it back


def _apply(
    session: Session,
    ctx: ChatContext,
    seat: TrainingSeat,
    language: str,
    look: _Look,
    now: datetime,
) -> None:
    if look.repin and seat.conversation_id is not None:
        conv = session.get(ChatConversation, seat.conversation_id)
        if conv is not None and _chat_astray(conv, seat.trainee_id):
            _repin(session, conv, seat.trainee_id, now)
    for turn in look.turns:
        if _chat_ended(session, seat):  # ended since the look: nobody writes there any more
            break
        text = (turn.say.get(language) or next(iter(turn.say.values()), "")).strip()
        _send(session, ctx, seat, text, turn_client_id(turn.id, look.sends_before.get(turn.id, 0)))
    if look.finish:
        seats.finish(session, seat, language, now)
    elif look.report is not None:
        seats.refresh_score(seat, look.report)


def start_next(runtime: Runtime, session_id: int, trainee_id: int) -> None:
    """Starts the trainee's next waiting seat; ends the session when none is left anywhere.
    A seat that cannot start (its scenario broke) is finished unscored and the next tried."""
    busy.forget(runtime)
    while True:
        now = utcnow()
        try:
            with runtime.db.write() as session:
                training = session.get(TrainingSession, session_id)
                if training is None:
                    return
                nxt = seats.next_waiting(session, session_id, trainee_id)
                if nxt is None or training.state != "running":
                    seats.end_if_done(session, training, now)
                    return
                seats.start(session, nxt, training.language, now)
                return
        except Exception:
            log.exception(
                "training session %d: a seat of agent %d could not start", session_id, trainee_id
            )
        with runtime.db.write() as session:
            nxt = seats.next_waiting(session, session_id, trainee_id)
            if nxt is None:
                return
            nxt.state = "finished"
            nxt.finished_at = now


def _seat_tick(runtime: Runtime, ctx: ChatContext, seat_id: int, now: datetime) -> None:
    grace_s = SOLVE_GRACE_TICKS * runtime.settings.training_tick_s
    with runtime.db.read() as session:
        seat = session.get(TrainingSeat, seat_id)
        training = session.get(TrainingSession, seat.session_id) if seat is not None else None
        if seat is None or training is None or seat.state != "running":
            return
        language = training.language
        look = _look(session, seat, language, now, grace_s)
    if not look:
        return
    with runtime.db.write() as session:
        seat = session.get(TrainingSeat, seat_id)
        if seat is None or seat.state != "running":
            return
        _apply(session, ctx, seat, language, look, now)
        session_id, trainee_id = seat.session_id, seat.trainee_id
    if look.finish:
        log.info("training seat %d finished", seat_id)
        start_next(runtime, session_id, trainee_id)


def tick(runtime: Runtime, now: datetime | None = None) -> None:
    """One look at every running seat."""
    now = now or utcnow()
    ctx = chat_context(runtime)
    with runtime.db.read() as session:
        running = list(
            session.scalars(
                select(TrainingSeat.id)
                .join(TrainingSession, TrainingSession.id == TrainingSeat.session_id)
                .where(TrainingSeat.state == "running", TrainingSession.state == "running")
                .order_by(TrainingSeat.id)
            )
        )
    for seat_id in running:
        try:
            _seat_tick(runtime, ctx, seat_id, now)
        except Exception:
            log.exception("training seat %d: tick failed", seat_id)


async def run_training(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: a tick every settings.training_tick_s seconds."""
    period = runtime.settings.training_tick_s
    stopped = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            await wait_done(asyncio.shield(stopped), period)
            if stop.is_set():
                return
            work = asyncio.create_task(
                anyio.to_thread.run_sync(tick, runtime, abandon_on_cancel=True)
            )
            await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not work.done():
                work.cancel()
                return
            try:
                work.result()
            except Exception:
                log.exception("training tick failed")
    finally:
        stopped.cancel()
