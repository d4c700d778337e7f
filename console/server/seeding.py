"""Loads a demo workspace into an empty database in a few bulk transactions."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from console.core.domain import MessageKind
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models import Agent, Base, Customer, Message, SecurityEvent, Ticket, Transfer
from console.server.models_vip import VipClient, VipContact, VipFollowUp, VipManagerNote
from console.server.security import hash_password
from console.server.services import sla
from console.server.services.sla_seed import demo_ticket_columns
from console.server.services.tickets import preview_of

if TYPE_CHECKING:
    from console.server.demo.model import DemoCustomer, DemoTicket, DemoWorkspace
    from console.server.demo.vip_desk import Assignment

log = logging.getLogger("console.server")
_CHUNK = 1000


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Agent.id).limit(1)) is None


def _chunks(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    # Core inserts: one executemany per chunk, without the ORM's per-row bookkeeping.
    if rows:
        session.connection().execute(insert(_table(model)), rows)


def _insert_returning_ids(
    session: Session, model: type[Base], rows: list[dict[str, Any]]
) -> list[int]:
    table = _table(model)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for chunk in _chunks(rows):
        ids.extend(session.connection().execute(statement, chunk).scalars())
    return ids


def _seed_people(
    session: Session, workspace: DemoWorkspace, desk: dict[str, Assignment]
) -> dict[str, tuple[int, str]]:
    now = utcnow()
    # Demo accounts share one published password: hashing it once keeps seeding fast.
    hashes = {p: hash_password(p) for p in {a.password for a in workspace.agents}}
    agent_rows = [
        {
            "username": a.username,
            "display_name": a.display_name,
            "role": str(a.role),
            "languages": list(a.languages),
            "password_hash": hashes[a.password],
            "created_at": now,
        }
        for a in workspace.agents
    ]
    ids = _insert_returning_ids(session, Agent, agent_rows)
    agents = {a.username: (i, a.display_name) for a, i in zip(workspace.agents, ids, strict=True)}
    # A VIP's account manager is their desk manager: live chats go to them first.
    managers = {uid: agents[a.manager][0] for uid, a in desk.items() if a.manager in agents}
    _insert(session, Customer, [_customer_row(c, managers.get(c.uid)) for c in workspace.customers])
    transfers = [
        {
            "customer_uid": c.uid,
            "direction": t.direction,
            "asset": t.asset,
            "network": t.network,
            "amount": t.amount,
            "address": t.address,
            "tx_hash": t.tx_hash,
            "confirmations": t.confirmations,
            "status": str(t.status),
            "created_at": t.created_at,
        }
        for c in workspace.customers
        for t in c.transfers
    ]
    for chunk in _chunks(transfers):
        _insert(session, Transfer, chunk)
    security = [
        {"customer_uid": c.uid, "kind": str(e.kind), "detail": e.detail, "created_at": e.created_at}
        for c in workspace.customers
        for e in c.security_events
    ]
    for chunk in _chunks(security):
        _insert(session, SecurityEvent, chunk)
    return agents


def _customer_row(c: DemoCustomer, manager_id: int | None = None) -> dict[str, Any]:
    return {
        "uid": c.uid,
        "display_name": c.display_name,
        "email": c.email,
        "phone": c.phone,
        "kyc_level": c.kyc_level,
        "vip_tier": c.vip_tier,
        "language": c.language,
        "region": c.region,
        "account_status": str(c.account_status),
        "account_manager_id": manager_id if c.vip_tier > 0 else None,
    }


def _ticket_row(t: DemoTicket, agents: dict[str, tuple[int, str]]) -> dict[str, Any]:
    visible = [m for m in t.messages if m.kind != MessageKind.NOTE]
    updated_at = max([t.created_at, *(m.created_at for m in t.messages)])
    assignee = agents.get(t.assignee_username) if t.assignee_username else None
    return {
        "subject": t.subject,
        "status": str(t.status),
        "priority": str(t.priority),
        "channel": str(t.channel),
        "category": str(t.category),
        "language": t.language,
        "customer_uid": t.customer_uid,
        "assignee_id": assignee[0] if assignee else None,
        "tags": list(t.tags),
        "created_at": t.created_at,
        "updated_at": updated_at,
        "version": 1,
        "message_count": len(t.messages),
        "last_message_preview": preview_of(visible[-1].body) if visible else "",
    }


def _seed_tickets(
    session: Session,
    tickets: list[DemoTicket],
    agents: dict[str, tuple[int, str]],
    customer_names: dict[str, str],
) -> None:
    policies, now = sla.policies(session), utcnow()
    rows = [_ticket_row(t, agents) | demo_ticket_columns(t, policies, now) for t in tickets]
    ids = _insert_returning_ids(session, Ticket, rows)
    messages: list[dict[str, Any]] = []
    for ticket, ticket_id in zip(tickets, ids, strict=True):
        for m in sorted(ticket.messages, key=lambda m: m.created_at):
            author = agents.get(m.author_username) if m.author_username else None
            if m.kind == MessageKind.CUSTOMER:
                author = None
                name = customer_names.get(ticket.customer_uid, ticket.customer_uid)
            else:
                name = author[1] if author else "Support"
            messages.append(
                {
                    "ticket_id": ticket_id,
                    "kind": str(m.kind),
                    "body": m.body,
                    "author_agent_id": author[0] if author else None,
                    "author_name": name,
                    "client_id": None,
                    "created_at": m.created_at,
                }
            )
    for chunk in _chunks(messages):
        _insert(session, Message, chunk)


def _seed_vip_desk(
    session: Session,
    workspace: DemoWorkspace,
    desk: dict[str, Assignment],
    agents: dict[str, tuple[int, str]],
) -> int:
    from console.server.demo.vip_desk import desk_rows

    ids = {username: agent_id for username, (agent_id, _) in agents.items()}
    rows = desk_rows(
        workspace.customers, desk, workspace.agents, ids, utcnow().replace(microsecond=0)
    )
    for model, table_rows in (
        (VipClient, rows.clients),
        (VipManagerNote, rows.notes),
        (VipFollowUp, rows.follow_ups),
        (VipContact, rows.contacts),
    ):
        for chunk in _chunks(table_rows):
            _insert(session, model, chunk)
    return len(rows.clients)


def seed_demo_macros(db: Database) -> None:
    """The demo's macros, unless the workspace already has some."""
    from console.server.demo.macros import DEMO_MACROS
    from console.server.services.macros import add_macros, list_macros

    with db.write() as session:
        if not list_macros(session):
            add_macros(session, DEMO_MACROS)


def seed_workspace(db: Database, workspace: DemoWorkspace) -> None:
    """Writes `workspace` into `db`; no events are written (clients start by listing tickets)."""
    from console.server.demo.vip_desk import assign_managers, with_desk_managers

    started = time.perf_counter()
    desk = assign_managers(workspace.customers, workspace.agents)
    with db.write() as session:
        agents = _seed_people(session, workspace, desk)
        vip_clients = _seed_vip_desk(session, workspace, desk, agents)
    names = {c.uid: c.display_name for c in workspace.customers}
    tickets = with_desk_managers(list(workspace.tickets), desk, workspace.agents)
    for start in range(0, len(tickets), 2 * _CHUNK):
        with db.write() as session:
            _seed_tickets(session, tickets[start : start + 2 * _CHUNK], agents, names)
    seed_demo_macros(db)
    from console.server.demo.kb_seed import seed_demo_kb

    seed_demo_kb(db)
    log.info(
        "seeded demo workspace: %d agents, %d customers (%d VIP clients), %d tickets in %.2f s",
        len(workspace.agents),
        len(workspace.customers),
        vip_clients,
        len(tickets),
        time.perf_counter() - started,
    )
