from __future__ import annotations

import random
import re
import time
from pathlib import Path
from typing import Any

import httpx
from server_fixtures import ServerEnv, assert_error, fast_settings

from console.api.schemas import API_PREFIX, EscalationOut, EventOut, TicketOut
from console.server.demo import DEMO_PASSWORD
from console.server.embedded import EmbeddedServer
from console.server.traffic import answer_escalations


def _last_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def _events_since(c: httpx.Client, start: int) -> list[EventOut]:
    items = c.get("/events", params={"after": start}).json()["items"]
    return [EventOut.model_validate(e) for e in items if e["type"] != "sla.breached"]


def _ticket(c: httpx.Client, uid: str = "U100", language: str = "en") -> dict[str, Any]:
    body = {"subject": "esc", "body": "help", "customer_uid": uid, "language": language}
    r = c.post("/tickets", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def _escalate(c: httpx.Client, ticket_id: int, department: str = "security") -> EscalationOut:
    r = c.post(
        f"/tickets/{ticket_id}/escalations",
        json={"department": department, "note": "Please check the logins"},
    )
    assert r.status_code == 201, r.text
    return EscalationOut.model_validate(r.json())


def test_escalation_lifecycle(env: ServerEnv) -> None:
    with env.as_user("alice") as alice, env.as_user("sara") as sara:
        ticket = _ticket(alice)
        start = _last_id(alice)
        esc = _escalate(alice, ticket["id"])
        held = TicketOut.model_validate(alice.get(f"/tickets/{ticket['id']}").json())
        created_events = _events_since(alice, start)
        second = _escalate(alice, ticket["id"], "finance")
        listed = alice.get(f"/tickets/{ticket['id']}/escalations").json()

        assert_error(
            alice.post(f"/escalations/{esc.id}/answer", json={"answer": "ok"}),
            403,
            "role_forbidden",
        )
        mid = _last_id(alice)
        r = sara.post(f"/escalations/{esc.id}/answer", json={"answer": "Sessions revoked."})
        assert r.status_code == 200, r.text
        answered = EscalationOut.model_validate(r.json())
        still_held = alice.get(f"/tickets/{ticket['id']}").json()
        sara.post(f"/escalations/{second.id}/answer", json={"answer": "Refund approved."})
        reopened = alice.get(f"/tickets/{ticket['id']}").json()
        answer_events = _events_since(alice, mid)

        r = alice.post(f"/escalations/{esc.id}/close", json={})
        assert r.status_code == 200, r.text
        closed = EscalationOut.model_validate(r.json())
        repeat = alice.post(f"/escalations/{esc.id}/close", json={})
        after_close = alice.get(f"/tickets/{ticket['id']}").json()
        assert_error(
            sara.post(f"/escalations/{esc.id}/answer", json={"answer": "late"}), 409, "conflict"
        )
    assert esc.status == "open" and esc.department == "security"
    assert esc.created_by_name == "Alice" and esc.answer is None
    assert held.status == "on_hold" and held.open_escalations == 1
    assert [(e.type, e.ticket_id) for e in created_events] == [
        ("escalation.created", ticket["id"]),
        ("ticket.updated", ticket["id"]),
    ]
    assert EscalationOut.model_validate(created_events[0].payload) == esc
    assert [e["id"] for e in listed] == [esc.id, second.id]
    assert answered.status == "answered" and answered.answer == "Sessions revoked."
    assert answered.answered_by_name == "Sara"
    # Still waiting on finance: on hold until the last question is answered.
    assert still_held["status"] == "on_hold"
    assert reopened["status"] == "open" and reopened["open_escalations"] == 2
    assert [e.type for e in answer_events] == [
        "escalation.updated",
        "escalation.updated",
        "ticket.updated",
    ]
    assert closed.status == "closed" and closed.answer == "Sessions revoked."
    assert repeat.status_code == 200 and repeat.json()["status"] == "closed"
    assert after_close["open_escalations"] == 1


def test_pending_ticket_stays_pending_and_bad_input(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        ticket = _ticket(c)
        c.patch(f"/tickets/{ticket['id']}", json={"status": "pending"})
        _escalate(c, ticket["id"], "compliance")
        after = c.get(f"/tickets/{ticket['id']}").json()
        assert_error(
            c.post(
                f"/tickets/{ticket['id']}/escalations", json={"department": "legal", "note": "x"}
            ),
            422,
            "invalid_request",
        )
        assert_error(
            c.post(f"/tickets/{ticket['id']}/escalations", json={"department": "security"}),
            422,
            "invalid_request",
        )
        assert_error(c.get("/tickets/999999/escalations"), 404, "not_found")
        assert_error(c.post("/escalations/999999/close", json={}), 404, "not_found")
        assert_error(c.post("/escalations/1/close", json={"x": 1}), 422, "invalid_request")
    assert after["status"] == "pending" and after["open_escalations"] == 1


def test_simulated_departments_answer_in_the_ticket_language(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        zh = _ticket(c, "U101", "zh")
        en = _ticket(c, "U103", "en")
        zh_esc = _escalate(c, zh["id"], "risk_aml")
        en_esc = _escalate(c, en["id"], "engineering")
        # Long delay: nothing is due yet.
        assert answer_escalations(env.db, 3600.0, random.Random(1)) == []
        answered = answer_escalations(env.db, 0.0, random.Random(1))
        assert answer_escalations(env.db, 0.0, random.Random(1)) == []
        zh_after = c.get(f"/tickets/{zh['id']}/escalations").json()[0]
        en_after = c.get(f"/tickets/{en['id']}/escalations").json()[0]
        zh_ticket = c.get(f"/tickets/{zh['id']}").json()
    assert {zh_esc.id, en_esc.id} <= set(answered)
    assert zh_after["status"] == "answered" and en_after["status"] == "answered"
    assert re.search(r"[\u4e00-\u9fff]", zh_after["answer"])
    assert zh_after["answered_by_name"] == "风控与反洗钱"
    assert not re.search(r"[\u4e00-\u9fff]", en_after["answer"])
    assert en_after["answered_by_name"] == "Engineering"
    assert zh_ticket["status"] == "open"


def test_running_demo_server_answers_escalations(tmp_path: Path) -> None:
    settings = fast_settings(
        tmp_path / "departments.sqlite3",
        demo=True,
        simulate=True,
        simulate_interval_s=3600.0,  # customers stay quiet; only the departments work
        department_answer_s=0.2,
        demo_tickets=60,
    )
    server = EmbeddedServer(settings)
    base = server.start()
    try:
        with httpx.Client(base_url=base + API_PREFIX, timeout=10) as c:
            login = {"username": "mei", "password": DEMO_PASSWORD}
            c.headers["Authorization"] = (
                f"Bearer {c.post('/auth/login', json=login).json()['token']}"
            )
            ticket_id = c.get("/tickets", params={"limit": 1}).json()["items"][0]["id"]
            esc = _escalate(c, ticket_id, "security")
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                current = c.get(f"/tickets/{ticket_id}/escalations").json()[-1]
                if current["status"] != "open":
                    break
                time.sleep(0.1)
    finally:
        server.stop()
    assert current["id"] == esc.id and current["status"] == "answered"
    assert current["answer"] and current["answered_by_name"]
