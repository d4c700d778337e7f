"""The simulated customer's script: which scripted turn is due now.

`due_turns(scenario, record)` is asked again and again while an attempt runs (after each agent
step and on a timer); the caller sends what it returns and records each send as a customer step
with `turn_id` set to the turn's id. The rules:

* Nothing is due once `record.finished`.
* A turn is due when every condition its `Trigger` gives holds; a trigger with none never fires.
  - `agent_says`: an agent "reply" step (what the customer saw; a message the guard refused
    never reached them) contains one of the words, as `matching.says_any` compares them.
  - `action`: an agent step whose action `matching.action_matches` the pattern.
  - `after_s`: `record.elapsed_s` is at least this many seconds since the attempt began.
  - `after_turn`: a customer step with that `turn_id` was sent ("opening" is the first message).
  - `no_reply_for_s`: the customer's latest message is at least this old and no agent reply
    came after it (so any public reply resets the wait).
* A turn without `repeat` is sent once. A `repeat` turn is due again only when its conditions
  hold anew after its last send: the reply, the action and the `after_turn` send must come
  after it in the record, `after_s` counts from it, and `no_reply_for_s` holds anew by itself
  (the last send is a customer message, so the wait starts there). A repeat turn therefore
  needs at least one condition; a lone `after_s = 0` would resend on every call.
* At most one turn is returned per call: the first due one in scenario order. A real customer
  does not type two messages in the same instant, and nothing is lost - a turn still due is
  returned on the next call, while a `no_reply_for_s` wait rightly starts over after the
  message just sent. `after_turn` chains advance one call at a time for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from .matching import action_matches, says_any
from .model import Scenario, Trigger, Turn
from .record import AttemptRecord, Step

__all__ = ["due_turns"]

AGENT = "agent"
CUSTOMER = "customer"
REPLY = "reply"


def due_turns(scenario: Scenario, record: AttemptRecord) -> list[Turn]:
    """The turns to send now, in scenario order (at most one; see the module docstring)."""
    if record.finished:
        return []
    for turn in scenario.turns:
        if _is_due(turn, record.steps, record.elapsed_s):
            return [turn]
    return []


def _has_conditions(when: Trigger) -> bool:
    return (
        any(word.strip() for word in when.agent_says)
        or bool(when.action.strip())
        or when.after_s is not None
        or bool(when.after_turn.strip())
        or when.no_reply_for_s is not None
    )


def _is_due(turn: Turn, steps: Sequence[Step], elapsed_s: float) -> bool:
    when = turn.when
    if not _has_conditions(when):
        return False
    sends = [
        i for i, step in enumerate(steps) if step.actor == CUSTOMER and step.turn_id == turn.id
    ]
    if sends and not turn.repeat:
        return False
    # Events count from the step after the last send (all of them before the first send).
    since = sends[-1] + 1 if sends else 0
    since_s = steps[sends[-1]].at_s if sends else 0.0
    recent = steps[since:]
    if when.agent_says and not any(
        _is_reply(step) and says_any(step.text, when.agent_says) for step in recent
    ):
        return False
    if when.action.strip() and not any(
        step.actor == AGENT and action_matches(when.action, step.action) for step in recent
    ):
        return False
    if when.after_s is not None and elapsed_s - since_s < when.after_s:
        return False
    after_turn = when.after_turn.strip()
    if after_turn and not any(
        step.actor == CUSTOMER and step.turn_id == after_turn for step in recent
    ):
        return False
    return when.no_reply_for_s is None or _customer_waited(steps, elapsed_s, when.no_reply_for_s)


def _is_reply(step: Step) -> bool:
    return step.actor == AGENT and action_matches(REPLY, step.action)


def _customer_waited(steps: Sequence[Step], elapsed_s: float, wait_s: float) -> bool:
    last = None
    for index, step in enumerate(steps):
        if step.actor == CUSTOMER:
            last = index
    if last is None:
        return False
    if any(_is_reply(step) for step in steps[last + 1 :]):
        return False
    return elapsed_s - steps[last].at_s >= wait_s
