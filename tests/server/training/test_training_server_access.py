"""The training workspace's walls: ids, customers and tokens of one workspace are unknown to the
other; who may do what in training; scenario edits checked field by field; quizzes; and live
chats kept away from an agent in training."""

from __future__ import annotations

import re
from typing import Any

from training_server_env import REFUND_TOML, TrainingEnv, key, wait_until

from console.api.schemas_training import TRAINING_ID_FLOOR


def _live_ticket(trn: TrainingEnv) -> dict[str, Any]:
    with trn.live("alice") as c:
        ticket: dict[str, Any] = c.get("/tickets", params={"limit": 1}).json()["items"][0]
    return ticket


def test_ids_customers_and_tokens_stay_in_their_workspace(trn: TrainingEnv) -> None:
    live_ticket = _live_ticket(trn)
    live_uid = live_ticket["customer_uid"]
    with trn.live("alice") as c:
        live_status = c.get(f"/customers/{live_uid}").json()["account_status"]
    session = trn.start_session(["alice"], ["stolen-account"])
    try:
        seat = trn.seat_of(session, "alice")
        with trn.training("alice") as c:
            training_uid = c.get(f"/tickets/{seat['ticket_id']}").json()["customer_uid"]
            # Live ids and customers are not found in training...
            assert c.get(f"/tickets/{live_ticket['id']}").status_code == 404
            assert c.get(f"/tickets/{live_ticket['id']}/messages").status_code == 404
            assert c.get(f"/customers/{live_uid}").status_code == 404
            r = c.post(
                f"/customers/{live_uid}/actions",
                json={"kind": "freeze", "ticket_id": seat["ticket_id"], "reason": "Takeover"},
                headers=key(),
            )
            assert r.status_code == 404, r.text
            r = c.post(
                f"/tickets/{live_ticket['id']}/messages", json={"kind": "reply", "body": "Hi"}
            )
            assert r.status_code == 404, r.text
        # ...nor training ones live.
        with trn.live("alice") as c:
            assert c.get(f"/tickets/{seat['ticket_id']}").status_code == 404
            assert c.get(f"/customers/{training_uid}").status_code == 404
            r = c.patch(f"/tickets/{seat['ticket_id']}", json={"status": "solved"})
            assert r.status_code == 404
            assert c.get(f"/customers/{live_uid}").json()["account_status"] == live_status
        # Each workspace's tokens open that workspace only.
        with trn._client("/training/api/v1", trn.live_token("alice")) as c:
            assert c.get("/tickets").status_code == 401
        with trn._client("/api/v1", trn.training_token("alice")) as c:
            assert c.get("/tickets").status_code == 401
    finally:
        trn.end_session(session["id"])


def test_who_may_do_what(trn: TrainingEnv) -> None:
    body = {
        "title": "Not mine to start",
        "trainee_ids": [trn.id_of("bob")],
        "scenario_ids": ["stolen-account"],
    }
    with trn.training("alice") as c:
        assert c.post("/training/sessions", json=body).status_code == 403
        assert c.get("/training/scenarios").status_code == 200
        assert c.get("/training/scenarios/stolen-account").status_code == 403
        r = c.put("/training/scenarios/stolen-account", json={"toml": REFUND_TOML})
        assert r.status_code == 403
    with trn.training("tom") as c:
        assert c.get("/training/seats/999999/report").status_code == 404
        assert c.get("/training/sessions/999999").status_code == 404
        assert c.post("/training/sessions/999999/end").status_code == 404
        assert c.get("/training/scenarios/no-such-scenario").status_code == 404
        # Trainees must be desk agents of the live workspace; scenarios must exist.
        wrong = [
            {**body, "trainee_ids": [999_999]},
            {**body, "trainee_ids": [trn.id_of("tom")]},
            {**body, "scenario_ids": ["no-such-scenario"]},
            {**body, "language": "fr"},
        ]
        for bad in wrong:
            r = c.post("/training/sessions", json=bad)
            assert r.status_code == 422, (bad, r.text)
    session = trn.start_session(["bob"], ["double-charge"])
    try:
        # One session at a time per trainee.
        with trn.training("tom") as c:
            again = c.post("/training/sessions", json=body)
        assert again.status_code == 409, again.text
    finally:
        trn.end_session(session["id"])


def test_scenario_edits_are_checked_field_by_field(trn: TrainingEnv) -> None:
    broken = REFUND_TOML.replace('mood = "anxious"', 'mood = "sleepy"')
    with trn.training("tom") as c:
        r = c.put("/training/scenarios/double-charge-2", json={"toml": broken})
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "invalid_scenario"
        assert "double-charge-2.toml" in error["message"] and "persona.mood" in error["message"]
        assert error["details"][0]["loc"] == ["persona.mood"]
        r = c.put("/training/scenarios/double-charge-2", json={"toml": "a = 1\nb = = 2\n"})
        assert r.status_code == 422 and r.json()["error"]["details"][0]["loc"] == ["line 2"]
        r = c.put("/training/scenarios/double-charge-2", json={"toml": REFUND_TOML})
        assert r.status_code == 200 and r.json()["edited"]
        listed = {s["id"]: s for s in c.get("/training/scenarios").json()}
        assert listed["double-charge-2"]["title"] == {"en": "Refund of a double charge"}
        assert listed["double-charge-2"]["edited"] and not listed["stolen-account"]["edited"]
        assert c.get("/training/scenarios/double-charge-2").json()["toml"] == REFUND_TOML
        shipped = c.get("/training/scenarios/stolen-account").json()
        assert not shipped["edited"] and "Wang Lei" in shipped["toml"]


def test_a_quiz_from_the_knowledge_base(trn: TrainingEnv) -> None:
    with trn.training("alice") as c:
        r = c.post("/training/quizzes", json={"questions": 5, "language": "en"}, headers=key())
        assert r.status_code == 201, r.text
        quiz = r.json()
        assert len(quiz["questions"]) == 5
        for q in quiz["questions"]:
            assert "correct" not in q and len(q["choices"]) == 4 and "____" in q["prompt"]
            assert len(set(q["choices"])) == 4
        answers = {str(q["id"]): 0 for q in quiz["questions"]}
        r = c.post(f"/training/quizzes/{quiz['id']}/answers", json={"answers": answers})
        assert r.status_code == 200, r.text
        result = r.json()
        # The right choice completes the article's own sentence.
        for q, row in zip(quiz["questions"], result["rows"], strict=True):
            assert row["right"] == (row["correct"] == 0)
            article = c.get(f"/kb/articles/{q['article_id']}").json()
            locale = article["locales"]["en"]
            text = " ".join(f"{locale['summary']} {locale['body']}".split())
            number = q["choices"][row["correct"]]
            assert re.search(rf"(?<![0-9.,]){re.escape(number)}(?![0-9])", text), (q, number)
        assert result["right"] == sum(r["right"] for r in result["rows"])
        assert result["total"] == 5
        again = c.post(f"/training/quizzes/{quiz['id']}/answers", json={"answers": answers})
        assert again.status_code == 409
        zh = c.post("/training/quizzes", json={"questions": 2, "language": "zh"}, headers=key())
        assert zh.status_code == 201 and len(zh.json()["questions"]) == 2
    with trn.training("bob") as c:
        r = c.post(f"/training/quizzes/{quiz['id']}/answers", json={"answers": answers})
        assert r.status_code == 403


def _live_chat(trn: TrainingEnv) -> tuple[int, str]:
    with trn.live() as c:
        r = c.post(
            "/customer/chats",
            json={"language": "en", "text": "human please, I need to talk to a person"},
        )
    assert r.status_code == 201, r.text
    return r.json()["conversation"]["id"], r.json()["token"]


def test_live_chats_skip_an_agent_in_training(trn: TrainingEnv) -> None:
    session = trn.start_session(["alice"], ["double-charge"])
    try:
        with trn.live("alice") as c:
            assert c.put("/chat/status", json={"status": "online"}).status_code == 200
        conversation_id, _ = _live_chat(trn)
        assert conversation_id < TRAINING_ID_FLOOR
        with trn.live("alice") as c:
            chat = c.get(f"/chats/{conversation_id}").json()
            assert chat["state"] == "queued" and chat["offered_agent_id"] is None
            # A heartbeat routes the queue again: still not to her.
            c.put("/chat/status", json={"status": "online"})
            assert c.get(f"/chats/{conversation_id}").json()["state"] == "queued"
            assert c.get("/chats", params={"scope": "mine"}).json() == []
    finally:
        trn.end_session(session["id"])
    # Out of training, her next heartbeat brings her the waiting chat.
    with trn.live("alice") as c:
        c.put("/chat/status", json={"status": "online"})
        chat = wait_until(
            lambda: (
                (c.get(f"/chats/{conversation_id}").json() or None)
                if c.get(f"/chats/{conversation_id}").json()["state"] == "offered"
                else None
            )
        )
        assert chat["offered_agent_id"] == trn.id_of("alice")
        c.put("/chat/status", json={"status": "offline"})
