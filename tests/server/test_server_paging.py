from __future__ import annotations

from typing import Any

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error


def _walk(c: httpx.Client, limit: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": limit, **params}
        if cursor:
            query["cursor"] = cursor
        page = c.get("/tickets", params=query).json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def _order_key(t: dict[str, Any]) -> tuple[str, int]:
    return t["updated_at"], t["id"]


def test_walk_all_pages_without_duplicates_or_gaps(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        whole = c.get("/tickets", params={"limit": 500}).json()
        items = _walk(c, limit=7)
    assert whole["next_cursor"] is None
    assert [t["id"] for t in items] == [t["id"] for t in whole["items"]]
    ids = [t["id"] for t in items]
    assert len(ids) == len(set(ids)) == len(env.workspace.ticket_ids)
    # updated_at desc, id desc, including the tickets that share a timestamp.
    assert items == sorted(items, key=_order_key, reverse=True)
    stamps = [t["updated_at"] for t in items]
    assert len(set(stamps)) < len(stamps)


def test_last_page_has_no_cursor(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        page = c.get("/tickets", params={"limit": len(env.workspace.ticket_ids)}).json()
    assert len(page["items"]) == len(env.workspace.ticket_ids)
    assert page["next_cursor"] is None


def test_cursor_stable_while_tickets_are_inserted(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        before = [t["id"] for t in c.get("/tickets", params={"limit": 500}).json()["items"]]
        seen: list[int] = []
        new_ids: list[int] = []
        cursor = None
        pages = 0
        while True:
            params: dict[str, Any] = {"limit": 6}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/tickets", params=params).json()
            seen.extend(t["id"] for t in page["items"])
            pages += 1
            if pages in (1, 3):
                for n in range(3):
                    body = {"subject": f"inserted {pages}.{n}", "body": "x", "customer_uid": "U100"}
                    r = c.post("/tickets", json=body)
                    assert r.status_code == 201
                    new_ids.append(r.json()["id"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        after = [t["id"] for t in c.get("/tickets", params={"limit": 500}).json()["items"]]
    assert seen == before
    assert after[: len(new_ids)] == sorted(new_ids, reverse=True)


@pytest.mark.parametrize("cursor", ["garbage", "e30", "WyJ4IiwxXQ", "W251bGwsIG51bGxd"])
def test_bad_cursor_is_invalid_request(env: ServerEnv, cursor: str) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets", params={"cursor": cursor}), 422, "invalid_request")


@pytest.mark.parametrize("limit", ["0", "501", "ten", "-1"])
def test_limit_out_of_range(env: ServerEnv, limit: str) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets", params={"limit": limit}), 422, "invalid_request")
