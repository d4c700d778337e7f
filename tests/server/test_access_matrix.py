"""The role matrix, cell by cell, generated from the server's own OpenAPI documents: every
operation is called by one demo account per role and anonymously, and answers 403 role_forbidden
exactly where the matrix forbids it. Bodies are minimal (mostly `{}`, a 422 for the allowed roles,
so nothing much changes); path parameters are real ids of the demo workspace.

The matrix covers both workspaces of the server: the live app and the training workspace mounted
under /training (the same API plus training's own operations, with its own tokens)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from server_fixtures import fast_settings

from console.api.schemas import API_PREFIX
from console.api.schemas_training import TRAINING_PATH
from console.core.domain import Role
from console.server import access
from console.server.access import CUSTOMER, MATRIX, PUBLIC, bind_routes
from console.server.app import create_app
from console.server.db import Database
from console.server.demo.agents import DEMO_PASSWORD
from console.server.embedded import EmbeddedServer
from console.server.routes import deps
from console.server.routes.deps import AgentDep
from console.server.runtime import Runtime
from console.server.settings import ServerSettings
from console.server.training.agents import issue_pass, mirror_agents
from console.server.training.workspace import training_settings

ACCOUNTS = {
    Role.AGENT: "alice",
    Role.VIP_MANAGER: "mei",
    Role.TRAINER: "tom",
    Role.SUPERVISOR: "sara",
    Role.COMPLIANCE: "nadia",
}
ANONYMOUS = "anonymous"
LOGOUT = f"POST {API_PREFIX}/auth/logout"
# The live app's way into the training workspace: served live only.
TRAINING_ENTRY = {f"POST {API_PREFIX}/training/enter", f"GET {API_PREFIX}/training/invitation"}


@dataclass
class Demo:
    server: EmbeddedServer
    base: str
    tokens: dict[str, str]
    params: dict[str, str]
    openapi: dict[str, Any]
    # The training workspace: its base URL, tokens, ids and document.
    training_base: str
    training_tokens: dict[str, str]
    training_params: dict[str, str]
    training_openapi: dict[str, Any]

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=15.0)


def _login(c: httpx.Client, username: str) -> str:
    r = c.post(f"{API_PREFIX}/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    r.raise_for_status()
    return str(r.json()["token"])


def _ids(c: httpx.Client, tokens: dict[str, str]) -> dict[str, str]:
    """An existing id for every path parameter of the API."""
    p = API_PREFIX
    alice = {"Authorization": f"Bearer {tokens['alice']}"}
    first, second = c.get(f"{p}/tickets", headers=alice).json()["items"][:2]
    uid = first["customer_uid"]
    started = c.post(
        f"{p}/customer/chats", json={"customer_uid": uid, "language": "en", "text": "Hello"}
    ).json()
    conversation = started["conversation"]["id"]
    customer = {"Authorization": f"Bearer {started['token']}", "X-Filename": "note.txt"}
    chat_file = c.post(
        f"{p}/customer/chats/{conversation}/attachments", content=b"a note", headers=customer
    ).json()["id"]
    ticket_file = c.post(
        f"{p}/attachments", content=b"a note", headers={**alice, "X-Filename": "note.txt"}
    ).json()["id"]
    escalation = c.post(
        f"{p}/tickets/{first['id']}/escalations",
        json={"department": "security", "note": "Please check the login."},
        headers=alice,
    ).json()["id"]
    article = c.get(f"{p}/kb/articles", params={"limit": 1}, headers=alice).json()["articles"][0]
    flag = c.post(
        f"{p}/kb/articles/{article['id']}/flags", json={"comment": "Outdated"}, headers=alice
    ).json()["id"]
    revision = c.get(f"{p}/kb/articles/{article['id']}/revisions", headers=alice).json()[0]["id"]
    report = c.post(
        f"{p}/aml/reports",
        json={
            "pattern": "structuring",
            "amounts": [{"amount": "9900", "asset": "USDT"}],
            "tx_hashes": [],
            "narrative": "Five deposits just under the threshold, then one withdrawal.",
            "ticket_id": first["id"],
        },
        headers=alice,
    )
    assert report.status_code == 201, report.text
    return {
        "ticket_id": str(first["id"]),
        "other_id": str(second["id"]),
        "uid": uid,
        "conversation_id": str(conversation),
        "chat_attachment_id": str(chat_file),
        "attachment_id": str(ticket_file),
        "escalation_id": str(escalation),
        "article_id": str(article["id"]),
        "flag_id": str(flag),
        "revision_id": str(revision),
        "report_id": str(report.json()["id"]),
        "priority": "low",
        "tier": "3",
        "note_id": "1",
        "follow_up_id": "1",
        "outreach_id": "1",
    }


def _training_tokens(
    c: httpx.Client, settings: ServerSettings, tokens: dict[str, str]
) -> dict[str, str]:
    """A training-workspace token for every account. Compliance may not enter training (the
    matrix keeps it out of POST /training/enter), so its account is copied in the way entering
    does, to see the training rows refuse it too."""
    found: dict[str, str] = {}
    for name, token in tokens.items():
        r = c.post(f"{API_PREFIX}/training/enter", headers={"Authorization": f"Bearer {token}"})
        if r.status_code == 200:
            found[name] = r.json()["token"]
    live = Runtime(settings=settings, db=Database(settings.database_url))
    trained = training_settings(settings)
    training = Runtime(settings=trained, db=Database(trained.database_url))
    try:
        for name in set(tokens) - set(found):
            me = c.get(f"{API_PREFIX}/me", headers={"Authorization": f"Bearer {tokens[name]}"})
            agent_id = me.json()["id"]
            mirror_agents(live, training, [agent_id])
            found[name] = issue_pass(training, agent_id, None).token
    finally:
        live.db.dispose()
        training.db.dispose()
    return found


def _training_ids(c: httpx.Client, tokens: dict[str, str]) -> dict[str, str]:
    """An existing id for every path parameter of training's own operations."""
    p = API_PREFIX
    tom = {"Authorization": f"Bearer {tokens['tom']}"}
    alice = {"Authorization": f"Bearer {tokens['alice']}"}
    alice_id = c.get(f"{p}/me", headers=alice).json()["id"]
    session = c.post(
        f"{p}/training/sessions",
        json={"title": "Matrix", "trainee_ids": [alice_id], "scenario_ids": ["stolen-account"]},
        headers=tom,
    )
    assert session.status_code == 201, session.text
    quiz = c.post(f"{p}/training/quizzes", json={"questions": 1}, headers=alice)
    assert quiz.status_code == 201, quiz.text
    return {
        "scenario_id": "stolen-account",
        "session_id": str(session.json()["id"]),
        "seat_id": str(session.json()["seats"][0]["id"]),
        "agent_id": str(alice_id),
        "quiz_id": str(quiz.json()["id"]),
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    path: Path = tmp_path_factory.mktemp("matrix") / "server.sqlite3"
    settings = fast_settings(path, demo=True, demo_tickets=20, with_training=True)
    server = EmbeddedServer(settings)
    base = server.start()
    training_base = base + TRAINING_PATH
    try:
        with httpx.Client(base_url=base, timeout=15.0) as c:
            tokens = {name: _login(c, name) for name in ACCOUNTS.values()}
            params = _ids(c, tokens)
            openapi = c.get("/openapi.json").json()
            training_tokens = _training_tokens(c, settings, tokens)
        with httpx.Client(base_url=training_base, timeout=15.0) as c:
            training_params = _training_ids(c, training_tokens)
            training_openapi = c.get("/openapi.json").json()
        yield Demo(
            server,
            base,
            tokens,
            params,
            openapi,
            training_base,
            training_tokens,
            training_params,
            training_openapi,
        )
    finally:
        server.stop()


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path template, operation) of the document, the sign-out last."""
    ops = [
        (method.upper(), path, op)
        for path, item in openapi["paths"].items()
        for method, op in item.items()
    ]
    return sorted(ops, key=lambda o: f"{o[0]} {o[1]}" == LOGOUT)


def _url(path: str, params: dict[str, str]) -> str:
    chat_side = "/chat-attachments/" in path or "/customer/" in path

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "attachment_id" and chat_side:
            name = "chat_attachment_id"
        return params[name]

    return re.sub(r"\{(\w+)\}", fill, path)


def _call(c: httpx.Client, method: str, path: str, op: dict[str, Any], url: str) -> httpx.Response:
    content = op.get("requestBody", {}).get("content", {})
    if "application/octet-stream" in content:
        kwargs: dict[str, Any] = {"content": b"a note", "headers": {"X-Filename": "note.txt"}}
    elif content:
        kwargs = {"json": {}}
    else:
        kwargs = {}
    if path.endswith("/events/stream"):
        with c.stream(method, url, **kwargs) as streamed:  # endless when allowed: only the head
            if streamed.status_code == 200:
                return httpx.Response(200, text="(a live stream)")
            streamed.read()
            return streamed
    return c.request(method, url, **kwargs)


def _refused_by_role(r: httpx.Response) -> bool:
    if r.status_code != 403:
        return False
    return bool(r.json()["error"]["code"] == "role_forbidden")


def _keys(openapi: dict[str, Any]) -> set[str]:
    return {f"{m} {p}" for m, p, _ in _operations(openapi)}


def test_every_operation_has_a_row_and_every_row_an_operation(demo: Demo) -> None:
    documented = _keys(demo.openapi) | _keys(demo.training_openapi)
    assert documented - set(MATRIX) == set()
    assert set(MATRIX) - documented == set()


def test_training_operations_are_served_by_the_training_workspace_alone(demo: Demo) -> None:
    live, training = _keys(demo.openapi), _keys(demo.training_openapi)
    training_rows = {k for k in MATRIX if k.split(" ", 1)[1].startswith(f"{API_PREFIX}/training/")}
    assert training - live == training_rows - TRAINING_ENTRY
    assert live - training == TRAINING_ENTRY
    assert training_rows - TRAINING_ENTRY and not (training_rows - TRAINING_ENTRY) & live


def _check_cells(
    operations: list[tuple[str, str, dict[str, Any]]],
    params: dict[str, str],
    clients: dict[str, httpx.Client],
) -> list[str]:
    wrong: list[str] = []
    for method, path, op in operations:
        row = MATRIX[f"{method} {path}"]
        url = _url(path, params)
        for role, client in clients.items():
            r = _call(client, method, path, op, url)
            cell = f"{method} {path} as {role}: {r.status_code} {r.text[:120]}"
            if r.status_code >= 500:
                wrong.append(cell)
            elif row in (PUBLIC, CUSTOMER):
                if _refused_by_role(r):
                    wrong.append(cell)
            elif role == ANONYMOUS:
                if r.status_code != 401:
                    wrong.append(cell)
            elif (Role(role) in row) == _refused_by_role(r) or r.status_code == 401:
                wrong.append(cell)
    return wrong


def test_every_cell_of_the_training_workspaces_own_rows(demo: Demo) -> None:
    live = _keys(demo.openapi)
    own = [o for o in _operations(demo.training_openapi) if f"{o[0]} {o[1]}" not in live]
    who: dict[str, str | None] = {str(r): demo.training_tokens[n] for r, n in ACCOUNTS.items()}
    who[ANONYMOUS] = None
    clients = {
        role: httpx.Client(
            base_url=demo.training_base,
            headers={"Authorization": f"Bearer {token}"} if token else {},
            timeout=15.0,
        )
        for role, token in who.items()
    }
    try:
        assert own
        assert _check_cells(own, demo.training_params, clients) == []
    finally:
        for client in clients.values():
            client.close()


def test_every_cell_of_the_matrix(demo: Demo) -> None:
    who: dict[str, str | None] = {str(r): demo.tokens[n] for r, n in ACCOUNTS.items()}
    who[ANONYMOUS] = None
    clients = {role: demo.client(token) for role, token in who.items()}
    try:
        wrong = _check_cells(_operations(demo.openapi), demo.params, clients)
    finally:
        for client in clients.values():
            client.close()
    assert wrong == []


def test_the_roles_in_the_matrix_are_the_domains_roles() -> None:
    for operation, row in MATRIX.items():
        assert isinstance(row, str) or (row and row <= set(Role)), operation
        assert isinstance(row, frozenset) or row in (PUBLIC, CUSTOMER), operation


def test_the_role_check_reuses_the_agents_one_lookup(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = deps.auth.authenticate

    def counted(session: Any, token: str, now: Any = None) -> Any:
        calls.append(token)
        return real(session, token, now)

    with demo.client() as c:
        token = _login(c, "tom")  # the matrix test signed the others out
    monkeypatch.setattr(deps.auth, "authenticate", counted)
    ticket = demo.params["ticket_id"]
    with demo.client(token) as c:
        # The refusal needs no lookup beyond the sign-in's, nor does an allowed call.
        refused = c.post(f"{API_PREFIX}/kb/revisions/{demo.params['revision_id']}/approve")
        calls_refused = len(calls)
        allowed = c.get(f"{API_PREFIX}/tickets/{ticket}")
    assert _refused_by_role(refused) and calls_refused == 1
    assert allowed.status_code == 200 and len(calls) == 2


# --- failing closed ---------------------------------------------------------------------------


def _extra_router() -> APIRouter:
    router = APIRouter()

    @router.get("/not-in-the-matrix")
    def unlisted(_agent: AgentDep) -> dict[str, str]:
        return {"ok": "yes"}

    return router


def test_a_route_without_a_row_stops_the_server_from_starting(tmp_path: Path) -> None:
    app = create_app(fast_settings(tmp_path / "a.sqlite3"))
    app.include_router(_extra_router(), prefix=API_PREFIX)
    with pytest.raises(RuntimeError, match=r"GET /api/v1/not-in-the-matrix: no row"):
        bind_routes(app)


def test_a_role_row_whose_route_signs_nobody_in_stops_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = FastAPI()
    router = APIRouter()

    @router.get("/health-of-everything")
    def anonymous() -> dict[str, str]:
        return {}

    app.include_router(router, prefix=API_PREFIX)
    monkeypatch.setitem(MATRIX, f"GET {API_PREFIX}/health-of-everything", access.EVERYONE)
    with pytest.raises(RuntimeError, match="signs nobody in"):
        bind_routes(app)


def test_an_operation_added_after_the_check_is_refused(tmp_path: Path) -> None:
    """A route that slipped past the start-up check (added later) is refused before anything
    else runs, signed in or not."""
    app = create_app(fast_settings(tmp_path / "late.sqlite3"))
    app.include_router(_extra_router(), prefix=API_PREFIX, dependencies=[access.KNOWN_OPERATION])

    async def ask(headers: dict[str, str]) -> httpx.Response:
        # No lifespan, no database: the refusal needs neither.
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get(f"{API_PREFIX}/not-in-the-matrix", headers=headers)

    for headers in ({}, {"Authorization": "Bearer whoever"}):
        r = asyncio.run(ask(headers))
        assert r.status_code == 403 and r.json()["error"]["code"] == "role_forbidden"
