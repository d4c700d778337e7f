"""Hostile and malformed customer input on the chat API: a clear 4xx with the error shape, or text
kept as text; never a 500. And chat files on both sides."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from chat_env import chat_running_env, key, mine, online, reset_chats, start_customer, wait_until
from server_fixtures import ServerEnv, assert_error

from console.api.schemas import MAX_ATTACHMENT_BYTES
from console.api.schemas_chat import MAX_CHAT_MESSAGE_CHARS, ChatAttachmentOut, ChatMessageOut

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("chat-hostile") / "server.sqlite3")


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)


def _upload(http, cid: int, name: str, data: object, prefix: str = "/customer/chats"):  # type: ignore[no-untyped-def]
    return http.post(
        f"{prefix}/{cid}/attachments",
        content=data,
        headers={"X-Filename": quote(name, safe=""), "Content-Type": "application/octet-stream"},
    )


def test_hostile_text_is_refused_or_kept_as_text(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    too_long = "x" * (MAX_CHAT_MESSAGE_CHARS + 1)
    assert_error(customer.say(too_long), 422, "invalid_request")
    huge = customer.post("/messages", json={"body": "x" * (400 * 1024), "client_id": "h"})
    assert_error(huge, 413, "payload_too_large")
    for bad in ("bell\x07", "esc\x1b[31m", "rtl \u202egnp.exe", "iso \u2066x\u2069", "nul\x00"):
        assert_error(customer.say(bad), 422, "invalid_request")
    assert_error(customer.say("ok", client_id=""), 422, "invalid_request")
    assert_error(customer.say("ok", client_id="c" * 65), 422, "invalid_request")
    assert_error(customer.post("/messages", content=b"{not json"), 400, "malformed_json")
    assert_error(customer.post("/messages", json={"body": "x"}), 422, "invalid_request")
    assert_error(
        customer.post("/messages", json={"body": "  ", "client_id": "e"}), 422, "invalid_request"
    )
    markup = "<script>alert(1)</script> <b>bold</b> [x](javascript:alert(1)) **md**\nline 2\ttab"
    r = customer.say(markup)
    assert r.status_code == 201, r.text
    assert customer.view().messages[-1].body == markup
    with env.client() as anonymous:
        for body in (
            {"language": "xx"},
            {"language": "en", "customer_uid": "NOPE"},
            {"language": "en", "guest_name": "a\u202eb"},
            {"language": "en", "topic": "nonsense"},
            {"language": "en", "extra": 1},
            {"language": "en", "text": "\x1b"},
        ):
            assert_error(anonymous.post("/customer/chats", json=body), 422, "invalid_request")
        assert_error(
            anonymous.get(f"/customer/chats/{customer.conversation_id}"), 401, "unauthorized"
        )
    other = start_customer(env, "en", "hello")
    # one conversation's token opens no other conversation
    r = customer.http.get(f"/customer/chats/{other.conversation_id}")
    assert_error(r, 401, "unauthorized")
    assert_error(customer.http.get("/customer/chats/999999"), 404, "not_found")
    assert_error(customer.http.get("/customer/chats/0"), 422, "invalid_request")
    assert_error(
        customer.http.get(f"/customer/chats/{customer.conversation_id}", params={"after_seq": -1}),
        422,
        "invalid_request",
    )


def test_customer_files_are_checked(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    r = _upload(customer.http, cid, "screen.png", PNG)
    assert r.status_code == 201, r.text
    shot = ChatAttachmentOut.model_validate(r.json())
    assert shot.content_type == "image/png" and shot.size == len(PNG)
    assert_error(
        _upload(customer.http, cid, "fake.png", b"MZ\x90\x00 not a png"), 415, "unsupported_type"
    )
    assert_error(_upload(customer.http, cid, "tool.exe", b"MZ\x90\x00"), 415, "unsupported_type")
    assert_error(_upload(customer.http, cid, "rates.csv", b"a,b\n"), 415, "unsupported_type")
    assert_error(_upload(customer.http, cid, "empty.txt", b""), 422, "invalid_request")
    big = PNG + bytes(50 * 1024 * 1024)
    assert_error(_upload(customer.http, cid, "huge.png", big), 413, "payload_too_large")
    over = PNG + bytes(MAX_ATTACHMENT_BYTES - len(PNG) + 1)
    assert_error(_upload(customer.http, cid, "over.png", over), 413, "payload_too_large")
    r = customer.post(
        "/messages", json={"body": "", "client_id": "f1", "attachment_ids": [shot.id]}
    )
    assert r.status_code == 201, r.text
    message = ChatMessageOut.model_validate(r.json())
    assert [a.id for a in message.attachments] == [shot.id]
    again = customer.post(
        "/messages", json={"body": "x", "client_id": "f2", "attachment_ids": [shot.id]}
    )
    assert_error(again, 422, "invalid_request")
    assert customer.http.get(f"/customer/chats/{cid}/attachments/{shot.id}").content == PNG
    other = start_customer(env, "en", "agent")
    assert_error(
        other.post("/messages", json={"body": "x", "client_id": "f3", "attachment_ids": [shot.id]}),
        422,
        "invalid_request",
    )
    assert_error(
        other.http.get(f"/customer/chats/{other.conversation_id}/attachments/{shot.id}"),
        404,
        "not_found",
    )
    with env.as_user("alice") as alice:
        download = alice.get(f"/chat-attachments/{shot.id}")
        assert download.content == PNG
        assert download.headers["content-disposition"].startswith("attachment;")
        assert download.headers["x-content-type-options"] == "nosniff"


def test_agent_files_and_rights(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        # not active with alice yet: no file, no message
        assert_error(_upload(alice, cid, "a.txt", b"hi", prefix="/chats"), 409, "conflict")
        assert_error(
            alice.post(f"/chats/{cid}/messages", json={"body": "x", "client_id": "1"}),
            409,
            "conflict",
        )
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        r = _upload(alice, cid, "steps.pdf", b"%PDF-1.4 steps", prefix="/chats")
        assert r.status_code == 201, r.text
        pdf = ChatAttachmentOut.model_validate(r.json())
        assert_error(bob.get(f"/chat-attachments/{pdf.id}"), 404, "not_found")  # not sent yet
        body = {"body": "See the steps", "client_id": "p", "attachment_ids": [pdf.id]}
        assert alice.post(f"/chats/{cid}/messages", json=body).status_code == 201
        assert bob.get(f"/chat-attachments/{pdf.id}").content == b"%PDF-1.4 steps"
        assert_error(
            bob.post(f"/chats/{cid}/messages", json={"body": "x", "client_id": "b"}),
            409,
            "conflict",
        )
        assert_error(
            alice.post(f"/chats/{cid}/messages", json={"body": "\u202e", "client_id": "z"}),
            422,
            "invalid_request",
        )
        assert_error(
            alice.put("/chat/status", json={"status": "online", "capacity": 0}),
            422,
            "invalid_request",
        )
        assert_error(alice.put("/chat/status", json={"status": "busy"}), 422, "invalid_request")
        assert_error(alice.get("/chats", params={"scope": "everything"}), 422, "invalid_request")
    assert (
        customer.http.get(f"/customer/chats/{cid}/attachments/{pdf.id}").content
        == b"%PDF-1.4 steps"
    )
    with env.client() as anonymous:
        assert_error(anonymous.get("/chats"), 401, "unauthorized")
