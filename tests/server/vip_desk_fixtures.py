"""A real server for the VIP desk tests: running_env's workspace (alice and bob agents, sara the
supervisor, customers U100..U104) plus three VIP managers and a few desk clients.

    U101 (tier 1)  manager mei,    backup oliver
    U102 (tier 2)  manager oliver, no backup
    U104 (tier 1)  manager oliver, backup mei

hana manages nobody here: tests that need a portfolio of their own give her fresh clients
(add_client), so what other tests write never shows in it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from server_fixtures import ServerEnv, fast_settings, populate
from sqlalchemy import update

from console.api.schemas import AgentCreate, TicketCreate
from console.core.domain import Category, Channel, MessageKind, Priority, Role
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.models import Customer, Message, Ticket
from console.server.models_vip import VipClient
from console.server.services import auth, tickets
from console.server.settings import sqlite_url

T = TypeVar("T")
MANAGERS = {
    "mei": ("mei-pass-4444", ["zh", "en"]),
    "oliver": ("oliver-pass-55", ["en", "zh"]),
    "hana": ("hana-pass-666", ["ja", "en"]),
}
DESK = {"U101": ("mei", "oliver"), "U102": ("oliver", None), "U104": ("oliver", "mei")}


class VipServerEnv(ServerEnv):
    """ServerEnv that also signs in the VIP managers."""

    def token(self, username: str) -> str:
        if username not in MANAGERS or username in self._tokens:
            return super().token(username)
        with self.client() as c:
            r = c.post(
                "/auth/login", json={"username": username, "password": MANAGERS[username][0]}
            )
            r.raise_for_status()
            self._tokens[username] = r.json()["token"]
        return self._tokens[username]

    def id(self, username: str) -> int:
        return self.workspace.agent_ids[username]


def client_row(uid: str, manager_id: int, backup_id: int | None, **extra: Any) -> dict[str, Any]:
    return {
        "uid": uid,
        "manager_id": manager_id,
        "backup_manager_id": backup_id,
        "volume_30d_usd": Decimal(2_500_000),
        "assets_usd": Decimal(750_000),
        "contact_hours": "09:00-18:00 Asia/Hong_Kong",
        "products": ["spot", "futures"],
        "liquidation_near": False,
        "updated_at": datetime.now(UTC),
        **extra,
    }


def vip_running_env(path: Path, **overrides: Any) -> Iterator[VipServerEnv]:
    db = Database(sqlite_url(path))
    workspace = populate(db, ticket_count=10)
    with db.write() as session:
        for username, (password, languages) in MANAGERS.items():
            data = AgentCreate(
                username=username,
                display_name=username.title(),
                password=password,
                role=Role.VIP_MANAGER,
                languages=languages,
            )
            workspace.agent_ids[username] = auth.create_agent(session, None, data).id
        ids = workspace.agent_ids
        for uid, (manager, backup) in DESK.items():
            session.add(VipClient(**client_row(uid, ids[manager], ids[backup] if backup else None)))
            session.execute(
                update(Customer).where(Customer.uid == uid).values(account_manager_id=ids[manager])
            )
    server = EmbeddedServer(fast_settings(path, **overrides))
    base_url = server.start()
    try:
        yield VipServerEnv(server=server, db=db, workspace=workspace, base_url=base_url)
    finally:
        server.stop()
        db.dispose()


def add_manager(env: VipServerEnv, username: str) -> int:
    """Another VIP manager, with a book of their own (read through sara's ?manager_id=)."""
    with env.db.write() as session:
        data = AgentCreate(
            username=username,
            display_name=username.title(),
            password=f"{username}-pass-7777",
            role=Role.VIP_MANAGER,
            languages=["en"],
        )
        env.workspace.agent_ids[username] = auth.create_agent(session, None, data).id
    return env.workspace.agent_ids[username]


def add_client(
    env: VipServerEnv,
    tier: int,
    manager: str,
    backup: str | None = None,
    *,
    language: str = "en",
    **extra: Any,
) -> str:
    """A new VIP customer on the desk; returns the uid."""
    uid = f"U9{uuid.uuid4().int % 10**8:08d}"
    ids = env.workspace.agent_ids
    with env.db.write() as session:
        session.add(
            Customer(
                uid=uid,
                display_name=f"Client {uid}",
                email=f"{uid.lower()}@example.com",
                phone="+85291234567",
                kyc_level=2,
                vip_tier=tier,
                language=language,
                region="HK",
                account_status="active",
                account_manager_id=ids[manager],
            )
        )
        session.flush()
        backup_id = ids[backup] if backup else None
        session.add(VipClient(**client_row(uid, ids[manager], backup_id, **extra)))
    return uid


def add_ticket(
    env: VipServerEnv,
    uid: str,
    asked_at: datetime,
    *,
    answered_at: datetime | None = None,
    subject: str = "Withdrawal still pending",
) -> int:
    """An open ticket of `uid`: the client asked at `asked_at` (and was answered, if given)."""
    with env.db.write() as session:
        data = TicketCreate(
            subject=subject,
            body="Where is my withdrawal?",
            customer_uid=uid,
            channel=Channel.EMAIL,
            category=Category.DEPOSIT_WITHDRAWAL,
            language="en",
            priority=Priority.NORMAL,
        )
        ticket_id = tickets.create_ticket(session, data, now=asked_at).id
        if answered_at is not None:
            session.add(
                Message(
                    ticket_id=ticket_id,
                    kind=str(MessageKind.REPLY),
                    body="We are on it.",
                    author_agent_id=env.id("alice"),
                    author_name="Alice",
                    created_at=answered_at,
                )
            )
            row = session.get(Ticket, ticket_id)
            assert row is not None
            row.status = "open"
    return ticket_id


def wait_until(check: Callable[[], T | None], timeout: float = 6.0, step: float = 0.1) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(step)


def events_of(env: VipServerEnv, username: str, type_: str) -> list[dict[str, Any]]:
    """Every event of `type_` the user's stream carries (catch-up from the start)."""
    found: list[dict[str, Any]] = []
    after = 0
    with env.as_user(username) as c:
        while True:
            page = c.get("/events", params={"after": after, "limit": 1000}).json()
            found += [e for e in page["items"] if e["type"] == type_]
            if not page["items"]:
                return found
            after = page["items"][-1]["id"]


def idem() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def minutes_ago(minutes: float) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)
