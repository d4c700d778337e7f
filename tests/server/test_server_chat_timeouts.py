"""Live chat with short timeouts: offers not accepted in time and agents who vanish give their
chats back to the queue, and nothing the customer wrote is lost."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from chat_env import (
    chat_running_env,
    conversation,
    key,
    mine,
    online,
    reset_chats,
    start_customer,
    wait_until,
)
from server_fixtures import ServerEnv

from console.api.schemas_chat import AgentChatStatusOut, ChatMessageOut

OFFER_S = 1.0
AGENT_S = 2.0


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(
        tmp_path_factory.mktemp("chat-timeouts") / "server.sqlite3",
        chat_offer_timeout_s=OFFER_S,
        chat_agent_timeout_s=AGENT_S,
    )


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)


def _keep_alive(*agents: httpx.Client) -> None:
    for agent in agents:
        online(agent)


def test_unaccepted_offer_goes_to_another_agent(env: ServerEnv) -> None:
    alice_id, bob_id = env.workspace.agent_ids["alice"], env.workspace.agent_ids["bob"]
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        online(alice)
        customer = start_customer(env, "en", "agent please")
        cid = customer.conversation_id
        first = wait_until(lambda: conversation(alice, cid).offered_agent_id)
        assert first == alice_id
        online(bob)
        offered_at = time.monotonic()

        def moved() -> bool:
            _keep_alive(alice, bob)
            return conversation(bob, cid).offered_agent_id == bob_id

        wait_until(moved, timeout=OFFER_S + 3)
        assert time.monotonic() - offered_at >= OFFER_S * 0.5
        # alice may no longer accept it; bob may.
        assert alice.post(f"/chats/{cid}/accept", headers=key()).status_code == 409
        assert bob.post(f"/chats/{cid}/accept", headers=key()).status_code == 200


def test_a_missed_offer_returns_when_nobody_else_can_take_it(env: ServerEnv) -> None:
    alice_id = env.workspace.agent_ids["alice"]
    with env.as_user("alice") as alice:
        online(alice)
        customer = start_customer(env, "en", "agent please")
        cid = customer.conversation_id
        wait_until(lambda: conversation(alice, cid).offered_agent_id == alice_id)
        first_offer = conversation(alice, cid).offered_at

        def offered_again() -> bool:
            online(alice)
            c = conversation(alice, cid)
            return c.offered_agent_id == alice_id and c.offered_at != first_offer

        wait_until(offered_again, timeout=OFFER_S + 3)


def test_stale_agent_chats_are_requeued_with_nothing_lost(env: ServerEnv) -> None:
    alice_id, bob_id = env.workspace.agent_ids["alice"], env.workspace.agent_ids["bob"]
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        online(alice)
        customer = start_customer(env, "en", "agent please")
        cid = customer.conversation_id
        wait_until(lambda: conversation(alice, cid).offered_agent_id == alice_id)
        assert alice.post(f"/chats/{cid}/accept", headers=key()).status_code == 200
        alice.post(f"/chats/{cid}/messages", json={"body": "one moment", "client_id": "a"})
        customer.say("ok, waiting")
        online(bob, capacity=2)

        # alice stops sending heartbeats; bob keeps his.
        def with_bob() -> bool:
            online(bob)
            return conversation(bob, cid).offered_agent_id == bob_id

        wait_until(with_bob, timeout=AGENT_S + 4)
        statuses = [AgentChatStatusOut.model_validate(s) for s in bob.get("/chat/status").json()]
        assert next(s for s in statuses if s.agent_id == alice_id).status == "offline"
        assert bob.post(f"/chats/{cid}/accept", headers=key()).status_code == 200
        msgs = [ChatMessageOut.model_validate(m) for m in bob.get(f"/chats/{cid}/messages").json()]
    bodies = [m.body for m in msgs]
    assert "one moment" in bodies and "ok, waiting" in bodies
    assert any("Your agent was disconnected" in b for b in bodies)
    assert [m.seq for m in msgs] == list(range(1, len(msgs) + 1))
    assert len({m.id for m in msgs}) == len(msgs)


def test_going_offline_and_away_give_chats_back(env: ServerEnv) -> None:
    alice_id = env.workspace.agent_ids["alice"]
    with env.as_user("alice") as alice:
        online(alice)
        active = start_customer(env, "en", "agent")
        wait_until(lambda: conversation(alice, active.conversation_id).offered_agent_id)
        alice.post(f"/chats/{active.conversation_id}/accept", headers=key())
        offered = start_customer(env, "en", "agent")
        wait_until(lambda: conversation(alice, offered.conversation_id).offered_agent_id)
        away = AgentChatStatusOut.model_validate(online(alice, status="away"))
        assert away.status == "away" and away.active == 1
        assert conversation(alice, offered.conversation_id).state == "queued"
        assert conversation(alice, active.conversation_id).state == "active"
        online(alice, status="offline")
        back = conversation(alice, active.conversation_id)
        assert back.state == "queued" and back.assigned_agent_id is None
        assert mine(alice) == []
        online(alice)
        # Back online: the chats come back (nobody else is there).
        wait_until(
            lambda: (
                {c.id for c in mine(alice)} == {active.conversation_id, offered.conversation_id}
            ),
            timeout=OFFER_S + 3,
        )
        assert all(c.offered_agent_id == alice_id for c in mine(alice))
