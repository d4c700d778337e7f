"""SLA on the real server: policies, pause/resume, first response, priority changes, breaches,
and the priority suggested for new tickets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from server_fixtures import ServerEnv, assert_error
from sqlalchemy import select

from console.api.schemas import SlaOut, TicketCreate
from console.core.domain import Priority, SlaState
from console.core.sla import SlaClock, sla_status
from console.server.models import Event, Ticket
from console.server.services import messages, tickets
from console.server.sla_sweeper import sweep_once


def parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def clock_of(ticket: dict[str, Any]) -> SlaClock:
    sla = SlaOut.model_validate(ticket["sla"])
    return SlaClock(
        started_at=parse(ticket["created_at"]),
        policy_priority=sla.policy_priority,
        first_response_due_at=sla.first_response_due_at,
        resolution_due_at=sla.resolution_due_at,
        first_response_at=sla.first_response_at,
        resolved_at=sla.resolved_at,
        paused_since=sla.paused_since,
        paused_seconds=sla.paused_seconds,
    )


def new_ticket(
    env: ServerEnv, subject: str = "Question about fees", **extra: Any
) -> dict[str, Any]:
    body = {"subject": subject, "body": extra.pop("body", "Hello"), "customer_uid": "U100"}
    body.update(extra)
    with env.as_user("alice") as c:
        r = c.post("/tickets", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def patch(env: ServerEnv, ticket_id: int, **changes: Any) -> dict[str, Any]:
    with env.as_user("alice") as c:
        r = c.patch(f"/tickets/{ticket_id}", json=changes)
    assert r.status_code == 200, r.text
    return dict(r.json())


def breaches(env: ServerEnv, ticket_id: int) -> list[dict[str, Any]]:
    with env.db.read() as session:
        rows = session.scalars(
            select(Event)
            .where(Event.ticket_id == ticket_id, Event.type == "sla.breached")
            .order_by(Event.id)
        )
        return [row.payload for row in rows]


# --- policies ----------------------------------------------------------------------------------


def test_policies_list_defaults_and_only_supervisors_change_them(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        listed = c.get("/sla-policies").json()
        minutes = {
            p["priority"]: (p["first_response_minutes"], p["resolution_minutes"]) for p in listed
        }
        assert minutes["urgent"] == (15, 240) and minutes["low"] == (2880, 7200)
        assert len(listed) == 4
        update = {"first_response_minutes": 30, "resolution_minutes": 300}
        assert_error(c.put("/sla-policies/urgent", json=update), 403, "role_forbidden")
    with env.as_user("sara") as c:
        assert_error(c.put("/sla-policies/asap", json=update), 422, "invalid_request")
        bad = {"first_response_minutes": 0, "resolution_minutes": 300}
        assert_error(c.put("/sla-policies/low", json=bad), 422, "invalid_request")
        r = c.put("/sla-policies/low", json=update)
        assert r.status_code == 200, r.text
        assert r.json() == {"priority": "low", **update}
        assert {"priority": "low", **update} in c.get("/sla-policies").json()
    try:
        created = new_ticket(env, priority="low")
        assert parse(created["sla"]["first_response_due_at"]) == parse(
            created["created_at"]
        ) + timedelta(minutes=30)
    finally:
        with env.as_user("sara") as c:
            c.put(
                "/sla-policies/low",
                json={"first_response_minutes": 2880, "resolution_minutes": 7200},
            )


# --- the clock ---------------------------------------------------------------------------------


def test_new_ticket_starts_its_clock(env: ServerEnv) -> None:
    t = new_ticket(env, priority="high")
    created = parse(t["created_at"])
    sla = t["sla"]
    assert sla["policy_priority"] == "high"
    assert parse(sla["first_response_due_at"]) == created + timedelta(hours=2)
    assert parse(sla["resolution_due_at"]) == created + timedelta(hours=24)
    assert sla["paused_since"] is None and sla["paused_seconds"] == 0
    assert sla_status(clock_of(t), created).state == SlaState.OK


def test_pending_pauses_and_reopening_pushes_the_due_times(env: ServerEnv) -> None:
    t = new_ticket(env, priority="normal")
    due = parse(t["sla"]["first_response_due_at"])
    pending = patch(env, t["id"], status="pending")
    paused_since = parse(pending["sla"]["paused_since"])
    assert sla_status(clock_of(pending), paused_since + timedelta(days=3)).state == SlaState.PAUSED
    # Two hours went by while the customer took their time.
    with env.db.write() as session:
        row = session.get(Ticket, t["id"])
        assert row is not None
        row.sla_paused_since = paused_since - timedelta(hours=2)
    reopened = patch(env, t["id"], status="open")
    sla = reopened["sla"]
    assert sla["paused_since"] is None
    assert 7200 <= sla["paused_seconds"] <= 7202
    pushed = timedelta(seconds=sla["paused_seconds"])
    assert parse(sla["first_response_due_at"]) == due + pushed
    assert parse(sla["resolution_due_at"]) == parse(t["sla"]["resolution_due_at"]) + pushed
    # Pending again, and a customer message resumes it too.
    again = patch(env, t["id"], status="pending")
    assert again["sla"]["paused_since"] is not None
    with env.db.write() as session:
        messages.add_customer_message(session, t["id"], "Here is the screenshot.")
    with env.as_user("alice") as c:
        after = c.get(f"/tickets/{t['id']}").json()
    assert after["status"] == "open" and after["sla"]["paused_since"] is None


def test_a_note_is_not_a_first_response_a_reply_is(env: ServerEnv) -> None:
    t = new_ticket(env)
    with env.as_user("alice") as c:
        c.post(f"/tickets/{t['id']}/messages", json={"kind": "note", "body": "checking"})
        assert c.get(f"/tickets/{t['id']}").json()["sla"]["first_response_at"] is None
        reply = c.post(f"/tickets/{t['id']}/messages", json={"kind": "reply", "body": "On it"})
        first = c.get(f"/tickets/{t['id']}").json()["sla"]["first_response_at"]
        assert parse(first) == parse(reply.json()["created_at"])
        c.post(f"/tickets/{t['id']}/messages", json={"kind": "reply", "body": "Done"})
        assert c.get(f"/tickets/{t['id']}").json()["sla"]["first_response_at"] == first


def test_priority_change_recomputes_from_creation(env: ServerEnv) -> None:
    t = new_ticket(env, priority="low")
    created = parse(t["created_at"])
    raised = patch(env, t["id"], priority="urgent")
    assert raised["sla"]["policy_priority"] == "urgent"
    assert parse(raised["sla"]["first_response_due_at"]) == created + timedelta(minutes=15)
    assert parse(raised["sla"]["resolution_due_at"]) == created + timedelta(hours=4)
    lowered = patch(env, t["id"], priority="normal")
    assert parse(lowered["sla"]["first_response_due_at"]) == created + timedelta(hours=24)


def test_solved_meets_the_sla_and_a_customer_reopens_it(env: ServerEnv) -> None:
    t = new_ticket(env)
    solved = patch(env, t["id"], status="solved")
    assert solved["sla"]["resolved_at"] is not None
    assert (
        sla_status(clock_of(solved), datetime.now(UTC) + timedelta(days=30)).state == SlaState.MET
    )
    with env.db.write() as session:
        messages.add_customer_message(session, t["id"], "It happened again.")
    with env.as_user("alice") as c:
        again = c.get(f"/tickets/{t['id']}").json()
    assert again["status"] == "open" and again["sla"]["resolved_at"] is None


# --- breaches ----------------------------------------------------------------------------------


def test_breach_is_emitted_once_per_target_even_when_swept_twice(env: ServerEnv) -> None:
    with env.db.write() as session:
        opened = datetime.now(UTC) - timedelta(hours=5)
        data = TicketCreate(
            subject="Fees", body="Hello", customer_uid="U101", priority=Priority.URGENT
        )
        ticket_id = tickets.create_ticket(session, data, now=opened).id
    assert breaches(env, ticket_id) == []  # created late in the test, announced by the sweep
    sweep_once(env.db)
    sweep_once(env.db)
    found = breaches(env, ticket_id)
    assert sorted(b["target"] for b in found) == ["first_response", "resolution"]
    first = next(b for b in found if b["target"] == "first_response")
    assert parse(first["due_at"]) == opened + timedelta(minutes=15)
    assert first["priority"] == "urgent" and first["ticket_id"] == ticket_id
    # Now answered and re-prioritised: nothing is announced twice.
    with env.as_user("bob") as c:
        c.post(f"/tickets/{ticket_id}/messages", json={"kind": "reply", "body": "Sorry"})
    patch(env, ticket_id, priority="high")
    patch(env, ticket_id, priority="urgent")
    sweep_once(env.db)
    assert len(breaches(env, ticket_id)) == 2
    # The stream carries them like any other event.
    with env.as_user("alice") as c:
        items = c.get("/events", params={"after": 0, "limit": 1000}).json()["items"]
    assert any(e["type"] == "sla.breached" and e["ticket_id"] == ticket_id for e in items)


def test_a_paused_ticket_is_not_swept_and_a_late_reply_still_counts(env: ServerEnv) -> None:
    t = new_ticket(env, priority="urgent")
    patch(env, t["id"], status="pending")
    with env.db.write() as session:
        row = session.get(Ticket, t["id"])
        assert row is not None
        row.sla_first_response_due_at = datetime.now(UTC) - timedelta(minutes=1)
        row.sla_paused_since = datetime.now(UTC) - timedelta(seconds=30)
    sweep_once(env.db)
    assert breaches(env, t["id"]) == []  # paused on time: the clock stood still
    patch(env, t["id"], status="open")
    with env.as_user("alice") as c:
        c.post(f"/tickets/{t['id']}/messages", json={"kind": "reply", "body": "Late, sorry"})
    # A pause of 30 s pushed the due time; still before the reply, so the reply was late.
    assert [b["target"] for b in breaches(env, t["id"])] == ["first_response"]


# --- suggestion --------------------------------------------------------------------------------


def test_new_ticket_gets_a_suggestion_and_a_raised_priority(env: ServerEnv) -> None:
    t = new_ticket(
        env, subject="账户被盗，USDT 被提走了", body="不是我本人操作的！", priority="normal"
    )
    assert t["priority"] == "urgent"
    assert t["suggested_priority"] == "urgent" and "被盗" in t["suggestion_reason"]
    assert t["sla"]["policy_priority"] == "urgent"
    lowered = patch(env, t["id"], priority="high")
    assert lowered["priority"] == "high" and lowered["suggested_priority"] == "urgent"
    plain = new_ticket(env, subject="How do I enable 2FA?", body="Which app?", priority="low")
    assert plain["priority"] == "low" and plain["suggested_priority"] is None
    stuck = new_ticket(env, subject="Withdrawal stuck", body="Pending 5 hours", priority="urgent")
    assert stuck["priority"] == "urgent" and stuck["suggested_priority"] == "high"


def test_ticket_carries_customer_group_and_search_terms(env: ServerEnv) -> None:
    t = new_ticket(env, category="deposit_withdrawal")
    assert t["customer_name"] == "Customer U100"
    assert t["customer_vip_tier"] == 0
    assert t["group"] == "funds"
    assert t["search_terms"][0] == "u100@example.com"
    assert "TXa1" in t["search_terms"] and len(t["search_terms"]) <= 40
