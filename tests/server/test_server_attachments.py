from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error

from console.api.schemas import MAX_ATTACHMENT_BYTES, AttachmentOut, EventOut, MessageOut

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32)
GIF = b"GIF89a" + bytes(16)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(16)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)


def upload(
    c: httpx.Client, name: str, data: bytes | Iterator[bytes], **headers: str
) -> httpx.Response:
    sent = {"X-Filename": quote(name, safe=""), "Content-Type": "application/octet-stream"}
    sent.update(headers)
    return c.post("/attachments", content=data, headers=sent)


def uploaded(c: httpx.Client, name: str, data: bytes) -> AttachmentOut:
    r = upload(c, name, data)
    assert r.status_code == 201, r.text
    return AttachmentOut.model_validate(r.json())


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("screen.png", PNG, "image/png"),
        ("photo.JPG", JPEG, "image/jpeg"),
        ("anim.gif", GIF, "image/gif"),
        ("pic.webp", WEBP, "image/webp"),
        ("statement.pdf", PDF, "application/pdf"),
        ("app.log", "2026-03-01 提币 failed\n".encode(), "text/plain"),
        ("trades.csv", b"time,pair,side\n1,BTC/USDT,buy\n", "text/csv"),
    ],
    ids=lambda v: v if isinstance(v, str) and "/" not in v else "",
)
def test_allowed_types_round_trip(
    env: ServerEnv, name: str, data: bytes, content_type: str
) -> None:
    with env.as_user("alice") as c:
        out = uploaded(c, name, data)
        r = c.get(f"/attachments/{out.id}")
    assert (out.filename, out.content_type, out.size) == (name, content_type, len(data))
    assert out.sha256 == hashlib.sha256(data).hexdigest()
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"].split(";")[0] == content_type
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in r.headers["content-disposition"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tool.exe", EXE),  # not on the list
        ("setup.png", EXE),  # an executable renamed .png
        ("photo.png", JPEG),  # a real image, the wrong extension
        ("doc.pdf", PNG),
        ("notes.txt", "caf\u00e9".encode("latin-1")),  # not UTF-8
        ("dump.log", b"abc\x00def"),  # NUL in text
        ("invoice\u202egnp.exe", EXE),  # right-to-left override to pass .exe off as .png
        ("page.html", b"<script>alert(1)</script>"),
        ("noextension", b"hello"),
    ],
    ids=lambda v: v.encode("unicode_escape").decode() if isinstance(v, str) else "",
)
def test_wrong_or_spoofed_types_are_refused(env: ServerEnv, name: str, data: bytes) -> None:
    with env.as_user("alice") as c:
        assert_error(upload(c, name, data), 415, "unsupported_type")


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.txt", "win.txt"),
        ("/abs/path/report.txt", "report.txt"),
        ("截图 2026年3月.png", "截图 2026年3月.png"),
        ("스크린샷 (1).png", "스크린샷 (1).png"),
        ("tab\there\r\nname.txt", "tabherename.txt"),
        ("...hidden.txt", "hidden.txt"),
        ("x" * 300 + ".txt", "x" * 116 + ".txt"),
    ],
)
def test_file_names_are_cleaned_but_kept_readable(env: ServerEnv, sent: str, stored: str) -> None:
    data = PNG if stored.endswith(".png") else b"plain text\n"
    with env.as_user("alice") as c:
        out = uploaded(c, sent, data)
        disposition = c.get(f"/attachments/{out.id}").headers["content-disposition"]
    assert out.filename == stored
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == stored
    assert "/" not in encoded and "\\" not in disposition


def test_missing_or_undecodable_name(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        r = c.post("/attachments", content=b"x", headers={"Content-Type": "text/plain"})
        assert_error(r, 422, "invalid_request")
        assert_error(upload(c, "", b"x"), 422, "invalid_request")
        r = c.post("/attachments", content=b"x", headers={"X-Filename": "%ff%fe.txt"})
        assert_error(r, 422, "invalid_request")
        assert_error(upload(c, "empty.txt", b""), 422, "invalid_request")
    with env.client() as anonymous:
        assert_error(upload(anonymous, "a.txt", b"hi"), 401, "unauthorized")


def test_size_limit_declared_and_streamed(env: ServerEnv) -> None:
    big = PNG + bytes(MAX_ATTACHMENT_BYTES - len(PNG))
    with env.as_user("alice") as c:
        exact = uploaded(c, "full.png", big)
        assert_error(upload(c, "over.png", big + b"\x00"), 413, "payload_too_large")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield PNG
            for _ in range(11):
                yield bytes(1024 * 1024)

        assert_error(upload(c, "chunked.png", chunks()), 413, "payload_too_large")
        # Ordinary JSON routes keep their small limit.
        body = {"subject": "s", "body": "x" * (300 * 1024), "customer_uid": "U100"}
        assert_error(c.post("/tickets", json=body), 413, "payload_too_large")
        assert c.get(f"/attachments/{exact.id}").content == big
    assert exact.size == MAX_ATTACHMENT_BYTES


def test_idempotent_upload(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        first = upload(c, "a.txt", b"same", **{"Idempotency-Key": "up-1"})
        again = upload(c, "a.txt", b"same", **{"Idempotency-Key": "up-1"})
        renamed = upload(c, "b.txt", b"same", **{"Idempotency-Key": "up-1"})
    assert first.status_code == 201 and again.status_code == 201
    assert first.json() == again.json()
    assert_error(renamed, 422, "idempotency_key_reused")


def _post(c: httpx.Client, ticket_id: int, ids: list[int], **extra: Any) -> httpx.Response:
    return c.post(
        f"/tickets/{ticket_id}/messages",
        json={"body": "See the attached file", "attachment_ids": ids, **extra},
    )


def test_messages_carry_attachments_of_their_author_only(env: ServerEnv) -> None:
    ticket_id, other_ticket = env.workspace.ticket_ids[4], env.workspace.ticket_ids[6]
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        shot = uploaded(alice, "截图.png", PNG)
        log = uploaded(alice, "app.log", b"error 42\n")
        assert_error(bob.get(f"/attachments/{shot.id}"), 404, "not_found")  # not sent yet
        assert_error(_post(bob, ticket_id, [shot.id]), 422, "invalid_request")
        assert_error(_post(alice, ticket_id, [999999]), 422, "invalid_request")
        start = alice.get("/events", params={"after": 0, "limit": 1}).json()["last_id"]
        r = _post(alice, ticket_id, [shot.id, log.id], client_id="with-files")
        assert r.status_code == 201, r.text
        sent = MessageOut.model_validate(r.json())
        retry = _post(alice, ticket_id, [shot.id, log.id], client_id="with-files")
        assert_error(_post(alice, other_ticket, [shot.id]), 422, "invalid_request")
        assert_error(_post(alice, ticket_id, [log.id]), 422, "invalid_request")
        thread = [
            MessageOut.model_validate(m) for m in alice.get(f"/tickets/{ticket_id}/messages").json()
        ]
        events = alice.get("/events", params={"after": start}).json()["items"]
        seen_by_bob = bob.get(f"/attachments/{shot.id}")
        assert_error(alice.get("/attachments/999999"), 404, "not_found")
    assert [a.id for a in sent.attachments] == [shot.id, log.id]
    assert sent.attachments[0] == shot
    assert retry.status_code == 200 and retry.json() == r.json()
    assert next(m for m in thread if m.id == sent.id).attachments == sent.attachments
    assert all(not m.attachments for m in thread if m.id != sent.id)
    created = [EventOut.model_validate(e) for e in events if e["type"] == "message.created"]
    assert MessageOut.model_validate(created[0].payload).attachments == sent.attachments
    assert seen_by_bob.status_code == 200 and seen_by_bob.content == PNG
