"""The audit log on the real server: one entry per act (who, what, which ticket or customer),
nothing of the texts themselves, read newest first by supervisors and compliance with filters
and paging, and append-only down to the database."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from chat_env import chat_running_env
from server_fixtures import ServerEnv, assert_error
from sqlalchemy import select

from console.api.schemas import AgentCreate
from console.api.schemas_audit import AuditEntryOut, AuditPage
from console.core.domain import Role
from console.server.models_audit import APPEND_ONLY_MESSAGE, AuditEntry
from console.server.services import auth

NADIA_PASSWORD = "nadia-pass-4444"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    """The chat tests' workspace (knowledge base included) plus nadia, compliance."""
    for server_env in chat_running_env(tmp_path_factory.mktemp("audit") / "server.sqlite3"):
        with server_env.db.write() as session:
            data = AgentCreate(
                username="nadia",
                display_name="Nadia",
                password=NADIA_PASSWORD,
                role=Role.COMPLIANCE,
            )
            server_env.workspace.agent_ids["nadia"] = auth.create_agent(session, None, data).id
        yield server_env


@pytest.fixture(scope="module")
def nadia(env: ServerEnv) -> Iterator[httpx.Client]:
    with env.client() as c:
        r = c.post("/auth/login", json={"username": "nadia", "password": NADIA_PASSWORD})
        r.raise_for_status()
        token = r.json()["token"]
    with env.client(token) as client:
        yield client


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def audit(c: httpx.Client, **params: Any) -> list[AuditEntryOut]:
    r = c.get("/audit", params=params)
    assert r.status_code == 200, r.text
    return AuditPage.model_validate(r.json()).items


def newest(env: ServerEnv, action: str, **params: Any) -> AuditEntryOut:
    with env.as_user("sara") as sara:
        entries = audit(sara, action=action, limit=1, **params)
    assert entries, f"no {action} entry"
    return entries[0]


def new_ticket(c: httpx.Client, uid: str) -> int:
    body = {
        "subject": "Withdrawal pending",
        "body": "Where is my USDT?",
        "customer_uid": uid,
        "channel": "email",
        "category": "deposit_withdrawal",
        "language": "en",
        "priority": "normal",
    }
    r = c.post("/tickets", json=body, headers=key())
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def last_id(env: ServerEnv) -> int:
    with env.as_user("sara") as sara:
        entries = audit(sara, limit=1)
    return entries[0].id if entries else 0


def since(env: ServerEnv, start: int, **params: Any) -> list[AuditEntryOut]:
    with env.as_user("sara") as sara:
        return [e for e in audit(sara, limit=200, **params) if e.id > start]


# --- what is recorded -------------------------------------------------------------------------


def test_ticket_changes_are_recorded_with_before_and_after(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[1]
    bob = env.workspace.agent_ids["bob"]
    start = last_id(env)
    with env.as_user("alice") as alice:
        before = alice.get(f"/tickets/{ticket_id}").json()
        update = {"status": "pending", "priority": "urgent", "assignee_id": bob}
        assert alice.patch(f"/tickets/{ticket_id}", json=update, headers=key()).status_code == 200
        # Tags alone are not an audited change.
        tagged = alice.patch(f"/tickets/{ticket_id}", json={"tags": ["x1"]}, headers=key())
        assert tagged.status_code == 200
    entries = since(env, start, ticket_id=ticket_id)
    assert [e.action for e in entries] == ["ticket.updated"]
    entry = entries[0]
    assert (entry.actor_id, entry.actor_name, entry.actor_role) == (
        env.workspace.agent_ids["alice"],
        "Alice",
        "agent",
    )
    assert (entry.target_kind, entry.target_id, entry.ticket_id) == (
        "ticket",
        str(ticket_id),
        ticket_id,
    )
    assert entry.customer_uid == before["customer_uid"]
    assert entry.detail == {
        "status": [before["status"], "pending"],
        "priority": [before["priority"], "urgent"],
        "assignee_id": [before["assignee_id"], bob],
    }


def test_replies_and_notes_are_recorded_without_their_text(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[2]
    start = last_id(env)
    with env.as_user("alice") as alice:
        for kind, body in (("reply", "Your withdrawal is on its way."), ("note", "VIP, careful")):
            r = alice.post(
                f"/tickets/{ticket_id}/messages",
                json={"kind": kind, "body": body, "client_id": uuid.uuid4().hex},
                headers=key(),
            )
            assert r.status_code == 201, r.text
    entries = since(env, start, ticket_id=ticket_id)
    assert [e.action for e in entries] == ["ticket.noted", "ticket.replied"]
    assert all(set(e.detail) == {"message_id", "attachments"} for e in entries)
    assert "on its way" not in str(entries) and "careful" not in str(entries)


def test_merge_link_unlink_and_escalations_are_recorded(env: ServerEnv) -> None:
    first, third = env.workspace.ticket_ids[0], env.workspace.ticket_ids[3]
    with env.as_user("alice") as alice, env.as_user("sara") as sara:
        second = new_ticket(alice, alice.get(f"/tickets/{first}").json()["customer_uid"])
        start = last_id(env)
        assert alice.post(f"/tickets/{first}/links", json={"ticket_id": third}).status_code == 200
        assert alice.delete(f"/tickets/{first}/links/{third}").status_code == 200
        merged = alice.post(f"/tickets/{second}/merge", json={"into_id": first}, headers=key())
        assert merged.status_code == 200, merged.text
        esc = alice.post(
            f"/tickets/{first}/escalations",
            json={"department": "security", "note": "Check the device."},
            headers=key(),
        ).json()
        answered = sara.post(f"/escalations/{esc['id']}/answer", json={"answer": "Fine."})
        assert answered.status_code == 200
        assert alice.post(f"/escalations/{esc['id']}/close", headers=key()).status_code == 200
    entries = since(env, start)
    acts = [(e.action, e.target_kind, e.target_id, e.ticket_id, e.actor_name) for e in entries]
    assert acts == [
        ("escalation.closed", "escalation", str(esc["id"]), first, "Alice"),
        ("escalation.answered", "escalation", str(esc["id"]), first, "Sara"),
        ("escalation.created", "escalation", str(esc["id"]), first, "Alice"),
        ("ticket.merged", "ticket", str(second), second, "Alice"),
        ("ticket.unlinked", "ticket", str(first), first, "Alice"),
        ("ticket.linked", "ticket", str(first), first, "Alice"),
    ]
    assert entries[3].detail["into_id"] == first
    assert entries[0].detail == {"department": "security"}


def test_opening_a_customer_record_is_recorded_once_per_agent_and_while(env: ServerEnv) -> None:
    uid = "U103"
    start = last_id(env)
    with env.as_user("bob") as bob, env.as_user("alice") as alice:
        assert bob.get(f"/customers/{uid}").status_code == 200
        assert bob.get(f"/customers/{uid}").status_code == 200  # again at once: no new entry
        assert alice.get(f"/customers/{uid}").status_code == 200
        assert bob.get("/customers/NOBODY").status_code == 404  # nothing seen, nothing recorded
    entries = since(env, start, action="customer.viewed")
    assert [(e.actor_name, e.customer_uid, e.target_id) for e in entries] == [
        ("Alice", uid, uid),
        ("Bob", uid, uid),
    ]


def test_kb_decisions_sla_changes_and_new_agents_are_recorded(env: ServerEnv) -> None:
    start = last_id(env)
    with env.as_user("alice") as alice, env.as_user("sara") as sara:
        article = alice.get("/kb/articles", params={"limit": 1}).json()["articles"][0]
        proposals = []
        for note in ("first", "second"):
            body = {
                "base_version": article["version"],
                "locales": article["locales"],
                "tags": article["tags"],
                "category": article["category"],
                "note": note,
            }
            r = alice.post(f"/kb/articles/{article['id']}/revisions", json=body, headers=key())
            assert r.status_code == 201, r.text
            proposals.append(r.json()["id"])
        approve = sara.post(f"/kb/revisions/{proposals[0]}/approve", json={}, headers=key())
        assert approve.status_code == 200
        reject = sara.post(f"/kb/revisions/{proposals[1]}/reject", json={"comment": "Stale"})
        assert reject.status_code == 200
        policy = {"first_response_minutes": 45, "resolution_minutes": 600}
        assert sara.put("/sla-policies/low", json=policy, headers=key()).status_code == 200
        new = {
            "username": f"u{uuid.uuid4().hex[:8]}",
            "display_name": "New Colleague",
            "password": "long-enough-1",
            "role": "agent",
        }
        created = sara.post("/agents", json=new, headers=key())
        assert created.status_code == 201
    acts = [(e.action, e.target_kind, e.actor_name) for e in since(env, start)]
    assert acts == [
        ("agent.created", "agent", "Sara"),
        ("sla.policy_changed", "sla_policy", "Sara"),
        ("kb.revision_rejected", "revision", "Sara"),
        ("kb.revision_approved", "revision", "Sara"),
    ]
    sla = newest(env, "sla.policy_changed")
    assert sla.target_id == "low" and sla.detail["minutes_after"] == [45, 600]
    approved = newest(env, "kb.revision_approved")
    assert approved.target_id == str(proposals[0])
    assert approved.detail == {"article_id": article["id"], "version": article["version"] + 1}
    agent = newest(env, "agent.created")
    assert agent.target_id == str(created.json()["id"])
    assert agent.detail == {"username": new["username"], "role": "agent"}


def test_sign_in_and_sign_out_are_recorded(env: ServerEnv) -> None:
    start = last_id(env)
    with env.client() as c:
        r = c.post("/auth/login", json={"username": "bob", "password": "bob-pass-22"})
        token = r.json()["token"]
        assert (
            c.post("/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 204
        )
        refused = c.post("/auth/login", json={"username": "bob", "password": "wrong"})
        assert refused.status_code == 401
    entries = since(env, start, actor_id=env.workspace.agent_ids["bob"])
    assert [(e.action, e.target_id) for e in entries] == [
        ("auth.signed_out", str(env.workspace.agent_ids["bob"])),
        ("auth.signed_in", str(env.workspace.agent_ids["bob"])),
    ]


def test_a_refused_reply_is_recorded_though_nothing_was_sent(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[3]
    start = last_id(env)
    asking = "Please send us your 助记词 so we can restore the wallet."
    with env.as_user("alice") as alice:
        r = alice.post(
            f"/tickets/{ticket_id}/messages",
            json={"kind": "reply", "body": asking, "client_id": uuid.uuid4().hex},
            headers=key(),
        )
        assert_error(r, 422, "unsafe_message")
        bodies = [m["body"] for m in alice.get(f"/tickets/{ticket_id}/messages").json()]
    assert asking not in bodies
    [entry] = since(env, start, ticket_id=ticket_id)
    assert (entry.action, entry.actor_name, entry.target_kind) == (
        "guard.blocked",
        "Alice",
        "ticket",
    )
    assert entry.detail == {"kind": "reply", "categories": ["asks_secret"], "source": "server"}
    assert "助记词" not in str(entry)


# --- the console's reports of what it blocked ----------------------------------------------------


def test_the_console_reports_a_block_once_per_key(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[4]
    start = last_id(env)
    report = {"kind": "reply", "ticket_id": ticket_id, "categories": ["asks_secret", "asks_code"]}
    once = key()
    with env.as_user("alice") as alice:
        first = alice.post("/audit/guard-blocks", json=report, headers=once)
        again = alice.post("/audit/guard-blocks", json=report, headers=once)  # a retry
    assert first.status_code == again.status_code == 201, first.text
    assert first.json() == again.json()
    [entry] = since(env, start, ticket_id=ticket_id)
    assert entry.action == "guard.blocked" and entry.actor_name == "Alice"
    assert entry.detail == {
        "kind": "reply",
        "categories": ["asks_secret", "asks_code"],
        "source": "console",
    }


@pytest.mark.parametrize(
    ("report", "status"),
    [
        ({"kind": "reply", "categories": ["asks_secret"]}, 422),  # where?
        ({"kind": "reply", "ticket_id": 1, "conversation_id": 1, "categories": ["asks_code"]}, 422),
        ({"kind": "chat_message", "ticket_id": 1, "categories": ["asks_code"]}, 422),
        ({"kind": "reply", "ticket_id": 1, "categories": []}, 422),
        ({"kind": "reply", "ticket_id": 1, "categories": ["rude"]}, 422),
        ({"kind": "reply", "ticket_id": 1, "categories": ["asks_code"], "text": "send code"}, 422),
        ({"kind": "reply", "ticket_id": 999_999, "categories": ["asks_code"]}, 404),
        ({"kind": "chat_message", "conversation_id": 999_999, "categories": ["asks_code"]}, 404),
    ],
)
def test_a_report_names_one_existing_place_and_known_kinds_only(
    env: ServerEnv, report: dict[str, Any], status: int
) -> None:
    with env.as_user("alice") as alice:
        r = alice.post("/audit/guard-blocks", json=report)
    assert r.status_code == status, r.text


# --- reading the log -------------------------------------------------------------------------


def test_supervisors_and_compliance_read_the_log_agents_do_not(
    env: ServerEnv, nadia: httpx.Client
) -> None:
    assert audit(nadia, limit=5)
    for user in ("alice", "mei"):
        with env.as_user(user) as c:
            assert_error(c.get("/audit"), 403, "role_forbidden")


def test_filters_and_paging_newest_first(env: ServerEnv, nadia: httpx.Client) -> None:
    uid = "U104"
    with env.as_user("alice") as alice:
        for ticket_id in (new_ticket(alice, uid), new_ticket(alice, uid)):
            for priority in ("urgent", "low"):
                r = alice.patch(f"/tickets/{ticket_id}", json={"priority": priority}, headers=key())
                assert r.status_code == 200, r.text
    everything = audit(nadia, customer_uid=uid, limit=200)
    assert len(everything) >= 4 and all(e.customer_uid == uid for e in everything)
    ids = [e.id for e in everything]
    assert ids == sorted(ids, reverse=True)
    pages: list[int] = []
    before: int | None = None
    while True:
        params: dict[str, Any] = {"customer_uid": uid, "limit": 3}
        if before is not None:
            params["before_id"] = before
        page = AuditPage.model_validate(nadia.get("/audit", params=params).json())
        pages.extend(e.id for e in page.items)
        if page.next_before_id is None:
            break
        before = page.next_before_id
    assert pages == ids
    alice_id = env.workspace.agent_ids["alice"]
    by_alice = audit(nadia, actor_id=alice_id, action="ticket.updated", customer_uid=uid)
    assert by_alice and all(
        (e.actor_id, e.action, e.customer_uid) == (alice_id, "ticket.updated", uid)
        for e in by_alice
    )
    assert audit(nadia, action="no.such.action") == []
    assert_error(nadia.get("/audit", params={"limit": 0}), 422, "invalid_request")
    assert_error(nadia.get("/audit", params={"ticket_id": "x"}), 422, "invalid_request")


# --- append-only --------------------------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_an_entry(env: ServerEnv) -> None:
    path = Path(str(env.db.engine.url.database))
    with sqlite3.connect(path, timeout=15.0) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert before > 0
        for statement in (
            "UPDATE audit_log SET actor_name = 'someone else'",
            "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)",
        ):
            with pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY_MESSAGE):
                conn.execute(statement)
        after = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert after == before
    with env.db.read() as session:
        names = set(session.scalars(select(AuditEntry.actor_name)))
    assert "someone else" not in names


def test_no_code_path_updates_or_deletes_audit_rows() -> None:
    """Append-only by construction too: nothing in the server names the table in an UPDATE
    or DELETE (the triggers catch the rest on SQLite)."""
    root = Path(__file__).resolve().parents[2] / "console"
    offending = []
    for source in root.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for needle in (
            "update(AuditEntry",
            "delete(AuditEntry",
            "UPDATE audit_log",
            "DELETE FROM audit_log",
        ):
            if needle in text:
                offending.append(f"{source.relative_to(root)}: {needle}")
    assert offending == []
