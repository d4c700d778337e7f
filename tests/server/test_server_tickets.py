from __future__ import annotations

from typing import Any

import httpx
from server_fixtures import ServerEnv, assert_error


def _new_ticket(c: httpx.Client, **overrides: Any) -> dict[str, Any]:
    body = {
        "subject": "Withdrawal pending",
        "body": "My USDT has not arrived",
        "customer_uid": "U101",
    }
    body.update(overrides)
    r = c.post("/tickets", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_create_ticket_with_first_customer_message(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c, channel="email", language="zh", priority="high")
        assert ticket["status"] == "new"
        assert ticket["version"] == 1
        assert ticket["message_count"] == 1
        assert ticket["last_message_preview"] == "My USDT has not arrived"
        msgs = c.get(f"/tickets/{ticket['id']}/messages").json()
        assert c.get(f"/tickets/{ticket['id']}").json() == ticket
    assert [(m["kind"], m["author_name"], m["author_agent_id"]) for m in msgs] == [
        ("customer", "Customer U101", None)
    ]


def test_unknown_customer_is_invalid(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        r = c.post("/tickets", json={"subject": "s", "body": "b", "customer_uid": "U999"})
    assert_error(r, 422, "invalid_request")


def test_reply_opens_new_ticket_and_bumps_version(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        r = c.post(f"/tickets/{ticket['id']}/messages", json={"body": "Checking it now."})
        assert r.status_code == 201
        message = r.json()
        after = c.get(f"/tickets/{ticket['id']}").json()
        msgs = c.get(f"/tickets/{ticket['id']}/messages").json()
    assert message["kind"] == "reply"
    assert message["author_agent_id"] == env.workspace.agent_ids["alice"]
    assert message["author_name"] == "Alice"
    assert after["status"] == "open"
    assert after["version"] == 2
    assert after["message_count"] == 2
    assert after["updated_at"] > ticket["updated_at"]
    assert after["last_message_preview"] == "Checking it now."
    assert [m["id"] for m in msgs] == sorted(m["id"] for m in msgs)


def test_note_keeps_preview_and_status(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        ticket = _new_ticket(c)
        r = c.post(f"/tickets/{ticket['id']}/messages", json={"kind": "note", "body": "internal"})
        assert r.status_code == 201
        after = c.get(f"/tickets/{ticket['id']}").json()
    assert after["status"] == "new"
    assert after["last_message_preview"] == ticket["last_message_preview"]
    assert after["message_count"] == 2
    assert after["version"] == 2


def test_agents_cannot_post_customer_messages(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        r = c.post(f"/tickets/{ticket['id']}/messages", json={"kind": "customer", "body": "hi"})
        assert_error(r, 422, "invalid_request")
        assert c.get(f"/tickets/{ticket['id']}").json()["message_count"] == 1


def test_client_id_deduplicates(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        first = c.post(url, json={"body": "once", "client_id": "c-1"})
        again = c.post(url, json={"body": "once", "client_id": "c-1"})
        clash = c.post(url, json={"body": "other text", "client_id": "c-1"})
        msgs = c.get(url).json()
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert_error(clash, 409, "conflict")
    assert [m["client_id"] for m in msgs] == [None, "c-1"]


def test_patch_updates_and_bumps_version(env: ServerEnv) -> None:
    bob = env.workspace.agent_ids["bob"]
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        url = f"/tickets/{ticket['id']}"
        r = c.patch(
            url,
            json={
                "status": "pending",
                "priority": "urgent",
                "assignee_id": bob,
                "tags": ["vip", "vip", " usdt "],
                "expected_version": 1,
            },
        )
        assert r.status_code == 200, r.text
        updated = r.json()
        assert (updated["status"], updated["priority"], updated["assignee_id"]) == (
            "pending",
            "urgent",
            bob,
        )
        assert updated["tags"] == ["vip", "usdt"]
        assert updated["version"] == 2
        # Explicit null unassigns; an absent field is left alone.
        unassigned = c.patch(url, json={"assignee_id": None}).json()
        assert unassigned["assignee_id"] is None
        assert unassigned["priority"] == "urgent"
        assert unassigned["version"] == 3
        # Nothing changes: no new version.
        assert c.patch(url, json={"priority": "urgent"}).json()["version"] == 3


def test_stale_expected_version_conflicts(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        url = f"/tickets/{ticket['id']}"
        assert c.patch(url, json={"status": "open", "expected_version": 1}).status_code == 200
        r = c.patch(url, json={"status": "solved", "expected_version": 1})
        body = assert_error(r, 409, "conflict")
        assert body["error"]["details"]["current"]["version"] == 2
        assert c.get(url).json()["status"] == "open"


def test_patch_unknown_assignee_is_invalid(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        r = c.patch(f"/tickets/{ticket['id']}", json={"assignee_id": 9999})
    assert_error(r, 422, "invalid_request")


def test_missing_ticket_is_not_found(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets/999999"), 404, "not_found")
        assert_error(c.get("/tickets/999999/messages"), 404, "not_found")
        assert_error(c.patch("/tickets/999999", json={"status": "open"}), 404, "not_found")
        assert_error(c.post("/tickets/999999/messages", json={"body": "x"}), 404, "not_found")


def test_customer_detail_is_masked_and_capped(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        detail = c.get("/customers/U100").json()
        assert_error(c.get("/customers/U404"), 404, "not_found")
    assert detail["email_masked"] == "u1***@example.com"
    assert detail["phone_masked"] == "+65****67"
    assert "email" not in detail
    transfers = detail["transfers"]
    assert len(transfers) == 20
    assert [t["confirmations"] for t in transfers] == list(range(24, 4, -1))
    assert transfers[0]["amount"] == "1234.500000000000000001"
    assert detail["security_events"][0]["kind"] == "new_device"


def test_a_key_in_a_new_tickets_first_message_is_never_stored(env: ServerEnv) -> None:
    key = "private key: " + "ab12" * 16
    with env.as_user("alice") as c:
        ticket = _new_ticket(c, body=f"Someone drained my wallet. My {key}. What do I do?")
        msgs = c.get(f"/tickets/{ticket['id']}/messages").json()
    assert "ab12ab12" not in ticket["last_message_preview"]
    assert msgs[0]["body"] == (
        "Someone drained my wallet. My private key: [secret redacted: private_key]. What do I do?"
    )


def test_a_reply_asking_for_a_seed_phrase_is_refused_and_a_note_is_not_checked(
    env: ServerEnv,
) -> None:
    asking = "To verify your identity, please send us your 12-word recovery phrase."
    with env.as_user("alice") as c:
        ticket = _new_ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        assert_error(c.post(url, json={"body": asking}), 422, "unsafe_message")
        note = c.post(url, json={"body": f"Scam attempt quoted: {asking}", "kind": "note"})
        assert note.status_code == 201
        bodies = [m["body"] for m in c.get(url).json()]
    assert asking not in bodies
