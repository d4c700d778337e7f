from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from server_fixtures import ServerEnv, assert_error

from console.api.schemas import SlaOut, TicketCreate
from console.core.domain import Priority, SlaState
from console.core.sla import SlaClock, sla_status
from console.server.models import Transfer
from console.server.services import tickets


def _all(env: ServerEnv, **params: Any) -> list[dict[str, Any]]:
    with env.as_user("alice") as c:
        r = c.get("/tickets", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def test_status_filter_takes_a_comma_list(env: ServerEnv) -> None:
    everything = _all(env)
    picked = _all(env, status="new,pending")
    assert picked
    assert {t["status"] for t in picked} == {"new", "pending"}
    assert len(picked) == sum(t["status"] in ("new", "pending") for t in everything)


def test_assignee_me_none_and_id(env: ServerEnv) -> None:
    alice = env.workspace.agent_ids["alice"]
    bob = env.workspace.agent_ids["bob"]
    mine = _all(env, assignee="me")
    assert mine and {t["assignee_id"] for t in mine} == {alice}
    unassigned = _all(env, assignee="none")
    assert unassigned and {t["assignee_id"] for t in unassigned} == {None}
    bobs = _all(env, assignee=str(bob))
    assert bobs and {t["assignee_id"] for t in bobs} == {bob}


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("channel", "email", "channel"),
        ("category", "kyc", "category"),
        ("language", "zh", "language"),
        ("priority", "urgent", "priority"),
    ],
)
def test_single_value_filters(env: ServerEnv, name: str, value: str, field: str) -> None:
    expected = [t["id"] for t in _all(env) if t[field] == value]
    got = [t["id"] for t in _all(env, **{name: value})]
    assert got and got == expected


def test_filters_combine(env: ServerEnv) -> None:
    got = _all(env, language="zh", status="open,new")
    expected = [
        t["id"] for t in _all(env) if t["language"] == "zh" and t["status"] in ("open", "new")
    ]
    assert [t["id"] for t in got] == expected


def test_q_searches_subject_body_and_customer(env: ServerEnv) -> None:
    by_subject = _all(env, q="about kyc")
    assert by_subject and all("about kyc" in t["subject"] for t in by_subject)
    # Ticket 5 got a follow-up, so its opening text is only in the messages table now.
    by_body = _all(env, q="opening MESSAGE 5")
    assert [t["id"] for t in by_body] == [env.workspace.ticket_ids[5]]
    assert "Opening" not in by_body[0]["last_message_preview"]
    by_cjk = _all(env, q="提币")
    assert by_cjk and all(int(t["subject"].split()[1]) % 4 == 0 for t in by_cjk)
    by_uid = _all(env, q="u103")
    assert by_uid and {t["customer_uid"] for t in by_uid} == {"U103"}


def test_q_matches_ticket_number(env: ServerEnv) -> None:
    some_id = env.workspace.ticket_ids[3]
    assert some_id in [t["id"] for t in _all(env, q=f"#{some_id}")]


def test_q_treats_like_wildcards_literally(env: ServerEnv) -> None:
    assert _all(env, q="%") == []
    # Unescaped, "a_o" would match "about" in every subject.
    assert _all(env, q="a_o") == []


@pytest.mark.parametrize(
    "params",
    [{"status": "open,bogus"}, {"channel": "fax"}, {"priority": "meh"}, {"assignee": "someone"}],
)
def test_unknown_filter_values_are_invalid(env: ServerEnv, params: dict[str, str]) -> None:
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets", params=params), 422, "invalid_request")


# --- inbox filters: tag, vip, sla, group; search by email and tx hash ----------------------------


def _patch(env: ServerEnv, ticket_id: int, **changes: Any) -> None:
    with env.as_user("alice") as c:
        assert c.patch(f"/tickets/{ticket_id}", json=changes).status_code == 200


def test_tag_filter_matches_whole_tags_in_any_script(env: ServerEnv) -> None:
    first, second, third = env.workspace.ticket_ids[:3]
    _patch(env, first, tags=["vip-desk", "中文"])
    _patch(env, second, tags=["中文"])
    _patch(env, third, tags=["vip"])
    assert {t["id"] for t in _all(env, tag="中文")} == {first, second}
    assert {t["id"] for t in _all(env, tag="vip")} == {third}  # not "vip-desk"
    assert {t["id"] for t in _all(env, tag="vip-desk,vip")} == {first, third}
    assert _all(env, tag="vip%") == []


def test_vip_filter_follows_the_customer_tier(env: ServerEnv) -> None:
    everything = _all(env)
    vip = _all(env, vip="true")
    regular = _all(env, vip="false")
    assert vip and regular
    assert all(t["customer_vip_tier"] > 0 for t in vip)
    assert all(t["customer_vip_tier"] == 0 for t in regular)
    assert len(vip) + len(regular) == len(everything)
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets", params={"vip": "maybe"}), 422, "invalid_request")


def test_group_filter(env: ServerEnv) -> None:
    everything = _all(env)
    assert {t["group"] for t in everything} >= {"security", "funds"}
    security = _all(env, group="security")
    assert [t["id"] for t in security] == [t["id"] for t in everything if t["group"] == "security"]
    assert all(t["category"] == "account_security" for t in security)
    both = _all(env, group="security,funds")
    assert {t["group"] for t in both} == {"security", "funds"}


def _state(ticket: dict[str, Any], now: datetime) -> SlaState:
    sla = SlaOut.model_validate(ticket["sla"])
    clock = SlaClock(
        started_at=datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00")),
        policy_priority=sla.policy_priority,
        first_response_due_at=sla.first_response_due_at,
        resolution_due_at=sla.resolution_due_at,
        first_response_at=sla.first_response_at,
        resolved_at=sla.resolved_at,
        paused_since=sla.paused_since,
        paused_seconds=sla.paused_seconds,
    )
    return sla_status(clock, now).state


def test_sla_filter_agrees_with_the_core_rules(env: ServerEnv) -> None:
    now = datetime.now(UTC)
    with env.db.write() as session:
        data = TicketCreate(
            subject="Soon", body="Hi", customer_uid="U104", priority=Priority.URGENT
        )
        # Urgent: 15 min to answer, due soon in the last 10; opened 8 min ago.
        soon = tickets.create_ticket(session, data, now=now - timedelta(minutes=8)).id
        fresh = tickets.create_ticket(session, data, now=now).id
    everything = _all(env)
    states = {t["id"]: _state(t, datetime.now(UTC)) for t in everything}
    breached = {t["id"] for t in _all(env, sla="breached")}
    due_soon = {t["id"] for t in _all(env, sla="due_soon")}
    assert soon in due_soon and fresh not in due_soon | breached
    assert breached and breached == {i for i, s in states.items() if s == SlaState.BREACHED}
    assert due_soon == {i for i, s in states.items() if s == SlaState.DUE_SOON}
    assert SlaState.PAUSED in states.values() and SlaState.MET in states.values()
    with env.as_user("alice") as c:
        assert_error(c.get("/tickets", params={"sla": "late"}), 422, "invalid_request")


def test_q_finds_tickets_by_customer_email_and_tx_hash(env: ServerEnv) -> None:
    by_email = _all(env, q="U102@Example.com")
    assert by_email and {t["customer_uid"] for t in by_email} == {"U102"}
    assert _all(env, q="u102@example.co") == []  # whole addresses only
    tx = "0x" + "ab" * 32
    with env.db.write() as session:
        session.add(
            Transfer(
                customer_uid="U103",
                direction="deposit",
                asset="ETH",
                network="ERC20",
                amount=Decimal("1.5"),
                address="0x" + "cd" * 20,
                tx_hash=tx,
                confirmations=12,
                status="completed",
                created_at=datetime.now(UTC),
            )
        )
    by_hash = _all(env, q=tx.upper().replace("0X", "0x"))
    assert by_hash and {t["customer_uid"] for t in by_hash} == {"U103"}
    assert all(tx in t["search_terms"] for t in by_hash)
    by_address = _all(env, q="0x" + "cd" * 20)
    assert {t["id"] for t in by_address} == {t["id"] for t in by_hash}
    assert _all(env, q=tx[:-2]) == []
