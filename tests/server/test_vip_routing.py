"""The VIP routing ladder on a real server: a VIP desk client's chat goes to their manager, then
the backup, then the VIP team; a waiting ticket climbs the same way, once per step; the
managers (and nobody else) are alerted when the client writes.

Tier 1 (U101's) has a 0.2-minute target in the timed tests: 4 s per step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chat_env import key, online, start_customer, wait_until
from sqlalchemy import select
from vip_ladder_env import (
    VipServerEnv,
    alerts,
    floor_empty,
    last_event,
    set_target,
    vip_running_env,
)

from console.api.schemas import TicketUpdate
from console.server.models import Event, Ticket
from console.server.models_audit import AuditEntry
from console.server.models_chat import ChatConversation
from console.server.services import messages, tickets, vip_ladder

SHORT = 0.2  # minutes: 12 s target, 4 s per step
VIP = "U101"  # mei's client, lin backs up


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-routing") / "server.sqlite3")


def ids(env: VipServerEnv, *names: str) -> list[int]:
    return [env.workspace.agent_ids[n] for n in names]


def conv(env: VipServerEnv, cid: int) -> ChatConversation:
    with env.db.read() as session:
        row = session.get(ChatConversation, cid)
        assert row is not None
        session.expunge(row)
        return row


def offered_to(env: VipServerEnv, cid: int, agent_id: int, timeout: float = 8.0) -> None:
    wait_until(lambda: conv(env, cid).offered_agent_id == agent_id, timeout=timeout)


def _stage(env: VipServerEnv, cid: int) -> str | None:
    with env.db.read() as session:
        row = session.get(ChatConversation, cid)
        assert row is not None
        found = vip_ladder.chat_stage(session, row)
    return str(found[0]) if found is not None else None


def statuses(env: VipServerEnv, **status: str) -> None:
    for name, value in status.items():
        with env.as_user(name) as c:
            online(c, status=value)


def test_the_chat_climbs_manager_backup_then_the_vip_team(env: VipServerEnv) -> None:
    floor_empty(env)
    set_target(env, 1, SHORT)
    mei, lin, sara = ids(env, "mei", "lin", "sara")
    # alice, the least loaded, would take it without the ladder: she never gets it.
    statuses(env, alice="online", mei="online", lin="online", sara="online")
    chat = start_customer(env, "zh", "人工", uid=VIP)
    try:
        offered_to(env, chat.conversation_id, mei, timeout=3)
        assert _stage(env, chat.conversation_id) == "manager"
        offered_to(env, chat.conversation_id, lin)  # mei's share ran out
        assert _stage(env, chat.conversation_id) == "backup"
        row = conv(env, chat.conversation_id)
        assert row.offered_at is not None and row.queued_at is not None
        assert (row.offered_at - row.queued_at).total_seconds() >= SHORT * 60 / 3  # not before
        offered_to(env, chat.conversation_id, sara)  # so did lin's: the VIP team
        assert set(conv(env, chat.conversation_id).missed_ids) == {mei, lin}
    finally:
        chat.close()
        set_target(env, 1, None)


def test_an_away_manager_is_skipped_at_once(env: VipServerEnv) -> None:
    floor_empty(env)
    (lin,) = ids(env, "lin")
    statuses(env, alice="online", mei="away", lin="online")
    chat = start_customer(env, "zh", "人工", uid=VIP)
    try:
        offered_to(env, chat.conversation_id, lin, timeout=3)
        # The backup declines: nobody of the team is left, the floor takes it.
        with env.as_user("lin") as c:
            r = c.post(f"/chats/{chat.conversation_id}/decline", headers=key())
            assert r.status_code == 200, r.text
        offered_to(env, chat.conversation_id, ids(env, "alice")[0], timeout=3)
    finally:
        chat.close()


def test_a_manager_who_declines_hands_it_to_the_backup(env: VipServerEnv) -> None:
    floor_empty(env)
    mei, lin = ids(env, "mei", "lin")
    statuses(env, mei="online", lin="online")
    chat = start_customer(env, "zh", "人工", uid=VIP)
    try:
        offered_to(env, chat.conversation_id, mei, timeout=3)
        with env.as_user("mei") as c:
            assert c.post(f"/chats/{chat.conversation_id}/decline", headers=key()).is_success
        offered_to(env, chat.conversation_id, lin, timeout=3)
    finally:
        chat.close()


def test_ordinary_customers_are_routed_as_before(env: VipServerEnv) -> None:
    floor_empty(env)
    statuses(env, alice="online", mei="online")
    with env.as_user("mei") as c:  # mei busier than alice
        online(c, capacity=1)
    chat = start_customer(env, "en", "I'd like to talk to an agent please", uid="U100")
    try:
        offered_to(env, chat.conversation_id, ids(env, "alice")[0], timeout=3)
        assert alerts(env, conversation_id=chat.conversation_id) == []
    finally:
        chat.close()
        with env.as_user("mei") as c:
            online(c, capacity=5)


def _assignee_changes(env: VipServerEnv, ticket_id: int) -> list[int | None]:
    with env.db.read() as session:
        payloads = session.scalars(
            select(Event.payload)
            .where(
                Event.ticket_id == ticket_id, Event.type.in_(("ticket.created", "ticket.updated"))
            )
            .order_by(Event.id)
        ).all()
    changes: list[int | None] = []
    for p in payloads:
        if not changes or p["assignee_id"] != changes[-1]:
            changes.append(p["assignee_id"])
    return changes


def _assignee(env: VipServerEnv, ticket_id: int) -> int | None:
    with env.db.read() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        return row.assignee_id


def test_a_ticket_climbs_once_per_step_and_a_second_pass_moves_nothing(
    env: VipServerEnv,
) -> None:
    floor_empty(env)
    set_target(env, 1, SHORT)
    mei, lin = ids(env, "mei", "lin")
    statuses(env, mei="online", lin="online")
    body: dict[str, Any] = {
        "subject": "Large OTC order",
        "body": "请帮我安排大额交易",
        "customer_uid": VIP,
    }
    try:
        with env.as_user("alice") as alice:
            r = alice.post("/tickets", json={**body, "language": "zh"}, headers=key())
        assert r.status_code == 201, r.text
        ticket_id = r.json()["id"]
        wait_until(lambda: _assignee(env, ticket_id) == mei, timeout=3)
        wait_until(lambda: _assignee(env, ticket_id) == lin, timeout=8)
        wait_until(lambda: _assignee(env, ticket_id) is None, timeout=8)
        assert vip_ladder.sweep_ladder(env.db) == 0  # idempotent: nothing left to move
        assert _assignee_changes(env, ticket_id) == [None, mei, lin, None]
        with env.db.read() as session:
            audited = session.scalars(
                select(AuditEntry.action).where(AuditEntry.ticket_id == ticket_id)
            ).all()
        assert "ticket.updated" not in audited  # the server's doing, not an agent's
        # The client writes again: not a new wait, the same unanswered one (still overdue).
        with env.db.write() as session:
            messages.add_customer_message(session, ticket_id, "还在吗？")
        assert _assignee(env, ticket_id) is None
    finally:
        set_target(env, 1, None)
        with env.db.write() as session:
            tickets.update_ticket(session, ticket_id, TicketUpdate(status="solved"))


def test_a_client_message_places_the_ticket_and_alerts_manager_and_backup_only(
    env: VipServerEnv,
) -> None:
    floor_empty(env)
    mei, lin = ids(env, "mei", "lin")
    statuses(env, mei="away", lin="online")
    with env.as_user("alice") as alice:
        body = {"subject": "API keys", "body": "hello", "customer_uid": VIP, "language": "zh"}
        ticket_id = alice.post("/tickets", json=body, headers=key()).json()["id"]
        reply = {"kind": "reply", "body": "Could you tell us more?"}
        assert alice.post(f"/tickets/{ticket_id}/messages", json=reply, headers=key()).is_success
        alice.patch(f"/tickets/{ticket_id}", json={"assignee_id": None}, headers=key())
    before = last_event(env)
    with env.db.write() as session:
        messages.add_customer_message(session, ticket_id, "我需要把 200 万 USDT 提到冷钱包")
    assert _assignee(env, ticket_id) == lin  # mei is away: the backup, in the same write
    sent = alerts(env, before, ticket_id=ticket_id)
    assert sorted(a for a, _ in sent) == [mei, lin]
    assert {p["kind"] for _, p in sent} == {"message"}
    # Agents never see them; the manager does, on their own event feed.
    for name, sees in (("alice", False), ("sara", False), ("kai", False), ("mei", True)):
        with env.as_user(name) as c:
            items = c.get("/events", params={"after": before}).json()["items"]
        assert any(e["type"] == "vip.alert" for e in items) is sees, name
    with env.db.write() as session:
        tickets.update_ticket(session, ticket_id, TicketUpdate(status="solved"))


def test_chat_alerts_once_per_burst_of_client_lines(env: VipServerEnv) -> None:
    floor_empty(env)
    mei, lin = ids(env, "mei", "lin")
    statuses(env, mei="online", lin="online")
    before = last_event(env)
    chat = start_customer(env, "zh", "人工", uid=VIP)
    try:
        cid = chat.conversation_id
        first = alerts(env, before, conversation_id=cid)
        assert sorted(a for a, _ in first) == [mei, lin]
        assert all(p["due_at"] is not None and p["kind"] == "message" for _, p in first)
        offered_to(env, cid, mei, timeout=3)
        with env.as_user("mei") as c:
            assert c.post(f"/chats/{cid}/accept", headers=key()).is_success
            seen = last_event(env)
            assert chat.say("在吗").status_code == 201  # a line right after "人工": no alert
            assert alerts(env, seen, conversation_id=cid) == []
            r = c.post(f"/chats/{cid}/messages", json={"body": "您好！", "client_id": "m1"})
            assert r.status_code == 201, r.text
            assert chat.say("我想提币").status_code == 201  # after an answer: alerted
            assert chat.say("两百万").status_code == 201  # the same burst: not again
        assert sorted(a for a, _ in alerts(env, seen, conversation_id=cid)) == [mei, lin]
    finally:
        chat.close()


def test_a_new_ticket_of_a_client_is_placed_and_alerted_as_it_is_created(
    env: VipServerEnv,
) -> None:
    floor_empty(env)
    mei, lin = ids(env, "mei", "lin")
    statuses(env, mei="online", lin="online")
    before = last_event(env)
    with env.as_user("alice") as alice:
        body = {"subject": "OTC desk", "body": "想做一笔大额 OTC", "customer_uid": VIP}
        r = alice.post("/tickets", json={**body, "language": "zh"}, headers=key())
    assert r.status_code == 201, r.text
    ticket_id = r.json()["id"]
    # In the creating write itself, not a sweep later: the answer already names the manager.
    assert r.json()["assignee_id"] == mei
    sent = alerts(env, before, ticket_id=ticket_id)
    assert sorted(a for a, _ in sent) == sorted([mei, lin])
    with env.db.read() as session:
        kinds = session.scalars(
            select(Event.type).where(Event.ticket_id == ticket_id).order_by(Event.id)
        ).all()
    assert kinds[0] == "ticket.created"  # the created comes before the placing update
    with env.db.write() as session:
        tickets.update_ticket(session, ticket_id, TicketUpdate(status="solved"))
