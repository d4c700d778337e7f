"""What happened in one trainee's attempt at a scenario, in order: the input of the script
(which customer turn is due) and of the scoring. The server builds it from the training
workspace's rows; tests build it by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["AttemptRecord", "Step"]


@dataclass(frozen=True, slots=True)
class Step:
    """One thing in the attempt. `at_s`: seconds since the attempt began. `actor`: "customer",
    "agent" or "system". `action`: a model.Action value, with its qualifier after a colon
    ("escalate:security"); customer messages have action "customer". `text`: what was
    written (a reply, a note, a blocked message), else ""."""

    at_s: float
    actor: str
    action: str
    text: str = ""
    turn_id: str = ""  # a scripted customer message: the turn it came from ("opening" first)


@dataclass(slots=True)
class AttemptRecord:
    language: str
    steps: list[Step] = field(default_factory=list)
    # Seconds since the attempt began, as of now (the script) or its end (the final score).
    elapsed_s: float = 0.0
    finished: bool = False
