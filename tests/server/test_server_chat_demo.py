"""The demo's simulated chat customers, on a simulating demo server: chats start, the bot has
them first, and VIP customers have a VIP manager as account manager."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from server_fixtures import fast_settings
from sqlalchemy import select

from console.api.schemas import API_PREFIX
from console.api.schemas_chat import ChatMessageOut, ConversationOut
from console.server.db import Database
from console.server.demo.agents import DEMO_PASSWORD
from console.server.embedded import EmbeddedServer
from console.server.models import Agent, Customer
from console.server.settings import sqlite_url


def test_simulated_customers_chat(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    settings = fast_settings(
        path, demo=True, simulate=True, simulate_interval_s=0.2, demo_tickets=60
    )
    server = EmbeddedServer(settings)
    base = server.start()
    try:
        with httpx.Client(base_url=base + API_PREFIX, timeout=10) as c:
            token = c.post(
                "/auth/login", json={"username": "mei", "password": DEMO_PASSWORD}
            ).json()["token"]
            c.headers["Authorization"] = f"Bearer {token}"
            assert c.put("/chat/status", json={"status": "online"}).status_code == 200
            deadline = time.monotonic() + 20
            chats: list[ConversationOut] = []
            while time.monotonic() < deadline and len(chats) < 2:
                chats = [
                    ConversationOut.model_validate(x) for x in c.get("/chats?scope=all").json()
                ]
                time.sleep(0.1)
            assert len(chats) >= 2
            first = chats[-1]
            messages = [
                ChatMessageOut.model_validate(m)
                for m in c.get(f"/chats/{first.id}/messages").json()
            ]
            assert messages[0].sender == "customer"
            assert {m.sender for m in messages[1:]} & {"bot", "system"}
            assert first.customer_uid is not None
    finally:
        server.stop()
    db = Database(sqlite_url(path))
    with db.read() as session:
        desk = set(session.scalars(select(Agent.id).where(Agent.role == "vip_manager")))
        mei = session.scalar(select(Agent.id).where(Agent.username == "mei"))
        managers = set(
            session.scalars(select(Customer.account_manager_id).where(Customer.vip_tier > 0))
        )
        plain = set(
            session.scalars(select(Customer.account_manager_id).where(Customer.vip_tier == 0))
        )
    db.dispose()
    # Every VIP has one of the desk's managers (mei among them); regular customers none.
    assert mei in managers and managers <= desk and len(desk) >= 3 and plain == {None}
