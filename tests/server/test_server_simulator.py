from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from server_fixtures import fast_settings
from sqlalchemy import func, select

from console.api.schemas import API_PREFIX
from console.server.db import Database
from console.server.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, generate_demo
from console.server.demo.simulator import CustomerFollowUp, CustomerTraffic, NewTicket
from console.server.embedded import EmbeddedServer
from console.server.models import Event, Message, Ticket
from console.server.seeding import seed_workspace
from console.server.services.events import events_after
from console.server.settings import sqlite_url
from console.server.traffic import apply_action

SMALL = 60


def test_actions_go_through_the_service_layer(tmp_path: Path) -> None:
    workspace = generate_demo(seed=7, tickets=SMALL)
    db = Database(sqlite_url(tmp_path / "sim.sqlite3"))
    db.create_schema()
    seed_workspace(db, workspace)
    traffic = CustomerTraffic(workspace, seed=3)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    applied = {NewTicket: 0, CustomerFollowUp: 0}
    vips = {c.uid for c in workspace.customers if c.vip_tier > 0}
    for step in range(40):
        action = traffic.next_action(now + timedelta(minutes=step))
        with db.read() as session:
            before = session.scalar(select(func.max(Event.id))) or 0
        ticket_id = apply_action(db, action)
        assert ticket_id is not None, action
        applied[type(action)] += 1
        with db.read() as session:
            events = events_after(session, before, 10)
            ticket = session.get(Ticket, ticket_id)
            assert ticket is not None
            last = session.scalars(
                select(Message).where(Message.ticket_id == ticket_id).order_by(Message.id.desc())
            ).first()
        assert last is not None and last.kind == "customer"
        types = [e.type for e in events]
        # A VIP desk client's words also reach the desk: the routing ladder gives the ticket to
        # their manager (ticket.updated) and alerts them (vip.alert). Nobody else's do.
        desk = types[2:] if ticket.customer_uid in vips else []
        assert set(desk) <= {"ticket.updated", "vip.alert"}
        types = types[: len(types) - len(desk)]
        if isinstance(action, NewTicket):
            assert types == ["ticket.created", "message.created"]
            assert ticket.status == "new"
            assert ticket.subject == action.ticket.subject
        else:
            assert types == ["message.created", "ticket.updated"]
            assert ticket.customer_uid == action.customer_uid
            assert last.body == action.body
    assert applied[NewTicket] and applied[CustomerFollowUp]
    db.dispose()


def test_simulating_demo_server_emits_events(tmp_path: Path) -> None:
    settings = fast_settings(
        tmp_path / "live.sqlite3",
        demo=True,
        simulate=True,
        simulate_interval_s=0.05,
        demo_tickets=SMALL,
    )
    server = EmbeddedServer(settings)
    base = server.start()
    try:
        with httpx.Client(base_url=base + API_PREFIX, timeout=10) as c:
            info = c.get("/workspace").json()
            assert [a["username"] for a in info["demo_accounts"]] == list(DEMO_ACCOUNTS)
            assert {a["password"] for a in info["demo_accounts"]} == {DEMO_PASSWORD}
            token = c.post(
                "/auth/login", json={"username": "mei", "password": DEMO_PASSWORD}
            ).json()["token"]
            c.headers["Authorization"] = f"Bearer {token}"
            assert c.get("/me").json()["role"] == "vip_manager"
            # New tickets and follow-ups both come, in random order: wait for both kinds.
            wanted = {"ticket.created", "message.created"}
            deadline = time.monotonic() + 20
            items: list[dict[str, object]] = []
            while time.monotonic() < deadline and not wanted <= {e["type"] for e in items}:
                items = c.get("/events", params={"after": 0, "limit": 500}).json()["items"]
                time.sleep(0.1)
    finally:
        server.stop()
    assert len(items) >= 2
    assert {"ticket.created", "message.created"} <= {e["type"] for e in items}
