"""The demo's VIP desk: every VIP customer has a manager and a backup in their language, figures
that grow with the tier, and 60 days of notes, follow-ups and contacts; seeded quickly and read
back through the portfolio."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, true

from console.core.domain import Role
from console.server.db import Database
from console.server.demo import DemoWorkspace, generate_demo
from console.server.demo.vip_desk import assign_managers, desk_rows, with_desk_managers
from console.server.models import Agent, Customer, Ticket
from console.server.models_vip import VipClient, VipContact, VipFollowUp, VipManagerNote
from console.server.schema_version import prepare_schema
from console.server.seeding import seed_workspace
from console.server.services import vip_portfolio
from console.server.settings import sqlite_url

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workspace() -> DemoWorkspace:
    return generate_demo(seed=7, tickets=400, now=NOW)  # the default 800 customers


def _ids(workspace: DemoWorkspace) -> dict[str, int]:
    return {a.username: i for i, a in enumerate(workspace.agents, start=1)}


def test_every_vip_has_a_manager_and_another_backup(workspace: DemoWorkspace) -> None:
    managers = {a.username: a for a in workspace.agents if a.role == Role.VIP_MANAGER}
    assert {"mei", "oliver", "hana"} <= set(managers) and len(managers) >= 3
    desk = assign_managers(workspace.customers, workspace.agents)
    vips = [c for c in workspace.customers if c.vip_tier > 0]
    assert len(vips) >= 150 and set(desk) == {c.uid for c in vips}
    assert {c.vip_tier for c in vips} == set(range(1, 10))
    for c in vips:
        assignment = desk[c.uid]
        assert assignment.backup is not None and assignment.backup != assignment.manager
        assert c.language in managers[assignment.manager].languages, c.uid
    books = Counter(a.manager for a in desk.values())
    assert set(books) == set(managers) and min(books.values()) >= len(vips) // 8
    assert desk == assign_managers(workspace.customers, workspace.agents)  # deterministic


def test_desk_rows_are_plausible_and_deterministic(workspace: DemoWorkspace) -> None:
    desk = assign_managers(workspace.customers, workspace.agents)
    ids = _ids(workspace)
    rows = desk_rows(workspace.customers, desk, workspace.agents, ids, NOW)
    assert rows == desk_rows(workspace.customers, desk, workspace.agents, ids, NOW)
    tier = {c.uid: c.vip_tier for c in workspace.customers}
    assert len(rows.clients) == len(desk)
    by_tier: dict[int, list[float]] = {}
    for client in rows.clients:
        assert client["manager_id"] == ids[desk[client["uid"]].manager]
        assert client["products"][0] == "spot" and client["contact_hours"]
        by_tier.setdefault(tier[client["uid"]], []).append(float(client["volume_30d_usd"]))
    medians = [sorted(v)[len(v) // 2] for _, v in sorted(by_tier.items())]
    assert medians == sorted(medians)  # a higher tier trades more
    assert any(c["liquidation_near"] for c in rows.clients)
    # Notes are written by the client's manager or backup, never by anyone else.
    desk_ids = {c["uid"]: {c["manager_id"], c["backup_manager_id"]} for c in rows.clients}
    assert len(rows.notes) >= len(rows.clients)
    assert all(n["author_id"] in desk_ids[n["client_uid"]] for n in rows.notes)
    assert all(NOW - timedelta(days=60) <= n["created_at"] <= NOW for n in rows.notes)
    soon = [f for f in rows.follow_ups if f["done_at"] is None and f["due_at"] > NOW]
    overdue = [f for f in rows.follow_ups if f["done_at"] is None and f["due_at"] <= NOW]
    done = [f for f in rows.follow_ups if f["done_at"] is not None]
    assert soon and overdue and done
    assert all(f["due_at"] >= NOW + timedelta(minutes=3) for f in soon)  # none in the first minutes
    assert all(f["notified_at"] == f["due_at"] for f in overdue)  # alerted before the demo began
    assert all(f["done_at"] <= NOW for f in done)
    assert {c["kind"] for c in rows.contacts} == {"call", "message", "meeting"}
    assert all(NOW - timedelta(days=60) <= c["at"] <= NOW for c in rows.contacts)


def test_vip_tickets_worked_by_the_desk_go_to_the_clients_own_manager(
    workspace: DemoWorkspace,
) -> None:
    desk = assign_managers(workspace.customers, workspace.agents)
    managers = {a.username for a in workspace.agents if a.role == Role.VIP_MANAGER}
    seeded = with_desk_managers(workspace.tickets, desk, workspace.agents)
    assert len(seeded) == len(workspace.tickets)
    moved = 0
    for before, after in zip(workspace.tickets, seeded, strict=True):
        assignment = desk.get(before.customer_uid)
        if assignment is None:
            assert after is before
            continue
        if before.assignee_username in managers:
            assert after.assignee_username == assignment.manager
            moved += before.assignee_username != after.assignee_username
        else:
            assert after.assignee_username == before.assignee_username
        authors = [m.author_username for m in after.messages]
        assert not set(authors) & (managers - {assignment.manager})
        assert [m.body for m in after.messages] == [m.body for m in before.messages]
    assert moved > 0


def test_seeding_the_desk_and_reading_it_back(tmp_path: Path) -> None:
    workspace = generate_demo(seed=7, tickets=600)
    db = Database(sqlite_url(tmp_path / "demo.sqlite3"))
    prepare_schema(db, demo=True)
    started = time.perf_counter()
    seed_workspace(db, workspace)
    assert time.perf_counter() - started < 10.0
    with db.read() as session:
        vips = session.scalar(select(func.count()).where(Customer.vip_tier > 0)) or 0
        assert session.scalar(select(func.count()).select_from(VipClient)) == vips
        mismatched = session.scalar(
            select(func.count())
            .select_from(VipClient)
            .join(Customer, Customer.uid == VipClient.uid)
            .where(Customer.account_manager_id != VipClient.manager_id)
        )
        assert mismatched == 0
        for model in (VipManagerNote, VipFollowUp, VipContact):
            assert (session.scalar(select(func.count()).select_from(model)) or 0) > vips
        desk = set(session.scalars(select(Agent.id).where(Agent.role == "vip_manager")))
        assignees = session.scalars(
            select(Ticket.assignee_id)
            .join(VipClient, VipClient.uid == Ticket.customer_uid)
            .where(Ticket.assignee_id.in_(desk), Ticket.assignee_id != VipClient.manager_id)
        ).all()
        assert assignees == []  # no VIP's case sits with another client's manager
        rows = vip_portfolio.summaries(session, true())
    db.dispose()
    assert len(rows) == vips >= 150
    assert any(r.risks for r in rows) and any(r.next_follow_up_at for r in rows)
    assert all(r.last_contact_at is not None for r in rows)
