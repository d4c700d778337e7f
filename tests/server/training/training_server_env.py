"""A real demo server with its training workspace on 127.0.0.1, and helpers that play the
trainer (tom), the trainees (alice, bob) and the live floor over HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
from server_fixtures import fast_settings

from console.api.schemas import API_PREFIX
from console.api.schemas_training import TRAINING_PATH
from console.server.demo.agents import DEMO_PASSWORD
from console.server.embedded import EmbeddedServer

T = TypeVar("T")
TRAINING_API = f"{TRAINING_PATH}{API_PREFIX}"
# A small scenario of our own: one keyword turn, a closing turn after the solve.
REFUND_TOML = """
title.en = "Refund of a double charge"
summary.en = "A card payment was taken twice; explain the refund and close the ticket."
channel = "ticket"
languages = ["en"]
category = "fees"
time_limit_min = 5
first_response_target_s = 60

subject.en = "Charged twice"
opening.en = "Hello, my card was charged twice for one deposit. Please help."

[persona]
name.en = "Ada Byron"
mood = "anxious"

[[turns]]
id = "which-card"
when = { agent_says = ["card"] }
say.en = "It is the Visa ending 4242."

[[turns]]
id = "thanks"
when = { action = "solve" }
say.en = "Thank you, that was quick."

[[expect]]
action = "reply"
says = ["refund"]
label.en = "Explain the refund"

[[rubric]]
kind = "first_response"
weight = 40

[[rubric]]
kind = "expected"
weight = 30

[[rubric]]
kind = "resolution"
weight = 30
"""


@dataclass
class TrainingEnv:
    server: EmbeddedServer
    base_url: str
    live_tokens: dict[str, str] = field(default_factory=dict)
    training_tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def _client(self, prefix: str, token: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url + prefix, headers=headers, timeout=15.0)

    def live(self, username: str | None = None) -> httpx.Client:
        """The live API as `username` (anonymous when None)."""
        token = self.live_token(username) if username else None
        return self._client(API_PREFIX, token)

    def training(self, username: str) -> httpx.Client:
        """The training workspace's API as `username`."""
        return self._client(TRAINING_API, self.training_token(username))

    def live_token(self, username: str) -> str:
        if username not in self.live_tokens:
            with self._client(API_PREFIX, None) as c:
                r = c.post("/auth/login", json={"username": username, "password": DEMO_PASSWORD})
                r.raise_for_status()
                self.live_tokens[username] = r.json()["token"]
                me = c.get("/me", headers={"Authorization": f"Bearer {r.json()['token']}"})
                self.ids[username] = me.json()["id"]
        return self.live_tokens[username]

    def training_token(self, username: str) -> str:
        if username not in self.training_tokens:
            with self.live(username) as c:
                r = c.post("/training/enter")
                assert r.status_code == 200, r.text
                self.training_tokens[username] = r.json()["token"]
        return self.training_tokens[username]

    def id_of(self, username: str) -> int:
        self.live_token(username)
        return self.ids[username]

    def start_session(
        self, trainees: list[str], scenarios: list[str], language: str = "en"
    ) -> dict[str, Any]:
        body = {
            "title": f"Session {uuid.uuid4().hex[:6]}",
            "trainee_ids": [self.id_of(name) for name in trainees],
            "scenario_ids": scenarios,
            "language": language,
        }
        with self.training("tom") as c:
            r = c.post("/training/sessions", json=body, headers=key())
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        return data

    def end_session(self, session_id: int) -> dict[str, Any]:
        with self.training("tom") as c:
            r = c.post(f"/training/sessions/{session_id}/end", headers=key())
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data

    def seat_of(self, session: dict[str, Any], username: str, position: int = 0) -> dict[str, Any]:
        trainee = self.id_of(username)
        seats = [
            s for s in session["seats"] if s["trainee_id"] == trainee and s["position"] == position
        ]
        assert len(seats) == 1, session
        return seats[0]

    def report(self, username: str, seat_id: int) -> dict[str, Any]:
        with self.training(username) as c:
            r = c.get(f"/training/seats/{seat_id}/report")
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data

    def finished_report(self, seat_id: int, timeout: float = 10.0) -> dict[str, Any]:
        def done() -> dict[str, Any] | None:
            report = self.report("tom", seat_id)
            return report if report["seat"]["state"] == "finished" else None

        return wait_until(done, timeout)

    def turns_sent(self, username: str, seat_id: int) -> list[str]:
        steps = self.report(username, seat_id)["transcript"]
        return [s["turn_id"] for s in steps if s["actor"] == "customer"]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def wait_until(check: Callable[[], T | None], timeout: float = 10.0, step: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(step)


def training_env(path: Path) -> Iterator[TrainingEnv]:
    settings = fast_settings(
        path,
        with_training=True,
        demo=True,
        demo_tickets=40,
        training_tick_s=0.1,
        chat_sweep_s=0.2,
    )
    server = EmbeddedServer(settings)
    base_url = server.start()
    try:
        env = TrainingEnv(server=server, base_url=base_url)
        with env.training("tom") as c:
            r = c.put("/training/scenarios/double-charge", json={"toml": REFUND_TOML})
            assert r.status_code == 200, r.text
        yield env
    finally:
        server.stop()
