from __future__ import annotations

from datetime import timedelta

from server_fixtures import PASSWORDS, ServerEnv, assert_error

from console.server.clock import utcnow
from console.server.models import AuthToken
from console.server.security import new_token, token_hash


def test_login_returns_token_and_agent(env: ServerEnv) -> None:
    with env.client() as c:
        r = c.post("/auth/login", json={"username": "alice", "password": PASSWORDS["alice"]})
    assert r.status_code == 200
    body = r.json()
    assert body["agent"]["username"] == "alice"
    assert body["agent"]["role"] == "agent"
    assert len(body["token"]) >= 32
    with env.client(body["token"]) as c:
        me = c.get("/me")
    assert me.status_code == 200
    assert me.json()["id"] == env.workspace.agent_ids["alice"]


def test_token_is_stored_only_as_hash(env: ServerEnv) -> None:
    token = env.token("bob")
    with env.db.read() as session:
        assert session.get(AuthToken, token) is None
        assert session.get(AuthToken, token_hash(token)) is not None


def test_wrong_password_and_unknown_user(env: ServerEnv) -> None:
    with env.client() as c:
        wrong = c.post("/auth/login", json={"username": "alice", "password": "nope-nope"})
        unknown = c.post("/auth/login", json={"username": "mallory", "password": "x"})
    assert_error(wrong, 401, "invalid_credentials")
    assert_error(unknown, 401, "invalid_credentials")


def test_missing_or_bad_token_is_unauthorized(env: ServerEnv) -> None:
    with env.client() as c:
        assert_error(c.get("/me"), 401, "unauthorized")
        assert_error(c.get("/tickets", headers={"Authorization": "Basic abc"}), 401, "unauthorized")
    with env.client("not-a-token") as c:
        r = c.get("/tickets")
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"


def test_expired_token_is_refused(env: ServerEnv) -> None:
    token = new_token()
    now = utcnow()
    with env.db.write() as session:
        session.add(
            AuthToken(
                token_hash=token_hash(token),
                agent_id=env.workspace.agent_ids["alice"],
                created_at=now - timedelta(hours=13),
                expires_at=now - timedelta(seconds=1),
            )
        )
    with env.client(token) as c:
        body = assert_error(c.get("/me"), 401, "unauthorized")
    assert "expired" in body["error"]["message"]


def test_logout_revokes_token(env: ServerEnv) -> None:
    with env.client() as c:
        token = c.post(
            "/auth/login", json={"username": "bob", "password": PASSWORDS["bob"]}
        ).json()["token"]
    with env.client(token) as c:
        assert c.post("/auth/logout").status_code == 204
        assert_error(c.get("/me"), 401, "unauthorized")


def test_workspace_lists_no_accounts_outside_demo(env: ServerEnv) -> None:
    with env.client() as c:
        info = c.get("/workspace").json()
    assert info == {"name": "Support", "demo": False, "demo_accounts": []}
