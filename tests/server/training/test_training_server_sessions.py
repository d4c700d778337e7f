"""Training sessions end to end over HTTP: the mock tickets and chats trainees get, the simulated
customer's scripted turns, the scoring of good and bad attempts, seats in order, reports."""

from __future__ import annotations

from typing import Any

from training_server_env import TrainingEnv, key, wait_until

from console.api.schemas_training import TRAINING_ID_FLOOR, TRAINING_UID_PREFIX


def _ticket(trn: TrainingEnv, username: str, ticket_id: int) -> dict[str, Any]:
    with trn.training(username) as c:
        r = c.get(f"/tickets/{ticket_id}")
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def _reply(trn: TrainingEnv, username: str, ticket_id: int, body: str) -> None:
    with trn.training(username) as c:
        r = c.post(f"/tickets/{ticket_id}/messages", json={"kind": "reply", "body": body})
    assert r.status_code == 201, r.text


def _solve(trn: TrainingEnv, username: str, ticket_id: int) -> None:
    with trn.training(username) as c:
        r = c.patch(f"/tickets/{ticket_id}", json={"status": "solved"})
    assert r.status_code == 200, r.text


def test_each_trainee_gets_a_mock_ticket_in_the_training_workspace_only(trn: TrainingEnv) -> None:
    session = trn.start_session(["alice", "bob"], ["stolen-account"])
    try:
        assert session["state"] == "running" and len(session["seats"]) == 2
        for name in ("alice", "bob"):
            seat = trn.seat_of(session, name)
            assert seat["state"] == "running" and seat["ticket_id"] >= TRAINING_ID_FLOOR
            assert seat["scenario_title"].startswith("Stolen account")
            with trn.training(name) as c:
                mine = c.get("/tickets", params={"assignee": "me", "limit": 100}).json()["items"]
            ticket = next(t for t in mine if t["id"] == seat["ticket_id"])
            assert ticket["customer_uid"].startswith(TRAINING_UID_PREFIX)
            assert ticket["assignee_id"] == trn.id_of(name)
            with trn.training(name) as c:
                customer = c.get(f"/customers/{ticket['customer_uid']}").json()
            assert customer["display_name"] == "Wang Lei"
            assert customer["transfers"][0]["amount"].startswith("4980")
            assert {e["kind"] for e in customer["security_events"]} == {"new_device", "2fa_changed"}
        # The live workspace knows nothing of it.
        with trn.live("alice") as c:
            live = c.get("/tickets", params={"limit": 500}).json()["items"]
            assert live and all(t["id"] < TRAINING_ID_FLOOR for t in live)
            assert not any(t["customer_uid"].startswith(TRAINING_UID_PREFIX) for t in live)
            invitation = c.get("/training/invitation").json()
        assert invitation["session_id"] == session["id"]
        # A trainee sees the session with their own seat only; the trainer sees both.
        with trn.training("alice") as c:
            listed = c.get("/training/sessions").json()
            one = c.get(f"/training/sessions/{session['id']}").json()
        mine_only = next(s for s in listed if s["id"] == session["id"])
        assert [s["trainee_id"] for s in mine_only["seats"]] == [trn.id_of("alice")]
        assert [s["trainee_id"] for s in one["seats"]] == [trn.id_of("alice")]
        with trn.training("tom") as c:
            everything = c.get("/training/sessions").json()
        assert len(next(s for s in everything if s["id"] == session["id"])["seats"]) == 2
    finally:
        ended = trn.end_session(session["id"])
    assert ended["state"] == "ended"
    assert all(s["state"] == "finished" for s in ended["seats"])
    with trn.live("alice") as c:
        assert c.get("/training/invitation").json() is None


def test_a_good_attempt_scores_high_and_passes(trn: TrainingEnv) -> None:
    session = trn.start_session(["alice"], ["stolen-account"])
    seat = trn.seat_of(session, "alice")
    ticket_id = seat["ticket_id"]
    uid = _ticket(trn, "alice", ticket_id)["customer_uid"]
    _reply(
        trn,
        "alice",
        ticket_id,
        "Hello Wang Lei, I'm so sorry this happened and I understand how worrying it is. "
        "I will freeze your account right now so nothing else can leave it. What to do next: "
        "Account stolen: https://lumen.example/help/en/account-stolen",
    )
    # The customer answers the keyword ("freeze") with the scripted turn.
    wait_until(lambda: "asks-to-freeze" in trn.turns_sent("alice", seat["id"]))
    with trn.training("alice") as c:
        r = c.post(
            f"/tickets/{ticket_id}/verification",
            json={"checks": ["registered_contact", "kyc_details"], "note": "Matched the KYC."},
            headers=key(),
        )
        assert r.status_code == 201, r.text
        r = c.post(
            f"/customers/{uid}/actions",
            json={"kind": "freeze", "ticket_id": ticket_id, "reason": "Account takeover"},
            headers=key(),
        )
        assert r.status_code == 201, r.text
        assert c.get(f"/customers/{uid}").json()["account_status"] == "frozen"
    wait_until(lambda: "after-freeze" in trn.turns_sent("alice", seat["id"]))
    _reply(
        trn,
        "alice",
        ticket_id,
        "Thank you for your patience. Our security team is investigating the withdrawal and "
        "will write to you here. Is there anything else I can help with? Take care.",
    )
    _solve(trn, "alice", ticket_id)

    report = trn.finished_report(seat["id"])
    assert report["passed"] and not report["failed"], report
    assert report["total"] >= 85, report["items"]
    assert report["resolved"] and report["expected_missed"] == []
    actions = [s["action"] for s in report["transcript"] if s["actor"] == "agent"]
    for wanted in (
        "reply",
        "kb_article:account-stolen",
        "verify_identity",
        "freeze_account",
        "escalate:security",
        "solve",
    ):
        assert wanted in actions, actions
    turns = [s["turn_id"] for s in report["transcript"] if s["actor"] == "customer"]
    assert turns[:2] == ["opening", "asks-to-freeze"] and "after-freeze" in turns
    assert report["seat"]["score"] == report["total"]
    # The only seat is done: the session ended by itself.
    with trn.training("tom") as c:
        again = c.get(f"/training/sessions/{session['id']}").json()
        assert again["state"] == "ended"
        r = c.post(
            f"/training/seats/{seat['id']}/comments",
            json={"body": "Quick freeze, well done."},
            headers=key(),
        )
        assert r.status_code == 201, r.text
    with trn.training("alice") as c:
        mine = c.get(f"/training/seats/{seat['id']}/report").json()
        history = c.get(f"/training/trainees/{trn.id_of('alice')}/history").json()
    assert [x["body"] for x in mine["comments"]] == ["Quick freeze, well done."]
    assert mine["comments"][0]["author_name"] == "Tom Becker"
    row = next(r for r in history["rows"] if r["seat_id"] == seat["id"])
    assert row["score"] == report["total"] and not row["failed"]


def test_a_guard_block_fails_the_attempt(trn: TrainingEnv) -> None:
    session = trn.start_session(["bob"], ["stolen-account"])
    seat = trn.seat_of(session, "bob")
    ticket_id = seat["ticket_id"]
    _reply(trn, "bob", ticket_id, "Hello, I understand, let me look into it.")
    with trn.training("bob") as c:
        r = c.post(
            "/audit/guard-blocks",
            json={"kind": "reply", "ticket_id": ticket_id, "categories": ["asks_secret"]},
            headers=key(),
        )
    assert r.status_code == 201, r.text
    ended = trn.end_session(session["id"])
    assert ended["seats"][0]["failed"] and not ended["seats"][0]["passed"]
    report = trn.report("tom", seat["id"])
    assert report["failed"] and not report["passed"] and report["fail_reasons"]
    blocked = [s for s in report["transcript"] if s["action"] == "guard_blocked:asks_secret"]
    assert len(blocked) == 1 and blocked[0]["text"] == ""
    # Another trainee's report and history stay closed; the trainer's are open.
    with trn.training("alice") as c:
        assert c.get(f"/training/seats/{seat['id']}/report").status_code == 403
        assert c.get(f"/training/trainees/{trn.id_of('bob')}/history").status_code == 403
        assert c.get(f"/training/sessions/{session['id']}").status_code == 403


def test_seats_run_in_order_and_the_closing_turn_arrives_after_the_solve(
    trn: TrainingEnv,
) -> None:
    session = trn.start_session(["bob"], ["double-charge", "double-charge"])
    first, second = trn.seat_of(session, "bob", 0), trn.seat_of(session, "bob", 1)
    assert first["state"] == "running" and second["state"] == "waiting"
    _reply(trn, "bob", first["ticket_id"], "Hi Ada, sorry! Which card was it?")
    wait_until(lambda: "which-card" in trn.turns_sent("bob", first["id"]))
    _reply(trn, "bob", first["ticket_id"], "Thanks, the refund of the second charge is on its way.")
    _solve(trn, "bob", first["ticket_id"])
    report = trn.finished_report(first["id"])
    assert [s["turn_id"] for s in report["transcript"] if s["actor"] == "customer"] == [
        "opening",
        "which-card",
        "thanks",
    ]
    assert report["total"] == 100 and report["passed"]
    # The next seat started by itself, on a ticket of its own.
    with trn.training("bob") as c:
        now = c.get(f"/training/sessions/{session['id']}").json()
    running = trn.seat_of(now, "bob", 1)
    assert running["state"] == "running" and running["ticket_id"] != first["ticket_id"]
    assert now["state"] == "running"
    _solve(trn, "bob", running["ticket_id"])
    late = trn.finished_report(running["id"])
    assert late["first_response_s"] is None and not late["passed"]
    with trn.training("tom") as c:
        assert c.get(f"/training/sessions/{session['id']}").json()["state"] == "ended"


def test_a_chat_scenario_is_with_its_trainee_alone(trn: TrainingEnv) -> None:
    session = trn.start_session(["alice", "bob"], ["fee-question"])
    try:
        seat = trn.seat_of(session, "alice")
        conversation_id = seat["conversation_id"]
        assert conversation_id is not None and conversation_id >= TRAINING_ID_FLOOR
        with trn.training("alice") as c:
            mine = [x["id"] for x in c.get("/chats", params={"scope": "mine"}).json()]
        with trn.training("bob") as c:
            theirs = [x["id"] for x in c.get("/chats", params={"scope": "mine"}).json()]
        assert conversation_id in mine and conversation_id not in theirs
        with trn.live("alice") as c:
            assert c.get(f"/chats/{conversation_id}").status_code == 404
        with trn.training("alice") as c:
            r = c.post(
                f"/chats/{conversation_id}/messages",
                json={
                    "body": "Hello! You can pay fees with LMN for a discount: kb:pay-fees-with-lmn",
                    "client_id": "a1",
                },
            )
            assert r.status_code == 201, r.text
        wait_until(lambda: "lmn-switch" in trn.turns_sent("alice", seat["id"]))
        with trn.training("alice") as c:
            r = c.post(f"/chats/{conversation_id}/end", headers=key())
            assert r.status_code == 200, r.text
        report = trn.finished_report(seat["id"])
        actions = [s["action"] for s in report["transcript"] if s["actor"] == "agent"]
        assert "kb_article:pay-fees-with-lmn" in actions and "solve" in actions
        assert report["resolved"]
    finally:
        trn.end_session(session["id"])


def test_an_incident_brings_duplicates_to_gather(trn: TrainingEnv) -> None:
    session = trn.start_session(["bob"], ["incident-withdrawals-paused"])
    try:
        seat = trn.seat_of(session, "bob")
        main = _ticket(trn, "bob", seat["ticket_id"])
        with trn.training("bob") as c:
            mine = c.get("/tickets", params={"assignee": "me", "limit": 100}).json()["items"]
        duplicates = [t for t in mine if t["customer_uid"].startswith(f"{main['customer_uid']}-d")]
        assert len(duplicates) == 6
        assert all(t["subject"] == main["subject"] for t in duplicates)
        # Other customers' tickets are linked to the incident's ticket: that gathers them.
        with trn.training("bob") as c:
            r = c.post(f"/tickets/{main['id']}/links", json={"ticket_id": duplicates[0]["id"]})
            assert r.status_code in (200, 201), r.text
        actions = [s["action"] for s in trn.report("bob", seat["id"])["transcript"]]
        assert "merge" in actions
    finally:
        trn.end_session(session["id"])
