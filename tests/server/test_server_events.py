from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from httpx_sse import connect_sse
from server_fixtures import ServerEnv

from console.api.schemas import EventOut, MessageOut, TicketOut


def _last_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def _ticket(c: httpx.Client) -> dict[str, Any]:
    r = c.post("/tickets", json={"subject": "events", "body": "hi", "customer_uid": "U104"})
    assert r.status_code == 201
    return dict(r.json())


def test_reply_emits_message_created_then_ticket_updated(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        ticket = _ticket(c)
        start = _last_id(c)
        reply = c.post(f"/tickets/{ticket['id']}/messages", json={"body": "On it"}).json()
        page = c.get("/events", params={"after": start}).json()
    items = [EventOut.model_validate(e) for e in page["items"]]
    assert [e.type for e in items] == ["message.created", "ticket.updated"]
    assert items[0].id < items[1].id
    assert page["last_id"] == items[1].id
    assert {e.ticket_id for e in items} == {ticket["id"]}
    assert MessageOut.model_validate(items[0].payload).model_dump(mode="json") == reply
    updated = TicketOut.model_validate(items[1].payload)
    assert (updated.status, updated.version, updated.message_count) == ("open", 2, 2)


def test_events_page_is_ascending_and_limited(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        start = _last_id(c)
        for _ in range(3):
            _ticket(c)  # two events each: ticket.created, message.created
        first = c.get("/events", params={"after": start, "limit": 4}).json()
        rest = c.get("/events", params={"after": first["items"][-1]["id"]}).json()
        nothing = c.get("/events", params={"after": rest["last_id"]}).json()
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert len(first["items"]) == 4
    assert ids == sorted(ids) and len(ids) == 6
    assert [e["type"] for e in first["items"][:2]] == ["ticket.created", "message.created"]
    assert nothing == {"items": [], "last_id": rest["last_id"]}


class _Reader:
    """Reads the stream in a thread, like a console would, until told to stop."""

    def __init__(self, env: ServerEnv, token: str, **request: Any) -> None:
        self.events: list[tuple[int, str, dict[str, Any]]] = []
        self.comments = 0
        self._env, self._token, self._request = env, token, request
        self._client = env.client(token, timeout=httpx.Timeout(10.0, read=30.0))
        self._connected = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        assert self._connected.wait(5)

    def _run(self) -> None:
        with connect_sse(self._client, "GET", "/events/stream", **self._request) as source:
            self._connected.set()
            try:
                for sse in source.iter_sse():
                    self.events.append((int(sse.id), sse.event, sse.json()))
            except httpx.HTTPError:
                pass

    def wait_for(self, count: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.events) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.events) >= count, self.events

    def close(self) -> None:
        self._client.close()
        self._thread.join(5)


def test_stream_delivers_live_events(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        reader = _Reader(env, env.token("alice"))
        try:
            ticket = _ticket(c)
            c.post(f"/tickets/{ticket['id']}/messages", json={"body": "live"})
            reader.wait_for(4)
        finally:
            reader.close()
    types = [t for _, t, _ in reader.events]
    assert types == ["ticket.created", "message.created", "message.created", "ticket.updated"]
    ids = [i for i, _, _ in reader.events]
    assert ids == sorted(ids)
    assert [d["id"] for _, _, d in reader.events] == ids
    assert reader.events[-1][2]["payload"]["last_message_preview"] == "live"


def test_stream_resumes_from_last_event_id_without_gap(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        ticket = _ticket(c)
        url = f"/tickets/{ticket['id']}/messages"
        first = _Reader(env, env.token("bob"), params={"after": _last_id(c)})
        try:
            c.post(url, json={"body": "one"})
            first.wait_for(2)
        finally:
            first.close()
        resume_from = first.events[-1][0]
        # Written while no stream is open.
        for n in range(5):
            c.post(url, json={"body": f"offline {n}"})
        expected = [
            e["id"] for e in c.get("/events", params={"after": resume_from}).json()["items"]
        ]
        second = _Reader(env, env.token("bob"), headers={"Last-Event-ID": str(resume_from)})
        try:
            second.wait_for(len(expected))
            c.post(url, json={"body": "after resume"})
            second.wait_for(len(expected) + 2)
        finally:
            second.close()
    got = [i for i, _, _ in second.events]
    assert got[: len(expected)] == expected
    assert got == sorted(got) and len(got) == len(set(got)) == len(expected) + 2
    assert got[0] == resume_from + 1


def test_stream_without_resume_point_sends_only_new_events(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        _ticket(c)
        known = _last_id(c)
        reader = _Reader(env, env.token("alice"))
        try:
            time.sleep(0.3)
            _ticket(c)
            reader.wait_for(2)
        finally:
            reader.close()
    assert reader.events[0][0] == known + 1


def test_stream_sends_keepalive_comments(env: ServerEnv) -> None:
    lines: list[str] = []
    with (
        env.client(env.token("alice"), timeout=httpx.Timeout(10.0, read=5.0)) as c,
        c.stream("GET", "/events/stream") as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            lines.append(line)
            if lines.count(": keepalive") >= 2:
                break
    assert lines.count(": keepalive") == 2


def test_stream_requires_auth(env: ServerEnv) -> None:
    with env.client() as c:
        r = c.get("/events/stream")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
