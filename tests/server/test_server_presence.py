from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from server_fixtures import ServerEnv, assert_error
from sqlalchemy import update

from console.api.schemas import EventOut, PresenceOut
from console.server.models_collab import Presence


def _last_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def _presence_events(c: httpx.Client, start: int) -> list[PresenceOut]:
    items = c.get("/events", params={"after": start}).json()["items"]
    events = [EventOut.model_validate(e) for e in items]
    return [PresenceOut.model_validate(e.payload) for e in events if e.type == "presence.changed"]


def _set(c: httpx.Client, ticket_id: int, state: str) -> dict[str, Any]:
    r = c.post(f"/tickets/{ticket_id}/presence", json={"state": state})
    assert r.status_code == 200, r.text
    return dict(r.json())


def _age(env: ServerEnv, ticket_id: int, **columns: timedelta) -> None:
    """Moves a presence row's times into the past, as if that much time had gone by."""
    with env.db.write() as session:
        row = session.get(Presence, (ticket_id, env.workspace.agent_ids["alice"]))
        assert row is not None
        values = {name: getattr(row, name) - delta for name, delta in columns.items()}
        session.execute(
            update(Presence)
            .where(Presence.ticket_id == ticket_id, Presence.agent_id == row.agent_id)
            .values(**values)
        )


def test_presence_states_and_events(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[1]
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        start = _last_id(alice)
        before = datetime.now(UTC)
        viewing = _set(alice, ticket_id, "viewing")
        after = datetime.now(UTC)
        renewed = _set(alice, ticket_id, "viewing")  # a renewal within 15 s: no event
        typing = _set(alice, ticket_id, "typing")
        _set(bob, ticket_id, "viewing")
        seen_by_bob = bob.get(f"/tickets/{ticket_id}/presence").json()
        left = _set(alice, ticket_id, "left")
        after_left = bob.get(f"/tickets/{ticket_id}/presence").json()
        again_left = _set(alice, ticket_id, "left")  # nothing live to end: no event
        events = _presence_events(alice, start)
    expires = datetime.fromisoformat(viewing["expires_at"])
    assert before + timedelta(seconds=30) <= expires <= after + timedelta(seconds=30)
    assert viewing["agent_name"] == "Alice" and viewing["state"] == "viewing"
    assert datetime.fromisoformat(renewed["expires_at"]) >= expires
    assert typing["state"] == "typing"
    assert {(p["agent_name"], p["state"]) for p in seen_by_bob} == {
        ("Alice", "typing"),
        ("Bob", "viewing"),
    }
    assert left["state"] == "left"
    assert [(p["agent_name"], p["state"]) for p in after_left] == [("Bob", "viewing")]
    assert again_left["state"] == "left"
    assert [(p.agent_name, p.state) for p in events] == [
        ("Alice", "viewing"),
        ("Alice", "typing"),
        ("Bob", "viewing"),
        ("Alice", "left"),
    ]


def test_presence_expires_and_renewals_announce_every_15_s(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[2]
    with env.as_user("alice") as alice:
        first = _set(alice, ticket_id, "viewing")
        start = _last_id(alice)
        _age(env, ticket_id, announced_at=timedelta(seconds=16))
        _set(alice, ticket_id, "viewing")  # 16 s since the last announcement: announced
        _set(alice, ticket_id, "viewing")  # right after: quiet
        announced = _presence_events(alice, start)
        _age(env, ticket_id, expires_at=timedelta(seconds=31), announced_at=timedelta(seconds=1))
        expired = alice.get(f"/tickets/{ticket_id}/presence").json()
        mid = _last_id(alice)
        back = _set(alice, ticket_id, "viewing")  # back after expiry: a change again
        returned = _presence_events(alice, mid)
        live = alice.get(f"/tickets/{ticket_id}/presence").json()
    assert first["state"] == "viewing"
    assert [p.state for p in announced] == ["viewing"]
    assert expired == []
    assert [p.state for p in returned] == ["viewing"]
    assert [p["expires_at"] for p in live] == [back["expires_at"]]


def test_presence_bad_input(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        assert_error(
            c.post("/tickets/999999/presence", json={"state": "viewing"}), 404, "not_found"
        )
        assert_error(c.get("/tickets/999999/presence"), 404, "not_found")
        ticket_id = env.workspace.ticket_ids[3]
        assert_error(
            c.post(f"/tickets/{ticket_id}/presence", json={"state": "sleeping"}),
            422,
            "invalid_request",
        )
    with env.client() as anonymous:
        assert_error(anonymous.get(f"/tickets/{ticket_id}/presence"), 401, "unauthorized")
