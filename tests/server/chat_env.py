"""A real server for the live-chat tests: running_env's workspace, the shipped knowledge base,
a few more agents (mei: VIP manager; yuki: Japanese), and helpers that play customers and agents
over HTTP."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
from server_fixtures import ServerEnv, fast_settings, populate
from sqlalchemy import update

from console.api.schemas import AgentCreate
from console.api.schemas_chat import ConversationOut, CustomerChatView
from console.core.domain import Role
from console.server.db import Database
from console.server.demo.kb_seed import seed_demo_kb
from console.server.embedded import EmbeddedServer
from console.server.models import Customer
from console.server.models_chat import ChatAgentState, ChatConversation
from console.server.services import auth
from console.server.settings import sqlite_url

T = TypeVar("T")
EXTRA_AGENTS = {
    "mei": ("mei-pass-4444", Role.VIP_MANAGER, ["zh", "en"]),
    "yuki": ("yuki-pass-55555", Role.AGENT, ["ja", "en"]),
}
VIP_UID = "U101"  # zh, VIP tier 1; mei is the account manager


class ChatServerEnv(ServerEnv):
    """ServerEnv that also signs in the extra agents."""

    def token(self, username: str) -> str:
        if username not in EXTRA_AGENTS or username in self._tokens:
            return super().token(username)
        with self.client() as c:
            body = {"username": username, "password": EXTRA_AGENTS[username][0]}
            r = c.post("/auth/login", json=body)
            r.raise_for_status()
            self._tokens[username] = r.json()["token"]
        return self._tokens[username]


def chat_running_env(path: Path, **overrides: Any) -> Iterator[ServerEnv]:
    db = Database(sqlite_url(path))
    workspace = populate(db, ticket_count=5)
    with db.write() as session:
        for username, (password, role, languages) in EXTRA_AGENTS.items():
            data = AgentCreate(
                username=username,
                display_name=username.title(),
                password=password,
                role=role,
                languages=languages,
            )
            workspace.agent_ids[username] = auth.create_agent(session, None, data).id
        session.execute(
            update(Customer)
            .where(Customer.uid == VIP_UID)
            .values(account_manager_id=workspace.agent_ids["mei"])
        )
    seed_demo_kb(db)
    server = EmbeddedServer(fast_settings(path, chat_sweep_s=0.1, **overrides))
    base_url = server.start()
    try:
        yield ChatServerEnv(server=server, db=db, workspace=workspace, base_url=base_url)
    finally:
        server.stop()
        db.dispose()


def reset_chats(env: ServerEnv) -> None:
    """Every chat ended and every agent offline: each test starts from an empty floor."""
    with env.db.write() as session:
        session.execute(
            update(ChatConversation)
            .where(ChatConversation.state != "ended")
            .values(state="ended", offered_agent_id=None)
        )
        session.execute(update(ChatAgentState).values(status="offline"))


def wait_until(check: Callable[[], T | None], timeout: float = 5.0, step: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(step)


@dataclass
class Customer_:
    """One customer over the customer API (sync httpx)."""

    http: httpx.Client
    conversation_id: int
    token: str

    def view(self, after_seq: int = 0, **params: Any) -> CustomerChatView:
        r = self.http.get(
            f"/customer/chats/{self.conversation_id}", params={"after_seq": after_seq, **params}
        )
        assert r.status_code == 200, r.text
        return CustomerChatView.model_validate(r.json())

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.post(f"/customer/chats/{self.conversation_id}{path}", **kwargs)

    def say(self, body: str, client_id: str | None = None) -> httpx.Response:
        return self.post(
            "/messages",
            json={"body": body, "client_id": uuid.uuid4().hex if client_id is None else client_id},
        )

    def close(self) -> None:
        self.http.close()


def start_customer(
    env: ServerEnv, language: str = "en", text: str = "", uid: str | None = None, **extra: Any
) -> Customer_:
    with env.client() as anonymous:
        body = {"language": language, "text": text, **extra}
        if uid is not None:
            body["customer_uid"] = uid
        r = anonymous.post("/customer/chats", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    http = env.client(data["token"])
    return Customer_(http, data["conversation"]["id"], data["token"])


def online(c: httpx.Client, capacity: int | None = None, status: str = "online") -> dict[str, Any]:
    body: dict[str, Any] = {"status": status}
    if capacity is not None:
        body["capacity"] = capacity
    r = c.put("/chat/status", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def conversation(c: httpx.Client, conversation_id: int) -> ConversationOut:
    r = c.get(f"/chats/{conversation_id}")
    assert r.status_code == 200, r.text
    return ConversationOut.model_validate(r.json())


def mine(c: httpx.Client) -> list[ConversationOut]:
    r = c.get("/chats", params={"scope": "mine"})
    assert r.status_code == 200, r.text
    return [ConversationOut.model_validate(x) for x in r.json()]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}
