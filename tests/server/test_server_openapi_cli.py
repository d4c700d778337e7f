from __future__ import annotations

from pathlib import Path

import httpx
from server_fixtures import ServerEnv

from console.server.cli import build_parser, settings_from_args


def test_openapi_document_lists_the_contract(env: ServerEnv) -> None:
    with httpx.Client(base_url=env.base_url) as c:
        doc = c.get("/openapi.json").json()
    paths = doc["paths"]
    expected = {
        ("get", "/api/v1/workspace"),
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/logout"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/agents"),
        ("post", "/api/v1/agents"),
        ("get", "/api/v1/tickets"),
        ("post", "/api/v1/tickets"),
        ("get", "/api/v1/tickets/{ticket_id}"),
        ("patch", "/api/v1/tickets/{ticket_id}"),
        ("get", "/api/v1/tickets/{ticket_id}/messages"),
        ("post", "/api/v1/tickets/{ticket_id}/messages"),
        ("get", "/api/v1/customers/{uid}"),
        ("get", "/api/v1/events"),
        ("get", "/api/v1/events/stream"),
        ("get", "/api/v1/health"),
    }
    assert expected <= {(m, p) for p, ops in paths.items() for m in ops}
    post_message = paths["/api/v1/tickets/{ticket_id}/messages"]["post"]
    assert "201" in post_message["responses"]
    assert any(p["name"].lower() == "idempotency-key" for p in post_message["parameters"])
    assert "ErrorBody" in doc["components"]["schemas"]


def test_cli_arguments_become_settings(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--database", str(tmp_path / "x.db"), "--demo", "--simulate", "--port", "9000"]
    )
    settings = settings_from_args(args)
    assert args.port == 9000
    assert settings.demo and settings.simulate
    assert settings.database_url == f"sqlite:///{(tmp_path / 'x.db').resolve().as_posix()}"
    url = "postgresql+psycopg://support@db/support"
    assert settings_from_args(build_parser().parse_args(["--database", url])).database_url == url
    defaults = settings_from_args(build_parser().parse_args([]))
    assert not defaults.demo and not defaults.simulate
    assert defaults.database_url.startswith("sqlite:///")
