"""Follow-ups coming due: one vip.alert for the follow-up's own manager, once (restarts
included: the mark is in the database), again only when it is moved; agents never hear of it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from server_fixtures import assert_error
from vip_desk_fixtures import (
    VipServerEnv,
    add_client,
    events_of,
    idem,
    vip_running_env,
    wait_until,
)

from console.server.models_vip import VipFollowUp
from console.server.services.vip_follow_ups import sweep_due

EVERYONE = ("mei", "oliver", "hana", "alice", "bob", "sara")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VipServerEnv]:
    yield from vip_running_env(tmp_path_factory.mktemp("vip-follow-ups") / "server.sqlite3")


def _alerts(env: VipServerEnv, username: str, follow_up_id: int) -> list[dict[str, Any]]:
    return [
        e["payload"]
        for e in events_of(env, username, "vip.alert")
        if e["payload"]["follow_up_id"] == follow_up_id
    ]


def _create(env: VipServerEnv, username: str, uid: str, due_at: datetime, title: str) -> int:
    with env.as_user(username) as c:
        r = c.post(
            f"/vip/clients/{uid}/follow-ups",
            json={"title": title, "due_at": due_at.isoformat()},
            headers=idem(),
        )
    assert r.status_code == 201, r.text
    assert r.json()["notified_at"] is None and r.json()["done_at"] is None
    return int(r.json()["id"])


def _row(env: VipServerEnv, follow_up_id: int) -> VipFollowUp:
    with env.db.read() as session:
        row = session.get(VipFollowUp, follow_up_id)
    assert row is not None
    return row


def test_a_follow_up_coming_due_alerts_its_manager_once(env: VipServerEnv) -> None:
    # U101: mei manages, oliver backs up. The server's own sweep (every second) finds it.
    due = (datetime.now(UTC) + timedelta(seconds=1)).replace(microsecond=0)
    follow_up = _create(env, "mei", "U101", due, "Call about\nthe OTC quote")
    alerts = wait_until(lambda: _alerts(env, "mei", follow_up))
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert["kind"] == "follow_up_due" and alert["client_uid"] == "U101"
    assert alert["title"] == "Follow-up due: Call about the OTC quote"
    assert alert["tier"] == 1 and datetime.fromisoformat(alert["due_at"]) == due
    time.sleep(2.2)  # two more passes of the sweep: still one
    assert len(_alerts(env, "mei", follow_up)) == 1
    for other in ("oliver", "hana", "alice", "bob", "sara"):
        assert _alerts(env, other, follow_up) == [], other
    assert _row(env, follow_up).notified_at is not None


def test_the_sweep_alerts_once_and_again_after_a_move(env: VipServerEnv) -> None:
    due = (datetime.now(UTC) + timedelta(days=20)).replace(microsecond=0)
    follow_up = _create(env, "oliver", "U104", due, "Quarterly review")
    assert sweep_due(env.db, now=due - timedelta(seconds=1)) == 0
    assert sweep_due(env.db, now=due) == 1
    assert sweep_due(env.db, now=due + timedelta(minutes=5)) == 0  # a restart changes nothing
    assert _row(env, follow_up).notified_at == due
    assert len(_alerts(env, "oliver", follow_up)) == 1
    assert _alerts(env, "mei", follow_up) == []  # mei backs U104 up: not her follow-up
    later = due + timedelta(days=1)
    with env.as_user("oliver") as c:
        moved = c.patch(f"/vip/follow-ups/{follow_up}", json={"due_at": later.isoformat()})
    assert moved.status_code == 200, moved.text
    assert moved.json()["notified_at"] is None
    assert datetime.fromisoformat(moved.json()["due_at"]) == later
    assert sweep_due(env.db, now=later) == 1
    assert len(_alerts(env, "oliver", follow_up)) == 2


def test_a_done_follow_up_never_alerts(env: VipServerEnv) -> None:
    due = (datetime.now(UTC) + timedelta(days=40)).replace(microsecond=0)
    follow_up = _create(env, "mei", "U101", due, "Send the statement")
    with env.as_user("mei") as c:
        done = c.patch(f"/vip/follow-ups/{follow_up}", json={"done": True})
        assert done.status_code == 200 and done.json()["done_at"] is not None
        naive = c.patch(f"/vip/follow-ups/{follow_up}", json={"due_at": "2030-01-01T09:00:00"})
        assert_error(naive, 422, "invalid_request")
        assert_error(c.patch("/vip/follow-ups/999999", json={"done": True}), 404, "not_found")
    assert sweep_due(env.db, now=due + timedelta(hours=1)) == 0
    assert _row(env, follow_up).notified_at is None
    for username in EVERYONE:
        assert _alerts(env, username, follow_up) == [], username


def test_many_due_at_once_are_all_alerted_in_one_pass(env: VipServerEnv) -> None:
    uid = add_client(env, 7, "hana", "mei")
    due = (datetime.now(UTC) + timedelta(days=60)).replace(microsecond=0)
    ids = [_create(env, "hana", uid, due + timedelta(seconds=i), f"Item {i}") for i in range(5)]
    assert sweep_due(env.db, now=due + timedelta(minutes=1)) == 5
    alerts = [a for a in events_of(env, "hana", "vip.alert") if a["payload"]["client_uid"] == uid]
    assert sorted(a["payload"]["follow_up_id"] for a in alerts) == ids
    assert {a["payload"]["tier"] for a in alerts} == {7}
    assert [
        a for a in events_of(env, "mei", "vip.alert") if a["payload"]["client_uid"] == uid
    ] == []
