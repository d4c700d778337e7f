"""A real server on loopback over a tiny workspace, for the client's tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from console.api.schemas import AgentCreate, TicketCreate
from console.core.domain import Role
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.models import Customer
from console.server.seeding import seed_demo_macros
from console.server.services import auth, tickets
from console.server.settings import ServerSettings, sqlite_url

PASSWORD = "client-pass-1"


@dataclass(frozen=True)
class LiveServer:
    url: str
    db: Database
    ticket_ids: list[int]  # two tickets of customer C1 (en), then one of C2 (zh)


def running_server(path: Path) -> Iterator[LiveServer]:
    """A real Support API server on 127.0.0.1 over a tiny workspace: agent alice, supervisor
    sara, two customers, three tickets, the demo macros."""
    db = Database(sqlite_url(path))
    db.create_schema()
    with db.write() as session:
        for name, role in (("alice", Role.AGENT), ("sara", Role.SUPERVISOR)):
            data = AgentCreate(
                username=name, display_name=name.title(), password=PASSWORD, role=role
            )
            auth.create_agent(session, None, data)
        session.execute(
            insert(Customer),
            [
                {
                    "uid": uid,
                    "display_name": f"Customer {uid}",
                    "email": f"{uid.lower()}@example.com",
                    "phone": None,
                    "kyc_level": 1,
                    "vip_tier": 0,
                    "language": lang,
                    "region": "SG",
                    "account_status": "active",
                }
                for uid, lang in (("C1", "en"), ("C2", "zh"))
            ],
        )
        ids = [
            tickets.create_ticket(
                session,
                TicketCreate(subject=subject, body="help", customer_uid=uid, language=lang),
            ).id
            for subject, uid, lang in (("one", "C1", "en"), ("two", "C1", "en"), ("三", "C2", "zh"))
        ]
    seed_demo_macros(db)
    server = EmbeddedServer(ServerSettings(database_url=sqlite_url(path)))
    url = server.start()
    try:
        yield LiveServer(url=url, db=db, ticket_ids=ids)
    finally:
        server.stop()
        db.dispose()
