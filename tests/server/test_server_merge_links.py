from __future__ import annotations

from typing import Any

import httpx
from server_fixtures import ServerEnv, assert_error

from console.api.schemas import EventOut, TicketMergedOut, TicketOut


def _last_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def _events_since(c: httpx.Client, start: int) -> list[EventOut]:
    """Events after `start`, without the SLA sweeper's, which may run at any moment."""
    items = c.get("/events", params={"after": start}).json()["items"]
    return [EventOut.model_validate(e) for e in items if e["type"] != "sla.breached"]


def _ticket(c: httpx.Client, uid: str, subject: str) -> dict[str, Any]:
    r = c.post(
        "/tickets", json={"subject": subject, "body": f"{subject} body", "customer_uid": uid}
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_merge_moves_every_message_and_closes_the_source(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        target = _ticket(c, "U103", "withdrawal stuck")
        source = _ticket(c, "U103", "withdrawal stuck again")
        c.post(f"/tickets/{source['id']}/messages", json={"kind": "note", "body": "dup, merge"})
        c.post(f"/tickets/{source['id']}/messages", json={"body": "Looking", "client_id": "m1"})
        c.post(
            f"/tickets/{target['id']}/messages", json={"body": "Target reply", "client_id": "m1"}
        )
        c.patch(f"/tickets/{source['id']}", json={"tags": ["withdrawal"]})
        target_before = TicketOut.model_validate(c.get(f"/tickets/{target['id']}").json())
        source_before = TicketOut.model_validate(c.get(f"/tickets/{source['id']}").json())
        source_msgs = c.get(f"/tickets/{source['id']}/messages").json()
        start = _last_id(c)
        r = c.post(
            f"/tickets/{source['id']}/merge",
            json={"into_id": target["id"]},
            headers={"Idempotency-Key": "merge-1"},
        )
        assert r.status_code == 200, r.text
        merged = TicketMergedOut.model_validate(r.json())
        again = c.post(
            f"/tickets/{source['id']}/merge",
            json={"into_id": target["id"]},
            headers={"Idempotency-Key": "merge-1"},
        )
        thread = c.get(f"/tickets/{target['id']}/messages").json()
        left = c.get(f"/tickets/{source['id']}/messages").json()
        events = _events_since(c, start)
    assert again.status_code == 200 and again.json() == r.json()
    assert merged.source.status == "closed" and merged.source.merged_into_id == target["id"]
    assert merged.source.version == source_before.version + 1
    assert merged.target.version == target_before.version + 1
    assert merged.target.merged_into_id is None
    assert merged.moved_message_ids == [m["id"] for m in source_msgs]
    assert merged.target.message_count == len(thread) == 2 + len(source_msgs)
    assert "withdrawal" in merged.target.tags
    assert left == []
    assert [m["created_at"] for m in thread] == sorted(m["created_at"] for m in thread)
    moved = [m for m in thread if m["id"] in merged.moved_message_ids]
    assert {m["merged_from_id"] for m in moved} == {source["id"]}
    assert {m["kind"] for m in moved} == {"customer", "note", "reply"}
    # The client_id clash is resolved on the moved copy; the target's own stays.
    assert [m["client_id"] for m in thread].count("m1") == 1
    assert [e.type for e in events] == ["ticket.merged"]
    assert events[0].ticket_id == target["id"]
    assert TicketMergedOut.model_validate(events[0].payload) == merged


def test_merge_refusals(env: ServerEnv) -> None:
    with env.as_user("bob") as c:
        a = _ticket(c, "U103", "a")
        b = _ticket(c, "U103", "b")
        other = _ticket(c, "U104", "other customer")
        assert_error(
            c.post(f"/tickets/{a['id']}/merge", json={"into_id": a["id"]}), 422, "invalid_request"
        )
        body = assert_error(
            c.post(f"/tickets/{a['id']}/merge", json={"into_id": other["id"]}),
            422,
            "different_customer",
        )
        assert "customer" in body["error"]["message"]
        assert_error(
            c.post(f"/tickets/{a['id']}/merge", json={"into_id": 999999}), 422, "invalid_request"
        )
        assert_error(c.post("/tickets/999999/merge", json={"into_id": a["id"]}), 404, "not_found")
        assert c.post(f"/tickets/{a['id']}/merge", json={"into_id": b["id"]}).status_code == 200
        c2 = _ticket(c, "U103", "c")
        # Into a ticket that was itself merged, and merging the merged one again.
        assert_error(
            c.post(f"/tickets/{c2['id']}/merge", json={"into_id": a["id"]}), 422, "already_merged"
        )
        assert_error(
            c.post(f"/tickets/{a['id']}/merge", json={"into_id": c2["id"]}), 422, "already_merged"
        )
        assert_error(
            c.post(f"/tickets/{a['id']}/merge", json={"into": b["id"]}), 422, "invalid_request"
        )
        unchanged = c.get(f"/tickets/{other['id']}").json()
    assert unchanged["merged_into_id"] is None and unchanged["status"] == "new"


def test_links_both_ways_with_events(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        a = _ticket(c, "U100", "link a")
        b = _ticket(c, "U101", "link b")
        start = _last_id(c)
        r = c.post(f"/tickets/{a['id']}/links", json={"ticket_id": b["id"]})
        assert r.status_code == 200, r.text
        linked = TicketOut.model_validate(r.json())
        other = TicketOut.model_validate(c.get(f"/tickets/{b['id']}").json())
        events = _events_since(c, start)
        repeat = c.post(f"/tickets/{b['id']}/links", json={"ticket_id": a["id"]})
        page = c.get("/tickets", params={"q": "link ", "limit": 50}).json()["items"]
        after_link = _last_id(c)
        r = c.delete(f"/tickets/{b['id']}/links/{a['id']}")
        assert r.status_code == 200, r.text
        unlinked_b = TicketOut.model_validate(r.json())
        unlinked_a = TicketOut.model_validate(c.get(f"/tickets/{a['id']}").json())
        unlink_events = _events_since(c, after_link)
        assert_error(
            c.post(f"/tickets/{a['id']}/links", json={"ticket_id": a["id"]}), 422, "invalid_request"
        )
        assert_error(
            c.post(f"/tickets/{a['id']}/links", json={"ticket_id": 999999}), 422, "invalid_request"
        )
        assert_error(c.delete(f"/tickets/999999/links/{a['id']}"), 404, "not_found")
    assert linked.linked_ids == [b["id"]] and other.linked_ids == [a["id"]]
    assert linked.version == a["version"] + 1
    assert sorted((e.type, e.ticket_id) for e in events) == sorted(
        [("ticket.updated", a["id"]), ("ticket.updated", b["id"])]
    )
    assert repeat.status_code == 200 and repeat.json()["version"] == other.version
    listed = {t["id"]: t["linked_ids"] for t in page}
    assert listed[a["id"]] == [b["id"]] and listed[b["id"]] == [a["id"]]
    assert unlinked_a.linked_ids == [] and unlinked_b.linked_ids == []
    assert {e.ticket_id for e in unlink_events} == {a["id"], b["id"]}


def test_customer_past_tickets_newest_first(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        detail = c.get("/customers/U100").json()
        listed = c.get("/tickets", params={"limit": 500}).json()["items"]
    past = detail["past_tickets"]
    own = [t for t in listed if t["customer_uid"] == "U100"]
    assert 0 < len(past) <= 20
    assert len(past) == min(20, len(own))
    keys = [(p["created_at"], p["id"]) for p in past]
    assert keys == sorted(keys, reverse=True)
    newest = max(own, key=lambda t: (t["created_at"], t["id"]))
    assert past[0]["id"] == newest["id"] and past[0]["subject"] == newest["subject"]
    assert set(past[0]) == {"id", "subject", "status", "channel", "created_at"}
