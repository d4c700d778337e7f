"""Outreach on a real server: one message to chosen VIP clients, each in their language, carried
by a new in-app ticket per client; idempotent on client_id; the client's answer (the demo
traffic's own path) marks them REPLIED; managers reach only their own clients."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from chat_env import key
from server_fixtures import assert_error
from sqlalchemy import func, select
from vip_ladder_env import VipServerEnv, last_event, vip_running_env

from console.api.schemas_vip import OutreachOut
from console.server import traffic
from console.server.clock import utcnow
from console.server.demo.simulator import CustomerFollowUp
from console.server.models import Event, Ticket
from console.server.models_vip import VipOutreach
from console.server.traffic import follow_up

BODIES = {
    "zh": "尊敬的客户，新的大额交易通道已开通。",
    "en": "Dear client, our new OTC desk is open.",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-outreach") / "server.sqlite3")


def outreach(uids: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "client_id": uuid.uuid4().hex,
        "subject": "New OTC desk",
        "bodies": BODIES,
        "client_uids": uids,
        **extra,
    }


def ticket_count(env: VipServerEnv) -> int:
    with env.db.read() as session:
        return session.scalar(select(func.count()).select_from(Ticket)) or 0


def test_one_ticket_per_client_in_their_language_and_a_repeat_creates_nothing(
    env: VipServerEnv,
) -> None:
    mei = env.workspace.agent_ids["mei"]
    body = outreach(["U101", "U103", "U101"])  # U101 twice: reached once
    before_tickets, before_events = ticket_count(env), last_event(env)
    with env.as_user("mei") as c:
        r = c.post("/vip/outreach", json=body)
        assert r.status_code == 201, r.text
        sent = OutreachOut.model_validate(r.json())
        assert [(x.client_uid, x.language, x.status) for x in sent.recipients] == [
            ("U101", "zh", "delivered"),
            ("U103", "en", "delivered"),
        ]
        assert sent.created_by == mei and sent.created_by_name == "Mei"
        for rec in sent.recipients:
            assert rec.ticket_id is not None and rec.delivered_at is not None
            ticket = c.get(f"/tickets/{rec.ticket_id}").json()
            assert ticket["customer_uid"] == rec.client_uid
            assert (ticket["channel"], ticket["status"], ticket["assignee_id"]) == (
                "in_app",
                "pending",
                mei,
            )
            assert ticket["subject"] == "New OTC desk" and ticket["language"] == rec.language
            said = c.get(f"/tickets/{rec.ticket_id}/messages").json()
            assert [(m["kind"], m["author_agent_id"], m["body"]) for m in said] == [
                ("reply", mei, BODIES[rec.language])
            ]
        assert ticket_count(env) == before_tickets + 2
        # Tickets and messages flowed as usual, one of each per client.
        with env.db.read() as session:
            types = session.scalars(select(Event.type).where(Event.id > before_events)).all()
        assert types.count("ticket.created") == 2 and types.count("message.created") == 2
        again = c.post("/vip/outreach", json=body)
        assert again.status_code == 200, again.text
        assert OutreachOut.model_validate(again.json()) == sent
        assert ticket_count(env) == before_tickets + 2
        changed = {**body, "subject": "Another subject"}
        assert_error(c.post("/vip/outreach", json=changed), 409, "conflict")


def test_a_client_reply_marks_replied_and_tells_the_author(env: VipServerEnv) -> None:
    mei = env.workspace.agent_ids["mei"]
    with env.as_user("mei") as c:
        r = c.post("/vip/outreach", json=outreach(["U101", "U103"], subject="Quarterly review"))
        assert r.status_code == 201, r.text
    sent = OutreachOut.model_validate(r.json())
    before = last_event(env)
    # The simulated client answers through the demo traffic's path (messages.add_customer_message).
    answer = CustomerFollowUp(
        ticket_index=0,
        ticket_subject="Quarterly review",
        customer_uid="U103",
        body="Thanks, please call me tomorrow.",
        language="en",
    )
    ticket_id = follow_up(env.db, answer)
    assert ticket_id == sent.recipients[1].ticket_id
    with env.as_user("mei") as c:
        now = OutreachOut.model_validate(c.get(f"/vip/outreach/{sent.id}").json())
        said = c.get(f"/tickets/{ticket_id}/messages").json()
        events = c.get("/events", params={"after": before}).json()["items"]
    replied, untouched = now.recipients[1], now.recipients[0]
    assert replied.status == "replied" and replied.replied_at is not None
    assert replied.reply_message_id == said[-1]["id"] and said[-1]["kind"] == "customer"
    assert untouched.status == "delivered" and untouched.reply_message_id is None
    updates = [e for e in events if e["type"] == "vip.outreach.updated"]
    assert [OutreachOut.model_validate(e["payload"]) for e in updates] == [now]
    # For the author alone.
    with env.db.read() as session:
        audiences = session.scalars(
            select(Event.audience_agent_id).where(
                Event.id > before, Event.type == "vip.outreach.updated"
            )
        ).all()
    assert audiences == [mei]
    follow_up(env.db, answer)  # answering again changes nothing
    with env.as_user("mei") as c:
        assert OutreachOut.model_validate(c.get(f"/vip/outreach/{sent.id}").json()) == now


def test_a_client_without_a_text_in_their_language_fails(env: VipServerEnv) -> None:
    with env.as_user("mei") as c:
        r = c.post("/vip/outreach", json=outreach(["U102"], fallback_language="de"))
        assert r.status_code == 201, r.text
        rec = OutreachOut.model_validate(r.json()).recipients[0]
        assert (rec.status, rec.language, rec.ticket_id) == ("failed", "ja", None)
        r = c.post("/vip/outreach", json=outreach(["U102"]))  # English as the fallback
        rec = OutreachOut.model_validate(r.json()).recipients[0]
        assert (rec.status, rec.language) == ("delivered", "en")


def test_managers_reach_their_own_clients_only(env: VipServerEnv) -> None:
    before, count = ticket_count(env), _outreach_count(env)
    with env.as_user("mei") as c:  # U104 is kai's (lin backs up)
        assert_error(c.post("/vip/outreach", json=outreach(["U101", "U104"])), 403, "forbidden")
        assert_error(c.post("/vip/outreach", json=outreach(["U100"])), 422, "invalid_request")
    with env.as_user("alice") as c:
        assert_error(c.post("/vip/outreach", json=outreach(["U101"])), 403, "role_forbidden")
    assert (ticket_count(env), _outreach_count(env)) == (before, count)
    with env.as_user("lin") as c:  # the backup may
        assert c.post("/vip/outreach", json=outreach(["U104"])).status_code == 201
    with env.as_user("sara") as c:  # a supervisor reaches anyone on the desk
        r = c.post("/vip/outreach", json=outreach(["U104", "U101"]), headers=key())
        assert r.status_code == 201, r.text
        assert r.json()["created_by"] == env.workspace.agent_ids["sara"]


def test_each_reads_their_own_and_a_supervisor_reads_all(env: VipServerEnv) -> None:
    with env.as_user("kai") as c:
        r = c.post("/vip/outreach", json=outreach(["U104"], subject="Kai's note"))
        kai_id = r.json()["id"]
    with env.as_user("mei") as c:
        assert c.post("/vip/outreach", json=outreach(["U101"])).status_code == 201
        mine = c.get("/vip/outreach").json()
        assert mine and {o["created_by"] for o in mine} == {env.workspace.agent_ids["mei"]}
        assert [o["id"] for o in mine] == sorted((o["id"] for o in mine), reverse=True)
        assert_error(c.get(f"/vip/outreach/{kai_id}"), 403, "forbidden")
        assert_error(c.get("/vip/outreach/999999"), 404, "not_found")
    with env.as_user("sara") as c:
        every = c.get("/vip/outreach").json()
        assert kai_id in {o["id"] for o in every} and len(every) == _outreach_count(env)
        assert c.get(f"/vip/outreach/{kai_id}").status_code == 200


def _outreach_count(env: VipServerEnv) -> int:
    with env.db.read() as session:
        return session.scalar(select(func.count()).select_from(VipOutreach)) or 0


def test_demo_clients_answer_outreach_now_and_then(env: VipServerEnv) -> None:
    with env.as_user("mei") as c:
        for _ in range(5):  # until one of them is a client who answers (fixed by ticket id)
            r = c.post("/vip/outreach", json=outreach(["U101", "U103", "U102"], subject="Demo"))
            sent = OutreachOut.model_validate(r.json())
            if any(traffic.answers_outreach(x.ticket_id or 0) for x in sent.recipients):
                break
    later = utcnow() + timedelta(seconds=traffic.OUTREACH_ANSWER_AFTER_S + 1)
    answered = set()
    while (found := traffic.awaiting_outreach(env.db, later)) is not None:
        ticket_id, language = found
        traffic.answer_outreach(env.db, ticket_id, f"answer in {language}")
        answered.add(ticket_id)
    ours = {rec.ticket_id for rec in sent.recipients}
    assert answered & ours
    # The same clients answer every run (by ticket); about two in three ever do.
    assert answered & ours == {t for t in ours if t is not None and traffic.answers_outreach(t)}
    with env.as_user("mei") as c:
        now = OutreachOut.model_validate(c.get(f"/vip/outreach/{sent.id}").json())
    assert {rec.ticket_id for rec in now.recipients if rec.status == "replied"} == answered & ours
