from __future__ import annotations

from typing import Any

import httpx
from server_fixtures import ServerEnv, assert_error


def _ticket(c: httpx.Client) -> dict[str, Any]:
    r = c.post("/tickets", json={"subject": "s", "body": "b", "customer_uid": "U100"})
    assert r.status_code == 201
    return dict(r.json())


def test_same_key_twice_creates_one_message_and_same_response(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        headers = {"Idempotency-Key": "reply-1"}
        first = c.post(url, json={"body": "Hello"}, headers=headers)
        # Same JSON, other spacing: still the same request.
        second = c.post(
            url,
            content=b'{ "body" :  "Hello" }',
            headers={**headers, "Content-Type": "application/json"},
        )
        msgs = c.get(url).json()
        after = c.get(f"/tickets/{ticket['id']}").json()
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert [m["body"] for m in msgs] == ["b", "Hello"]
    assert after["version"] == 2


def test_same_key_different_body_is_refused(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        headers = {"Idempotency-Key": "reply-2"}
        assert c.post(url, json={"body": "one"}, headers=headers).status_code == 201
        r = c.post(url, json={"body": "two"}, headers=headers)
        assert_error(r, 422, "idempotency_key_reused")
        other_path = c.patch(f"/tickets/{ticket['id']}", json={"body": "one"}, headers=headers)
        assert other_path.status_code == 422
        assert [m["body"] for m in c.get(url).json()] == ["b", "one"]


def test_patch_replay_returns_stored_response(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}"
        headers = {"Idempotency-Key": "patch-1"}
        first = c.patch(url, json={"status": "open"}, headers=headers)
        c.patch(url, json={"priority": "high"})
        replay = c.patch(url, json={"status": "open"}, headers=headers)
        current = c.get(url).json()
    assert replay.status_code == 200
    assert replay.json() == first.json()
    assert replay.json()["version"] == 2
    assert current["version"] == 3


def test_ticket_creation_is_idempotent(env: ServerEnv) -> None:
    body = {"subject": "dup?", "body": "once only", "customer_uid": "U102"}
    with env.as_user("bob") as c:
        first = c.post("/tickets", json=body, headers={"Idempotency-Key": "t-1"})
        second = c.post("/tickets", json=body, headers={"Idempotency-Key": "t-1"})
        found = c.get("/tickets", params={"q": "once only", "limit": 500}).json()["items"]
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert [t["id"] for t in found] == [first.json()["id"]]


def test_keys_are_per_agent(env: ServerEnv) -> None:
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        ticket = _ticket(alice)
        url = f"/tickets/{ticket['id']}/messages"
        a = alice.post(url, json={"body": "from alice"}, headers={"Idempotency-Key": "shared"})
        b = bob.post(url, json={"body": "from bob"}, headers={"Idempotency-Key": "shared"})
        msgs = alice.get(url).json()
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]
    assert len(msgs) == 3


def test_failed_request_is_not_stored(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}"
        headers = {"Idempotency-Key": "patch-2"}
        stale = c.patch(url, json={"status": "open", "expected_version": 7}, headers=headers)
        assert_error(stale, 409, "conflict")
        again = c.patch(url, json={"status": "open", "expected_version": 7}, headers=headers)
        assert_error(again, 409, "conflict")


def test_key_length_is_limited(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        assert c.post(url, json={"body": "x"}, headers={"Idempotency-Key": "k" * 100}).is_success
        r = c.post(url, json={"body": "x"}, headers={"Idempotency-Key": "k" * 101})
    assert_error(r, 422, "invalid_request")


def test_concurrent_repeats_create_one_message(env: ServerEnv) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with env.as_user("alice") as c:
        ticket = _ticket(c)
    url = f"/tickets/{ticket['id']}/messages"

    def send(n: int) -> httpx.Response:
        with env.as_user("alice") as c:
            headers = {"Idempotency-Key": "race"} if n % 2 else {}
            return c.post(
                url, json={"body": "racing"} if n % 2 else {"body": f"other {n}"}, headers=headers
            )

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(send, range(16)))
    keyed = [r for n, r in enumerate(responses) if n % 2]
    assert {r.status_code for r in responses} == {201}
    assert len({r.text for r in keyed}) == 1
    with env.as_user("alice") as c:
        bodies = [m["body"] for m in c.get(url).json()]
    assert bodies.count("racing") == 1
    assert len(bodies) == 1 + 1 + 8
