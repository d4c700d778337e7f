"""The VIP desk against a real server: tier targets, what waits and when it is due, the
portfolio's order, the client page, the contact log, and a portfolio of 500 clients read in a
fixed handful of queries."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from server_fixtures import assert_error
from sqlalchemy import event, insert, true
from vip_desk_fixtures import (
    VipServerEnv,
    add_client,
    add_manager,
    add_ticket,
    client_row,
    idem,
    minutes_ago,
    vip_running_env,
)

from console.core.vip import DEFAULT_TARGET_MINUTES
from console.server.models import Customer, Message, SecurityEvent, Ticket, Transfer
from console.server.models_chat import ChatConversation, ChatMessage
from console.server.models_vip import VipClient, VipFollowUp
from console.server.services import vip_portfolio


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-desk") / "server.sqlite3")


def _at(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _portfolio(env: VipServerEnv, username: str, **params: Any) -> list[dict[str, Any]]:
    with env.as_user(username) as c:
        r = c.get("/vip/portfolio", params=params)
    assert r.status_code == 200, r.text
    return list(r.json())


def _row(env: VipServerEnv, username: str, uid: str) -> dict[str, Any]:
    return next(row for row in _portfolio(env, username) if row["uid"] == uid)


def _add_chat(env: VipServerEnv, uid: str, lines: list[tuple[str, datetime]]) -> int:
    """An active chat of `uid` with `lines` of (sender, time)."""
    with env.db.write() as session:
        conv = ChatConversation(
            token_hash=f"{uid}-{lines[0][1].timestamp()}",
            customer_uid=uid,
            customer_name=uid,
            language="en",
            state="active",
            assigned_agent_id=env.id("alice"),
            last_seq=len(lines),
            created_at=lines[0][1],
            updated_at=lines[-1][1],
        )
        session.add(conv)
        session.flush()
        for seq, (sender, at) in enumerate(lines, start=1):
            agent = env.id("alice") if sender == "agent" else None
            session.add(
                ChatMessage(
                    conversation_id=conv.id,
                    seq=seq,
                    sender=sender,
                    agent_id=agent,
                    author_name=sender,
                    body=f"line {seq}",
                    created_at=at,
                )
            )
        return conv.id


def test_tier_targets_default_and_a_supervisor_changes_one(env: VipServerEnv) -> None:
    with env.as_user("mei") as c:
        tiers = c.get("/vip/tiers").json()
        assert_error(c.put("/vip/tiers/3", json={"target_minutes": 12}), 403, "role_forbidden")
    assert [(t["tier"], t["target_minutes"]) for t in tiers] == [
        (tier, float(DEFAULT_TARGET_MINUTES[tier])) for tier in range(1, 10)
    ]
    uid = add_client(env, 6, "hana")
    asked = minutes_ago(4).replace(microsecond=0)
    add_ticket(env, uid, asked)
    assert _at(_row(env, "hana", uid)["due_at"]) == asked + timedelta(minutes=10)
    with env.as_user("sara") as c:
        for bad in ("0", "10"):
            assert_error(
                c.put(f"/vip/tiers/{bad}", json={"target_minutes": 5}), 422, "invalid_request"
            )
        assert_error(c.put("/vip/tiers/6", json={"target_minutes": 0}), 422, "invalid_request")
        r = c.put("/vip/tiers/6", json={"target_minutes": 2.5})
        assert r.status_code == 200 and r.json() == {"tier": 6, "target_minutes": 2.5}
        assert c.get("/vip/tiers").json()[5] == {"tier": 6, "target_minutes": 2.5}
    try:
        row = _row(env, "hana", uid)
        assert row["target_minutes"] == 2.5
        assert _at(row["due_at"]) == asked + timedelta(minutes=2.5)
    finally:
        with env.as_user("sara") as c:
            c.put("/vip/tiers/6", json={"target_minutes": DEFAULT_TARGET_MINUTES[6]})


def test_what_waits_is_the_clients_unanswered_word(env: VipServerEnv) -> None:
    uid = add_client(env, 1, "hana")
    assert _row(env, "hana", uid)["open_items"] == 0
    answered = add_ticket(env, uid, minutes_ago(50), answered_at=minutes_ago(45))
    row = _row(env, "hana", uid)
    assert (row["open_items"], row["waiting_items"], row["due_at"]) == (1, 0, None)
    # The client writes again: waiting since that message, not since the ticket opened.
    again = minutes_ago(20).replace(microsecond=0)
    with env.db.write() as session:
        session.add(
            Message(
                ticket_id=answered,
                kind="customer",
                body="Any news?",
                author_name=uid,
                created_at=again,
            )
        )
    # A chat whose last word is the agent's does not wait; one where the client wrote after does.
    _add_chat(env, uid, [("customer", minutes_ago(30)), ("agent", minutes_ago(29))])
    chat_since = minutes_ago(25).replace(microsecond=0)
    waiting_chat = _add_chat(
        env,
        uid,
        [("customer", minutes_ago(26)), ("agent", minutes_ago(26)), ("customer", chat_since),
         ("bot", minutes_ago(24))],
    )  # fmt: skip
    row = _row(env, "hana", uid)
    assert (row["open_items"], row["waiting_items"]) == (3, 2)
    assert _at(row["due_at"]) == chat_since + timedelta(minutes=60)
    with env.as_user("hana") as c:
        page = c.get(f"/vip/clients/{uid}").json()
    waits = [(i["kind"], i["id"], _at(i["waiting_since"])) for i in page["items"]]
    assert waits[:2] == [("chat", waiting_chat, chat_since), ("ticket", answered, again)]
    assert waits[2][2] is None
    assert _at(page["items"][1]["due_at"]) == again + timedelta(minutes=60)


def test_the_portfolio_puts_an_overdue_waiting_client_first(env: VipServerEnv) -> None:
    manager = add_manager(env, "ravi")
    quiet_top_tier = add_client(env, 9, "ravi")
    risky = add_client(env, 2, "ravi", liquidation_near=True)
    waiting_later = add_client(env, 1, "ravi")
    overdue = add_client(env, 1, "ravi")
    follow_up_due = add_client(env, 3, "ravi")
    with env.db.write() as session:
        due = minutes_ago(5)
        session.add(VipFollowUp(client_uid=follow_up_due, manager_id=manager, title="Call",
                                due_at=due, created_at=due, notified_at=due))  # fmt: skip
    add_ticket(env, waiting_later, minutes_ago(5))  # due in 55 minutes
    add_ticket(env, overdue, minutes_ago(90))  # 30 minutes late
    rows = _portfolio(env, "sara", manager_id=manager)
    assert [row["uid"] for row in rows] == [
        overdue,
        waiting_later,
        risky,
        follow_up_due,
        quiet_top_tier,
    ]
    assert _at(rows[0]["due_at"]) < datetime.now(UTC) < _at(rows[1]["due_at"])  # type: ignore[operator]
    assert rows[2]["risks"] == ["liquidation_near"] and rows[4]["due_at"] is None


def test_risk_signals(env: VipServerEnv) -> None:
    large = add_client(env, 5, "hana")
    small = add_client(env, 5, "hana")
    now = datetime.now(UTC)
    with env.db.write() as session:

        def withdrawal(uid: str, asset: str, amount: str, status: str) -> dict[str, Any]:
            return {"customer_uid": uid, "direction": "withdrawal", "asset": asset,
                    "network": "ERC20", "amount": Decimal(amount), "address": "0xabc",
                    "confirmations": 0, "status": status, "created_at": now}  # fmt: skip

        session.execute(
            insert(Transfer),
            [
                withdrawal(large, "BTC", "2", "under_review"),  # ~190k USD
                withdrawal(small, "USDT", "99999", "pending"),  # just under the threshold
                withdrawal(small, "BTC", "50", "completed"),  # large, but already out
            ],
        )
        session.add(SecurityEvent(customer_uid=small, kind="new_device", detail="Pixel 9",
                                  created_at=now - timedelta(hours=2)))  # fmt: skip
        session.add(SecurityEvent(customer_uid=large, kind="new_device", detail="iPad",
                                  created_at=now - timedelta(hours=80)))  # fmt: skip
    assert _row(env, "hana", large)["risks"] == ["large_withdrawal"]
    assert _row(env, "hana", small)["risks"] == ["security_event"]


def test_the_client_page_and_the_contact_log(env: VipServerEnv) -> None:
    uid = add_client(env, 3, "mei", "oliver")
    ticket = add_ticket(env, uid, minutes_ago(10), subject="Margin call question")
    with env.as_user("mei") as c:
        logged = c.post(
            f"/vip/clients/{uid}/contacts",
            json={"kind": "call", "outcome": "Reached; explained the margin call", "summary": "ok"},
            headers=idem(),
        )
        assert logged.status_code == 201, logged.text
        naive = {"kind": "call", "outcome": "x", "at": "2026-01-01T09:00:00"}
        assert_error(c.post(f"/vip/clients/{uid}/contacts", json=naive), 422, "invalid_request")
        assert_error(c.post(f"/vip/clients/{uid}/contacts", json={"kind": "fax", "outcome": "x"}),
                     422, "invalid_request")  # fmt: skip
        soon = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0)
        follow_ups = {}
        for title, due in (("Later", soon + timedelta(days=1)), ("Soon", soon), ("Done one", soon)):
            r = c.post(
                f"/vip/clients/{uid}/follow-ups",
                json={"title": title, "due_at": due.isoformat()},
                headers=idem(),
            )
            assert r.status_code == 201, r.text
            follow_ups[title] = r.json()
        done = follow_ups["Done one"]
        c.patch(f"/vip/follow-ups/{done['id']}", json={"done": True})
        c.post(f"/vip/clients/{uid}/notes", json={"body": "Mei's own"}, headers=idem())
        page = c.get(f"/vip/clients/{uid}")
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["contacts"][0]["outcome"] == "Reached; explained the margin call"
    assert body["contacts"][0]["manager_name"] == "Mei"
    assert _at(body["last_contact_at"]) == _at(logged.json()["at"])
    assert [f["title"] for f in body["follow_ups"]] == ["Soon", "Later", "Done one"]
    assert _at(body["next_follow_up_at"]) == soon
    assert follow_ups["Soon"]["manager_id"] == env.id("mei")
    assert [n["body"] for n in body["notes"]] == ["Mei's own"]
    assert [i["id"] for i in body["items"]] == [ticket] and body["items"][0]["kind"] == "ticket"
    kinds = [e["kind"] for e in body["timeline"]]
    assert {"contact", "ticket", "follow_up"} <= set(kinds)
    times = [_at(e["at"]) for e in body["timeline"]]
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    assert body["phone"] == "+85291234567" and body["kyc_level"] == 2
    assert body["asset_band"] == "100k-1m" and body["products"] == ["spot", "futures"]


def test_a_managers_own_reply_counts_as_the_last_contact(env: VipServerEnv) -> None:
    uid = add_client(env, 2, "hana")
    ticket = add_ticket(env, uid, minutes_ago(40))
    assert _row(env, "hana", uid)["last_contact_at"] is None
    with env.as_user("hana") as c:
        r = c.post(f"/tickets/{ticket}/messages", json={"kind": "reply", "body": "Sorted, thanks."})
    assert r.status_code == 201, r.text
    row = _row(env, "hana", uid)
    assert _at(row["last_contact_at"]) == _at(r.json()["created_at"])
    assert row["waiting_items"] == 0


def _many_clients(env: VipServerEnv, count: int) -> None:
    """`count` VIP clients of a manager of their own, each with two open tickets (one waiting
    on the client), a contact and a follow-up."""
    now = datetime.now(UTC)
    uids = [f"U8{i:07d}" for i in range(count)]
    customers = [
        {"uid": uid, "display_name": uid, "email": f"{uid}@x.example", "kyc_level": 2,
         "vip_tier": 1 + i % 9, "language": "en", "region": "SG", "account_status": "active"}
        for i, uid in enumerate(uids)
    ]  # fmt: skip
    manager = add_manager(env, "busy")
    tickets = [
        {"subject": "s", "status": "open", "priority": "normal", "channel": "email",
         "category": "spot", "language": "en", "customer_uid": uid, "tags": [],
         "created_at": now, "updated_at": now, "linked_ids": []}
        for uid in uids for _ in range(2)
    ]  # fmt: skip
    with env.db.write() as session:
        session.execute(insert(Customer), customers)
        session.execute(insert(VipClient), [client_row(uid, manager, None) for uid in uids])
        ids = session.scalars(insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True),
                              tickets).all()  # fmt: skip
        session.execute(
            insert(Message),
            [{"ticket_id": ticket_id, "kind": "customer", "body": "?", "author_name": "c",
              "created_at": now} for ticket_id in ids[::2]],
        )  # fmt: skip
        session.execute(
            insert(VipFollowUp),
            [{"client_uid": uid, "manager_id": manager, "title": "t", "due_at": now,
              "created_at": now, "notified_at": now} for uid in uids],
        )  # fmt: skip


def test_a_portfolio_of_500_is_read_in_a_fixed_handful_of_queries(env: VipServerEnv) -> None:
    _many_clients(env, 500)
    statements: list[str] = []

    def count(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("SELECT"):  # not the transaction's BEGIN
            statements.append(args[2])

    event.listen(env.db.engine, "before_cursor_execute", count)
    try:
        with env.db.read() as session:
            started = time.perf_counter()
            rows = vip_portfolio.summaries(session, true())
            elapsed = time.perf_counter() - started
            many = len(statements)
            statements.clear()
            one = vip_portfolio.summaries(session, VipClient.uid == "U101")
    finally:
        event.remove(env.db.engine, "before_cursor_execute", count)
    assert len(rows) >= 500 and len(one) == 1
    mine = [row for row in rows if row.manager_id == env.id("busy")]
    assert len(mine) == 500 and all(r.open_items == 2 and r.waiting_items == 1 for r in mine)
    assert many == len(statements) <= 12  # the same queries for one client as for 500
    assert elapsed < 2.0
    with env.as_user("sara") as c:
        started = time.perf_counter()
        r = c.get("/vip/portfolio", params={"manager_id": env.id("busy")})
        assert r.status_code == 200 and len(r.json()) == 500
    assert time.perf_counter() - started < 3.0
