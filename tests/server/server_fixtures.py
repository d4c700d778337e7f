"""A small workspace written through the service layer, and a real server on loopback."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from console.api.schemas import API_PREFIX, AgentCreate, TicketCreate, TicketUpdate
from console.core.domain import Category, Channel, Priority, Role, TicketStatus
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.models import Customer, SecurityEvent, Ticket, Transfer
from console.server.services import auth, messages, tickets
from console.server.settings import ServerSettings, sqlite_url

PASSWORDS = {"alice": "alice-pass-1", "bob": "bob-pass-22", "sara": "sara-pass-333"}
ROLES = {"alice": Role.AGENT, "bob": Role.AGENT, "sara": Role.SUPERVISOR}
CUSTOMERS = [("U100", "en"), ("U101", "zh"), ("U102", "ja"), ("U103", "en"), ("U104", "zh")]
CHANNELS = list(Channel)
CATEGORIES = list(Category)
PRIORITIES = list(Priority)
STATUSES = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED]
BASE_TIME = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@dataclass
class Workspace:
    agent_ids: dict[str, int] = field(default_factory=dict)
    ticket_ids: list[int] = field(default_factory=list)


def populate(db: Database, ticket_count: int = 40) -> Workspace:
    """Agents alice/bob (agent) and sara (supervisor), five customers, `ticket_count` tickets.

    Every third ticket shares its timestamp with the previous one so paging has ties to break.
    """
    ws = Workspace()
    db.create_schema()
    with db.write() as session:
        for username, password in PASSWORDS.items():
            data = AgentCreate(
                username=username,
                display_name=username.title(),
                password=password,
                role=ROLES[username],
                languages=["en", "zh"],
            )
            ws.agent_ids[username] = auth.create_agent(session, None, data).id
        session.execute(
            insert(Customer),
            [
                {
                    "uid": uid,
                    "display_name": f"Customer {uid}",
                    "email": f"{uid.lower()}@example.com",
                    "phone": "+6591234567",
                    "kyc_level": 2,
                    "vip_tier": i % 3,
                    "language": lang,
                    "region": "SG",
                    "account_status": "active",
                }
                for i, (uid, lang) in enumerate(CUSTOMERS)
            ],
        )
        session.execute(
            insert(Transfer),
            [
                {
                    "customer_uid": "U100",
                    "direction": "withdrawal",
                    "asset": "USDT",
                    "network": "TRC20",
                    "amount": "1234.500000000000000001",
                    "address": "TXa1",
                    "tx_hash": None,
                    "confirmations": i,
                    "status": "confirming",
                    "created_at": BASE_TIME + timedelta(minutes=i),
                }
                for i in range(25)
            ],
        )
        session.execute(
            insert(SecurityEvent),
            [
                {
                    "customer_uid": "U100",
                    "kind": "new_device",
                    "detail": "iPhone",
                    "created_at": BASE_TIME,
                }
            ],
        )
    assignees = [None, ws.agent_ids["alice"], ws.agent_ids["bob"]]
    with db.write() as session:
        for i in range(ticket_count):
            uid, lang = CUSTOMERS[i % len(CUSTOMERS)]
            when = BASE_TIME + timedelta(minutes=i - (1 if i % 3 == 2 else 0))
            data = TicketCreate(
                subject=f"Ticket {i} about {CATEGORIES[i % len(CATEGORIES)].value}",
                body=f"Opening message {i}" + (" withdrawal stuck 提币" if i % 4 == 0 else ""),
                customer_uid=uid,
                channel=CHANNELS[i % len(CHANNELS)],
                category=CATEGORIES[i % len(CATEGORIES)],
                language=lang,
                priority=PRIORITIES[i % len(PRIORITIES)],
            )
            ticket = tickets.create_ticket(session, data, now=when)
            ws.ticket_ids.append(ticket.id)
            update = TicketUpdate(
                status=STATUSES[i % len(STATUSES)], assignee_id=assignees[i % len(assignees)]
            )
            tickets.update_ticket(session, ticket.id, update)
            if i % 5 == 0:
                messages.add_customer_message(session, ticket.id, f"Follow-up {i} txid ABC{i}")
            # Back to the planned time, so the list order and its ties are known.
            row = session.get(Ticket, ticket.id)
            assert row is not None
            row.updated_at = when
    return ws


_TLS = ssl.create_default_context()


@dataclass
class ServerEnv:
    server: EmbeddedServer
    db: Database
    workspace: Workspace
    base_url: str
    _tokens: dict[str, str] = field(default_factory=dict)

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        kwargs.setdefault("timeout", 10.0)
        # One shared TLS context: building one per client costs ~50 ms of CA loading.
        kwargs.setdefault("verify", _TLS)
        return httpx.Client(base_url=self.base_url + API_PREFIX, headers=headers, **kwargs)

    def token(self, username: str) -> str:
        if username not in self._tokens:
            with self.client() as c:
                r = c.post(
                    "/auth/login", json={"username": username, "password": PASSWORDS[username]}
                )
                r.raise_for_status()
                self._tokens[username] = r.json()["token"]
        return self._tokens[username]

    def as_user(self, username: str) -> httpx.Client:
        return self.client(self.token(username))


def fast_settings(path: Path, **overrides: Any) -> ServerSettings:
    values: dict[str, Any] = {
        "database_url": sqlite_url(path),
        "sse_keepalive_s": 0.3,
        "event_poll_s": 0.2,
        # The training workspace costs half a second a start: its own tests ask for it.
        "with_training": False,
    }
    values.update(overrides)
    return ServerSettings(**values)


def running_env(path: Path, ticket_count: int = 40, **overrides: Any) -> Iterator[ServerEnv]:
    db = Database(sqlite_url(path))
    workspace = populate(db, ticket_count)
    server = EmbeddedServer(fast_settings(path, **overrides))
    base_url = server.start()
    try:
        yield ServerEnv(server=server, db=db, workspace=workspace, base_url=base_url)
    finally:
        server.stop()
        db.dispose()


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body
