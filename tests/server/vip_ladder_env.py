"""A real server with a small VIP desk, for the routing ladder and outreach tests.

Agents: alice, bob (agents), sara (supervisor) from populate; mei, lin, kai (VIP managers).
Clients of the desk: U101 (zh, tier 1) and U103 (en, tier 3) are mei's with lin as backup;
U104 (zh, tier 1) is kai's with lin as backup; U102 (ja, tier 2) is mei's without a backup.
U100 stays an ordinary customer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from chat_env import ChatServerEnv
from server_fixtures import PASSWORDS, ServerEnv, fast_settings, populate
from sqlalchemy import delete, select, update

from console.api.schemas import AgentCreate
from console.core.domain import Role
from console.server.db import Database
from console.server.embedded import EmbeddedServer
from console.server.models import Customer, Event
from console.server.models_chat import ChatAgentState, ChatConversation
from console.server.models_vip import VipClient, VipTierTarget
from console.server.services import auth
from console.server.settings import sqlite_url

MANAGERS = {"mei": "mei-pass-4444", "lin": "lin-pass-5555", "kai": "kai-pass-6666"}
# uid -> (manager, backup, tier)
DESK = {
    "U101": ("mei", "lin", 1),
    "U103": ("mei", "lin", 3),
    "U104": ("kai", "lin", 1),
    "U102": ("mei", None, 2),
}


class VipServerEnv(ChatServerEnv):
    def token(self, username: str) -> str:
        if username in MANAGERS and username not in self._tokens:
            with self.client() as c:
                r = c.post(
                    "/auth/login", json={"username": username, "password": MANAGERS[username]}
                )
                r.raise_for_status()
                self._tokens[username] = r.json()["token"]
        return super().token(username)


def vip_running_env(path: Path, **overrides: Any) -> Iterator[VipServerEnv]:
    db = Database(sqlite_url(path))
    workspace = populate(db, ticket_count=5)
    now = datetime.now(UTC)
    with db.write() as session:
        for username, password in MANAGERS.items():
            data = AgentCreate(
                username=username,
                display_name=username.title(),
                password=password,
                role=Role.VIP_MANAGER,
                languages=["zh", "en"],
            )
            workspace.agent_ids[username] = auth.create_agent(session, None, data).id
        for uid, (manager, backup, tier) in DESK.items():
            manager_id = workspace.agent_ids[manager]
            session.execute(
                update(Customer)
                .where(Customer.uid == uid)
                .values(vip_tier=tier, account_manager_id=manager_id)
            )
            session.add(
                VipClient(
                    uid=uid,
                    manager_id=manager_id,
                    backup_manager_id=workspace.agent_ids[backup] if backup else None,
                    volume_30d_usd=Decimal("2500000"),
                    assets_usd=Decimal("800000"),
                    contact_hours="09:00-18:00 Asia/Singapore",
                    products=["spot"],
                    updated_at=now,
                )
            )
    server = EmbeddedServer(fast_settings(path, chat_sweep_s=0.1, **overrides))
    base_url = server.start()
    try:
        yield VipServerEnv(server=server, db=db, workspace=workspace, base_url=base_url)
    finally:
        server.stop()
        db.dispose()


def set_target(env: ServerEnv, tier: int, minutes: float | None) -> None:
    """The tier's target as a supervisor would set it (None: back to the default)."""
    with env.db.write() as session:
        session.execute(delete(VipTierTarget).where(VipTierTarget.tier == tier))
        if minutes is not None:
            session.add(VipTierTarget(tier=tier, target_minutes=minutes))


def floor_empty(env: ServerEnv) -> None:
    """Every chat ended and every agent offline."""
    with env.db.write() as session:
        session.execute(
            update(ChatConversation)
            .where(ChatConversation.state != "ended")
            .values(state="ended", offered_agent_id=None)
        )
        session.execute(update(ChatAgentState).values(status="offline"))


def alerts(env: ServerEnv, after: int = 0, **match: Any) -> list[tuple[int | None, dict[str, Any]]]:
    """(audience, payload) of vip.alert events after `after` whose payload has `match`."""
    with env.db.read() as session:
        rows = session.execute(
            select(Event.audience_agent_id, Event.payload)
            .where(Event.type == "vip.alert", Event.id > after)
            .order_by(Event.id)
        ).all()
    return [(a, p) for a, p in rows if all(p.get(k) == v for k, v in match.items())]


def last_event(env: ServerEnv) -> int:
    with env.db.read() as session:
        return session.scalar(select(Event.id).order_by(Event.id.desc()).limit(1)) or 0


__all__ = ["DESK", "MANAGERS", "PASSWORDS", "VipServerEnv", "vip_running_env"]
