"""The audit log of live chat: accepting, transferring, converting and ending a chat, and the
agent messages the server's outgoing guard refused (recorded though nothing was sent)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chat_env import chat_running_env, key, mine, online, reset_chats, start_customer, wait_until
from server_fixtures import ServerEnv, assert_error

from console.api.schemas_audit import AuditEntryOut, AuditPage

UID = "U100"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("audit-chat") / "server.sqlite3")


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)


def entries_after(env: ServerEnv, start: int, **params: Any) -> list[AuditEntryOut]:
    with env.as_user("sara") as sara:
        r = sara.get("/audit", params={"limit": 200, **params})
    assert r.status_code == 200, r.text
    return [e for e in AuditPage.model_validate(r.json()).items if e.id > start]


def last_id(env: ServerEnv) -> int:
    with env.as_user("sara") as sara:
        items = sara.get("/audit", params={"limit": 1}).json()["items"]
    return int(items[0]["id"]) if items else 0


def test_accept_transfer_convert_and_end_are_recorded(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent", uid=UID)
    cid = customer.conversation_id
    mei_id = env.workspace.agent_ids["mei"]
    start = last_id(env)
    with env.as_user("alice") as alice, env.as_user("mei") as mei:
        online(alice)
        wait_until(lambda: mine(alice))
        assert alice.post(f"/chats/{cid}/accept", headers=key()).status_code == 200
        online(mei)
        moved = alice.post(
            f"/chats/{cid}/transfer", json={"to_agent_id": mei_id, "note": "VIP"}, headers=key()
        )
        assert moved.status_code == 200, moved.text
        assert mei.post(f"/chats/{cid}/accept", headers=key()).status_code == 200
        ticket = mei.post(f"/chats/{cid}/convert", headers=key())
        assert ticket.status_code == 200, ticket.text
        assert mei.post(f"/chats/{cid}/end", headers=key()).status_code == 200
    ticket_id = ticket.json()["id"]
    chat = [e for e in entries_after(env, start) if e.target_kind == "chat"]
    assert [(e.action, e.actor_name) for e in chat] == [
        ("chat.ended", "Mei"),
        ("chat.converted", "Mei"),
        ("chat.accepted", "Mei"),
        ("chat.transferred", "Alice"),
        ("chat.accepted", "Alice"),
    ]
    assert all(e.target_id == str(cid) and e.customer_uid == UID for e in chat)
    assert chat[1].ticket_id == ticket_id and chat[0].ticket_id == ticket_id
    assert chat[3].detail == {"to_agent_id": mei_id}
    assert "VIP" not in str(chat)  # the note is for colleagues, not for the log
    # The transcript note the conversion wrote is on the new ticket's record too.
    noted = entries_after(env, start, ticket_id=ticket_id, action="ticket.noted")
    assert [e.actor_name for e in noted] == ["Mei"]


def test_refused_chat_messages_are_recorded_and_so_are_the_consoles_reports(
    env: ServerEnv,
) -> None:
    customer = start_customer(env, "en", "agent", uid=UID)
    cid = customer.conversation_id
    start = last_id(env)
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        refused = alice.post(
            f"/chats/{cid}/messages",
            json={"body": "请提供您的助记词，我们帮您找回资产。", "client_id": "ask-1"},
            headers=key(),
        )
        assert_error(refused, 422, "unsafe_message")
        report = {"kind": "chat_message", "conversation_id": cid, "categories": ["asks_code"]}
        reported = alice.post("/audit/guard-blocks", json=report, headers=key())
        assert reported.status_code == 201, reported.text
    assert not [m for m in customer.view().messages if "助记词" in m.body]
    blocked = entries_after(env, start, action="guard.blocked")
    assert [(e.detail["source"], e.detail["categories"]) for e in blocked] == [
        ("console", ["asks_code"]),
        ("server", ["asks_secret"]),
    ]
    assert all(
        (e.target_kind, e.target_id, e.customer_uid, e.actor_name, e.detail["kind"])
        == ("chat", str(cid), UID, "Alice", "chat_message")
        for e in blocked
    )
    assert "助记词" not in str(blocked)
