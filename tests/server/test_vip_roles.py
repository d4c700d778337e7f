"""Need-to-know on the VIP desk, against a real server: a manager's notes are theirs alone, a
manager sees only the clients they manage or back up, agents see a tier and nothing more,
supervisors see every portfolio but no note."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_fixtures import assert_error
from sqlalchemy import select
from vip_desk_fixtures import VipServerEnv, add_client, events_of, idem, vip_running_env

from console.server.models import Customer

SECRET = "Prefers calls after 8pm; sensitive about the frozen margin account."


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-roles") / "server.sqlite3")


def _note(env: VipServerEnv, username: str, uid: str, body: str = SECRET) -> dict[str, object]:
    with env.as_user(username) as c:
        r = c.post(f"/vip/clients/{uid}/notes", json={"body": body}, headers=idem())
    assert r.status_code == 201, r.text
    return dict(r.json())


def _uids(env: VipServerEnv, username: str, **params: int) -> set[str]:
    with env.as_user(username) as c:
        r = c.get("/vip/portfolio", params=params)
    assert r.status_code == 200, r.text
    return {row["uid"] for row in r.json()}


def test_a_manager_cannot_read_another_managers_note(env: VipServerEnv) -> None:
    note = _note(env, "mei", "U101")
    assert note["author_id"] == env.id("mei") and note["body"] == SECRET
    with env.as_user("mei") as c:
        mine = c.get(f"/vip/notes/{note['id']}")
    assert mine.status_code == 200 and mine.json()["body"] == SECRET
    # oliver backs U101 up and may read the client, not mei's note.
    with env.as_user("oliver") as c:
        assert_error(c.get(f"/vip/notes/{note['id']}"), 403, "forbidden")
        assert c.get("/vip/clients/U101/notes").json() == []
        page = c.get("/vip/clients/U101")
    assert page.status_code == 200
    assert page.json()["notes"] == [] and SECRET not in page.text
    with env.as_user("mei") as c:
        assert_error(c.get("/vip/notes/999999"), 404, "not_found")
        own = c.get("/vip/clients/U101/notes").json()
    assert [n["id"] for n in own] == [note["id"]]


def test_a_supervisors_client_page_has_no_notes(env: VipServerEnv) -> None:
    _note(env, "mei", "U104", "Wants the OTC desk's direct line.")
    with env.as_user("sara") as c:
        page = c.get("/vip/clients/U104")
        assert_error(c.get("/vip/clients/U104/notes"), 403, "role_forbidden")
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["notes"] == [] and "OTC desk" not in page.text
    assert body["manager_id"] == env.id("oliver") and body["backup_manager_id"] == env.id("mei")
    assert body["tier"] == 1 and body["email"] == "u104@example.com"


def test_an_agent_sees_the_tier_and_nothing_of_the_desk(env: VipServerEnv) -> None:
    _note(env, "mei", "U101", "Call before the Hong Kong market opens.")
    with env.as_user("alice") as c:
        assert_error(c.get("/vip/portfolio"), 403, "role_forbidden")
        assert_error(c.get("/vip/clients/U101"), 403, "role_forbidden")
        assert_error(c.get("/vip/clients/U101/notes"), 403, "role_forbidden")
        assert_error(c.get("/vip/notes/1"), 403, "role_forbidden")
        customer = c.get("/customers/U101")
        assert c.get("/vip/tiers").status_code == 200  # the targets are no secret
    assert customer.status_code == 200
    assert customer.json()["vip_tier"] == 1
    assert "notes" not in customer.json()
    assert "Hong Kong market" not in customer.text and SECRET not in customer.text


def test_a_manager_gets_only_the_clients_they_manage_or_back_up(env: VipServerEnv) -> None:
    assert _uids(env, "mei") == {"U101", "U104"}
    assert _uids(env, "oliver") == {"U101", "U102", "U104"}
    assert _uids(env, "hana") == set()
    assert {"U101", "U102", "U104"} <= _uids(env, "sara")
    assert _uids(env, "sara", manager_id=env.id("mei")) == {"U101", "U104"}
    with env.as_user("mei") as c:
        assert_error(
            c.get("/vip/portfolio", params={"manager_id": env.id("oliver")}), 403, "forbidden"
        )
        assert c.get("/vip/portfolio", params={"manager_id": env.id("mei")}).status_code == 200
        # Someone else's client: neither readable nor writable; not a VIP: not found.
        assert_error(c.get("/vip/clients/U102"), 403, "forbidden")
        assert_error(c.post("/vip/clients/U102/notes", json={"body": "x"}), 403, "forbidden")
        contact = {"kind": "call", "outcome": "Reached"}
        assert_error(c.post("/vip/clients/U102/contacts", json=contact), 403, "forbidden")
        follow = {"title": "Call", "due_at": "2030-01-01T09:00:00Z"}
        assert_error(c.post("/vip/clients/U102/follow-ups", json=follow), 403, "forbidden")
        assert_error(c.get("/vip/clients/U100"), 404, "not_found")


def test_a_follow_up_is_changed_by_its_own_manager_only(env: VipServerEnv) -> None:
    with env.as_user("mei") as c:
        r = c.post(
            "/vip/clients/U101/follow-ups",
            json={"title": "Send the statement", "due_at": "2030-01-01T09:00:00Z"},
            headers=idem(),
        )
    assert r.status_code == 201, r.text
    follow_up = r.json()
    with env.as_user("oliver") as c:
        refused = c.patch(f"/vip/follow-ups/{follow_up['id']}", json={"done": True})
    assert_error(refused, 403, "forbidden")
    with env.as_user("mei") as c:
        done = c.patch(f"/vip/follow-ups/{follow_up['id']}", json={"done": True})
    assert done.status_code == 200 and done.json()["done_at"] is not None


def test_notes_never_travel_in_events_and_updates_reach_the_managers_only(
    env: VipServerEnv,
) -> None:
    uid = add_client(env, 4, "hana", "mei")
    marker = "Tell nobody: planning to move 40M to cold storage."
    _note(env, "hana", uid, marker)
    for username in ("hana", "mei", "oliver", "alice", "sara"):
        for event_type in ("vip.client.updated", "vip.alert", "customer.updated"):
            for event in events_of(env, username, event_type):
                assert marker not in str(event["payload"])
    updates = {
        name: [e for e in events_of(env, name, "vip.client.updated") if e["payload"]["uid"] == uid]
        for name in ("hana", "mei", "oliver", "alice", "bob", "sara")
    }
    assert len(updates["hana"]) == 1 and len(updates["mei"]) == 1
    assert updates["oliver"] == updates["alice"] == updates["bob"] == updates["sara"] == []
    row = updates["hana"][0]["payload"]
    assert row["tier"] == 4 and row["manager_id"] == env.id("hana") and "notes" not in row


def test_a_supervisor_reassigns_a_client(env: VipServerEnv) -> None:
    uid = add_client(env, 2, "oliver")
    body = {"manager_id": env.id("hana"), "backup_manager_id": env.id("mei")}
    with env.as_user("mei") as c:
        assert_error(c.put(f"/vip/clients/{uid}/assignment", json=body), 403, "role_forbidden")
    with env.as_user("sara") as c:
        not_a_manager = {"manager_id": env.id("alice")}
        assert_error(
            c.put(f"/vip/clients/{uid}/assignment", json=not_a_manager), 422, "invalid_request"
        )
        twice = {"manager_id": env.id("hana"), "backup_manager_id": env.id("hana")}
        assert_error(c.put(f"/vip/clients/{uid}/assignment", json=twice), 422, "invalid_request")
        assert_error(c.put("/vip/clients/U100/assignment", json=body), 404, "not_found")
        r = c.put(f"/vip/clients/{uid}/assignment", json=body)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "client_uid": uid,
        "manager_id": env.id("hana"),
        "backup_manager_id": env.id("mei"),
    }
    with env.db.read() as session:
        manager = session.scalar(select(Customer.account_manager_id).where(Customer.uid == uid))
    assert manager == env.id("hana")  # chat routing offers the client's chats to hana now
    assert uid in _uids(env, "hana") and uid in _uids(env, "mei")
    assert uid not in _uids(env, "oliver")
    # The manager who lost the client hears of it, as do the new ones.
    for name in ("oliver", "hana", "mei"):
        rows = [e["payload"] for e in events_of(env, name, "vip.client.updated")]
        assert [r["manager_id"] for r in rows if r["uid"] == uid] == [env.id("hana")], name
    assert not [e for e in events_of(env, "alice", "vip.client.updated")]
