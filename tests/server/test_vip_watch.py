"""Account activity the VIP desk hears of at once: a large withdrawal held for review and a
security event alert the client's manager and backup, and show as risks in the portfolio."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from vip_ladder_env import VipServerEnv, alerts, last_event, vip_running_env

from console.core.domain import SecurityEventKind
from console.server.demo.account_activity import vip_account_event
from console.server.models import Transfer
from console.server.services import vip_watch

VIP = "U101"  # mei's client, lin backs up
ORDINARY = "U100"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-watch") / "server.sqlite3")


def _portfolio_risks(env: VipServerEnv, uid: str) -> list[str]:
    with env.as_user("mei") as mei:
        rows = mei.get("/vip/portfolio").json()
    return next(r["risks"] for r in rows if r["uid"] == uid)


def test_a_large_withdrawal_under_review_alerts_both_managers(env: VipServerEnv) -> None:
    mei, lin = env.workspace.agent_ids["mei"], env.workspace.agent_ids["lin"]
    now = datetime.now(UTC)
    before = last_event(env)
    with env.db.write() as session:
        vip_watch.record_withdrawal_under_review(
            session, VIP, "USDT", "TRC20", Decimal("99000"), "TXsmall", now
        )
    assert alerts(env, before) == []  # under the threshold: a withdrawal like any other
    assert "large_withdrawal" not in _portfolio_risks(env, VIP)
    with env.db.write() as session:
        vip_watch.record_withdrawal_under_review(
            session, VIP, "BTC", "BTC", Decimal("12.5"), "bc1qlarge", now
        )
    sent = alerts(env, before)
    assert sorted(a for a, _ in sent) == sorted([mei, lin])
    assert {p["kind"] for _, p in sent} == {"large_withdrawal"}
    assert "12.5 BTC" in sent[0][1]["title"]
    assert "large_withdrawal" in _portfolio_risks(env, VIP)


def test_a_security_event_alerts_the_managers_and_nobody_for_others(env: VipServerEnv) -> None:
    before = last_event(env)
    now = datetime.now(UTC)
    with env.db.write() as session:
        vip_watch.record_security_event(
            session, ORDINARY, SecurityEventKind.NEW_DEVICE, "New device in Lisbon", now
        )
    assert alerts(env, before) == []  # not on the VIP desk: no alert
    with env.db.write() as session:
        vip_watch.record_security_event(
            session, VIP, SecurityEventKind.LOGIN_NEW_IP, "Login from new IP 203.0.113.9", now
        )
    sent = alerts(env, before)
    assert [p["kind"] for _, p in sent] == ["security_event", "security_event"]
    assert "security_event" in _portfolio_risks(env, VIP)


def test_the_demo_exchange_raises_events_on_desk_clients_only(env: VipServerEnv) -> None:
    before = last_event(env)
    rng = random.Random(3)
    uids = {vip_account_event(env.db, rng) for _ in range(8)}
    assert uids and uids <= {"U101", "U102", "U103", "U104"}
    sent = alerts(env, before)
    # Every security event alerts; a withdrawal only when large, and the demo's always are.
    assert len({p["client_uid"] for _, p in sent}) == len(uids)
    with env.db.read() as session:
        held = session.scalars(
            select(Transfer.amount).where(Transfer.status == "under_review", Transfer.address != "")
        ).all()
    assert held
