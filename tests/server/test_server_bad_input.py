from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from server_fixtures import ServerEnv, assert_error

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def ticket_url(env: ServerEnv) -> str:
    with env.as_user("alice") as c:
        r = c.post("/tickets", json={"subject": "s", "body": "b", "customer_uid": "U100"})
    return f"/tickets/{r.json()['id']}"


@pytest.mark.parametrize(
    "raw",
    [b"{", b'{"body": }', b"not json", b'{"body": "x"', b"[" * 100_000, b"1" * 5000],
)
def test_malformed_json(env: ServerEnv, ticket_url: str, raw: bytes) -> None:
    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", content=raw, headers=JSON)
    assert_error(r, 400, "malformed_json")


@pytest.mark.parametrize(
    "raw",
    [
        b'{"body": "\xff\xfe"}',
        b'{"body": "\xc3"}',
        b'{"body": "\xed\xa0\x80"}',  # a UTF-16 surrogate encoded as UTF-8
        b"\xef\xbb\xbf\xff",
    ],
)
def test_invalid_utf8(env: ServerEnv, ticket_url: str, raw: bytes) -> None:
    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", content=raw, headers=JSON)
        assert_error(r, 400, "malformed_json")
        # Also where the body would only be validated, never stored.
        assert_error(c.post("/auth/login", content=raw, headers=JSON), 400, "malformed_json")


def test_lone_surrogate_escape(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", content=b'{"body": "\\ud800"}', headers=JSON)
        assert_error(r, 400, "malformed_json")
        ok = c.post(f"{ticket_url}/messages", content=b'{"body": "\\ud83d\\ude00"}', headers=JSON)
    assert ok.status_code == 201
    assert ok.json()["body"] == "😀"


def test_unknown_fields_are_refused(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", json={"body": "x", "bodyy": "typo"})
        body = assert_error(r, 422, "invalid_request")
        assert body["error"]["details"][0]["loc"] == ["body", "bodyy"]
        assert_error(c.patch(ticket_url, json={"stauts": "open"}), 422, "invalid_request")


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("post", "/messages", {"body": 5}),
        ("post", "/messages", {"body": ["x"]}),
        ("post", "/messages", {"body": ""}),
        ("post", "/messages", {"body": "x", "kind": "shout"}),
        ("post", "/messages", {"body": "x" * 20_001}),
        ("post", "/messages", [1, 2]),
        ("post", "/messages", "just a string"),
        ("post", "/messages", None),
        ("patch", "", {"status": "bogus"}),
        ("patch", "", {"expected_version": "one"}),
        ("patch", "", {"assignee_id": 10**30}),
        ("patch", "", {"assignee_id": 1.5}),
        ("patch", "", {"tags": "vip"}),
        ("patch", "", {"tags": ["t"] * 31}),
    ],
)
def test_wrong_types(env: ServerEnv, ticket_url: str, method: str, path: str, payload: Any) -> None:
    with env.as_user("alice") as c:
        r = c.request(method.upper(), ticket_url + path, json=payload)
    assert_error(r, 422, "invalid_request")


def test_message_of_one_megabyte(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        before = c.get(ticket_url).json()
        r = c.post(f"{ticket_url}/messages", json={"body": "x" * 1_000_000})
        assert_error(r, 413, "payload_too_large")
        assert c.get(ticket_url).json() == before


def test_oversized_body_without_content_length(env: ServerEnv, ticket_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"body": "'
        for _ in range(40):
            yield b"y" * 10_000
        yield b'"}'

    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", content=chunks(), headers=JSON)
    assert "content-length" not in r.request.headers
    assert_error(r, 413, "payload_too_large")


def test_body_just_under_the_limit_passes_the_guard(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        r = c.post(f"{ticket_url}/messages", json={"body": "z" * 200_000})
    # Past the size guard; the schema's own length limit answers.
    assert_error(r, 422, "invalid_request")


@pytest.mark.parametrize(
    "path",
    [
        "/tickets/abc",
        "/tickets/0",
        "/tickets/-1",
        "/tickets/99999999999999999999999",
        "/tickets/1.5",
    ],
)
def test_bad_ids(env: ServerEnv, path: str) -> None:
    with env.as_user("alice") as c:
        r = c.get(path)
    assert r.status_code in (404, 422)
    assert_error(r, r.status_code, "not_found" if r.status_code == 404 else "invalid_request")


def test_bad_event_queries(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/events", params={"after": "x"}), 422, "invalid_request")
        assert_error(c.get("/events", params={"after": 2**70}), 422, "invalid_request")
        assert_error(c.get("/events", params={"limit": 0}), 422, "invalid_request")
        r = c.get("/events/stream", headers={"Last-Event-ID": "nope"})
        assert_error(r, 422, "invalid_request")


def test_unknown_route_and_method(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/nowhere"), 404, "not_found")
        assert_error(c.delete("/tickets"), 405, "method_not_allowed")


def test_non_json_content_type(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        r = c.post(
            f"{ticket_url}/messages",
            content=b'{"body": "x"}',
            headers={"Content-Type": "text/plain"},
        )
    assert_error(r, 422, "invalid_request")


def test_errors_never_500_for_garbage(env: ServerEnv, ticket_url: str) -> None:
    garbage = [bytes([i % 256]) * 7 + b"\x00\x80{" for i in range(0, 256, 17)]
    with env.as_user("alice") as c:
        for raw in garbage:
            for path in (f"{ticket_url}/messages", "/tickets", "/agents", "/auth/login"):
                r = c.post(path, content=raw, headers=JSON)
                assert 400 <= r.status_code < 500, (path, raw, r.text)
                assert set(r.json()) == {"error"}


def test_nul_characters_are_refused(env: ServerEnv, ticket_url: str) -> None:
    with env.as_user("alice") as c:
        before = c.get(ticket_url).json()
        r = c.post(f"{ticket_url}/messages", json={"body": "a\x00b"})
        assert_error(r, 422, "invalid_request")
        assert_error(c.get("/tickets", params={"q": "\x00"}), 422, "invalid_request")
        assert_error(c.get("/customers/U1%00"), 422, "invalid_request")
        # A backslash-u text is not a NUL.
        ok = c.post(f"{ticket_url}/messages", json={"body": "literal \\u0000"})
        assert ok.status_code == 201
        assert c.get(ticket_url).json()["message_count"] == before["message_count"] + 1
