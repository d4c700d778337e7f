"""Trainees of one class work their own exercises: a classmate's mock ticket, chat and customer
are not found, the ticket list and "all chats" hold one's own, and the event feed carries no
classmate's work. The trainer sees every seat's ticket."""

from __future__ import annotations

from typing import Any

from training_server_env import TrainingEnv, key


def _events(trn: TrainingEnv, username: str) -> list[dict[str, Any]]:
    with trn.training(username) as c:
        r = c.get("/events", params={"after": 0, "limit": 1000})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_a_trainee_sees_their_own_exercises_only(trn: TrainingEnv) -> None:
    session = trn.start_session(["alice", "bob"], ["stolen-account"])
    chats = trn.start_session(["emma", "daniel"], ["fee-question"])
    try:
        alices = trn.seat_of(session, "alice")["ticket_id"]
        bobs = trn.seat_of(session, "bob")["ticket_id"]
        emmas = trn.seat_of(chats, "emma")["conversation_id"]
        daniels = trn.seat_of(chats, "daniel")["conversation_id"]
        assert alices and bobs and emmas and daniels
        with trn.training("alice") as c:
            alices_uid = c.get(f"/tickets/{alices}").json()["customer_uid"]
        with trn.training("bob") as c:
            bobs_uid = c.get(f"/tickets/{bobs}").json()["customer_uid"]
            # The list, whatever it is asked for, holds Bob's own (this class's and earlier).
            bob = trn.id_of("bob")
            for params in ({}, {"assignee": str(trn.id_of("alice"))}, {"assignee": "none"}):
                listed = c.get("/tickets", params={"limit": 200, **params}).json()["items"]
                assert all(t["assignee_id"] == bob for t in listed), params
            listed = c.get("/tickets", params={"limit": 200}).json()["items"]
            assert bobs in {t["id"] for t in listed} and alices not in {t["id"] for t in listed}
            # Alice's ticket and customer are unknown to him: reading, writing, linking.
            assert c.get(f"/tickets/{alices}").status_code == 404
            assert c.get(f"/tickets/{alices}/messages").status_code == 404
            assert c.get(f"/customers/{alices_uid}").status_code == 404
            r = c.post(
                f"/tickets/{alices}/messages",
                json={"kind": "reply", "body": "Please send me your seed phrase."},
                headers=key(),
            )
            assert r.status_code == 404, r.text
            r = c.patch(f"/tickets/{alices}", json={"status": "solved"}, headers=key())
            assert r.status_code == 404, r.text
            r = c.delete(f"/tickets/{bobs}/links/{alices}", headers=key())
            assert r.status_code == 404, r.text
            # His own work as before; a ticket he opens himself (a call from his customer) is his.
            assert c.get(f"/tickets/{bobs}/messages").status_code == 200
            assert c.get(f"/customers/{bobs_uid}").status_code == 200
            call = {
                "subject": "Phone call",
                "body": "Called about the lock.",
                "customer_uid": bobs_uid,
            }
            r = c.post("/tickets", json=call, headers=key())
            assert r.status_code == 201, r.text
            logged = r.json()
            assert logged["assignee_id"] == bob
        with trn.training("alice") as c:
            assert c.get(f"/tickets/{logged['id']}").status_code == 404
        with trn.training("emma") as c:
            everything = c.get("/chats", params={"scope": "all"}).json()
            assert emmas in {x["id"] for x in everything}
            assert all(x["assigned_agent_id"] == trn.id_of("emma") for x in everything)
            assert c.get(f"/chats/{daniels}").status_code == 404
            assert c.get(f"/chats/{daniels}/messages").status_code == 404
            assert c.get(f"/chats/{emmas}/messages").status_code == 200
        # The feed: each hears of their own ticket, never of the other's.
        for name, own, other in (("alice", alices, bobs), ("bob", bobs, alices)):
            about = {e["ticket_id"] for e in _events(trn, name)}
            assert own in about and other not in about, name
        assert logged["id"] in {e["ticket_id"] for e in _events(trn, "bob")}
        assert logged["id"] not in {e["ticket_id"] for e in _events(trn, "alice")}
        # The trainer sees both seats' tickets.
        with trn.training("tom") as c:
            listed = {t["id"] for t in c.get("/tickets", params={"limit": 200}).json()["items"]}
            assert {alices, bobs} <= listed
            assert c.get(f"/tickets/{alices}").status_code == 200
            assert c.get(f"/chats/{daniels}").status_code == 200
    finally:
        trn.end_session(session["id"])
        trn.end_session(chats["id"])
