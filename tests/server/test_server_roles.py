from __future__ import annotations

from server_fixtures import ServerEnv, assert_error


def _new_agent(username: str) -> dict[str, object]:
    return {
        "username": username,
        "display_name": username.title(),
        "password": "long-enough-1",
        "role": "agent",
        "languages": ["en", "ja"],
    }


def test_agent_cannot_create_agents(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        r = c.post("/agents", json=_new_agent("eve"))
        assert_error(r, 403, "role_forbidden")
        names = [a["username"] for a in c.get("/agents").json()]
    assert "eve" not in names


def test_supervisor_creates_agent_who_can_sign_in(env: ServerEnv) -> None:
    with env.as_user("sara") as c:
        r = c.post("/agents", json=_new_agent("ken"))
    assert r.status_code == 201
    created = r.json()
    assert created["username"] == "ken"
    assert created["languages"] == ["en", "ja"]
    with env.client() as c:
        login = c.post("/auth/login", json={"username": "ken", "password": "long-enough-1"})
    assert login.status_code == 200
    assert login.json()["agent"]["id"] == created["id"]


def test_duplicate_username_conflicts(env: ServerEnv) -> None:
    with env.as_user("sara") as c:
        assert_error(c.post("/agents", json=_new_agent("alice")), 409, "conflict")


def test_agent_directory_visible_to_all(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        agents = c.get("/agents").json()
    assert {"alice", "bob", "sara"} <= {a["username"] for a in agents}
    assert all("password" not in str(a) for a in agents)
