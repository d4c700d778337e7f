"""The emergency freeze from a live chat: verified in the chat by its agent, the chat becomes a
ticket (escalations live on tickets), security is escalated, and the customer reads the notice
in the chat itself; a guest has no account to act on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_env import chat_running_env, key, mine, online, reset_chats, start_customer, wait_until
from server_fixtures import ServerEnv, assert_error
from sqlalchemy import update

from console.server.models import Customer
from console.server.services.identity_notices import freeze_notice


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("identity-chat") / "server.sqlite3")


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)
    with env.db.write() as session:
        session.execute(update(Customer).values(account_status="active"))


def _freeze(c, uid: str, cid: int):  # type: ignore[no-untyped-def]
    body = {"kind": "freeze", "conversation_id": cid, "reason": "Says someone took over the app"}
    return c.post(f"/customers/{uid}/actions", json=body, headers=key())


def test_freeze_from_a_chat_converts_escalates_and_tells_the_customer_there(
    env: ServerEnv,
) -> None:
    uid = "U103"
    customer = start_customer(env, "zh", "agent", uid=uid)  # the chat is in Chinese
    cid = customer.conversation_id
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        online(alice)
        wait_until(lambda: mine(alice))
        assert alice.post(f"/chats/{cid}/accept", headers=key()).status_code == 200
        assert_error(_freeze(alice, uid, cid), 409, "verification_required")
        assert alice.get(f"/chats/{cid}").json()["ticket_id"] is None  # nothing half done

        # Verification happens in the conversation: only its agent (or a supervisor) records it.
        checks = {"checks": ["registered_contact", "liveness"], "note": "in-app session, face ok"}
        assert_error(bob.post(f"/chats/{cid}/verification", json=checks), 409, "conflict")
        r = alice.post(f"/chats/{cid}/verification", json=checks, headers=key())
        assert r.status_code == 201, r.text
        assert r.json()["conversation_id"] == cid and r.json()["customer_uid"] == uid
        assert alice.get(f"/chats/{cid}/verification").json()["records"][0]["agent_name"] == "Alice"
        # A colleague cannot act from someone else's chat either.
        assert_error(_freeze(bob, uid, cid), 409, "conflict")

        r = _freeze(alice, uid, cid)
        assert r.status_code == 201, r.text
        done = r.json()
        assert done["account_status"] == "frozen" and done["customer_notified"]
        ticket_id = alice.get(f"/chats/{cid}").json()["ticket_id"]
        assert ticket_id is not None and done["ticket_id"] == ticket_id
        escalations = alice.get(f"/tickets/{ticket_id}/escalations").json()
        assert [(e["id"], e["department"]) for e in escalations] == [
            (done["escalation_id"], "security")
        ]
        assert "live chat" in escalations[0]["note"]
        assert alice.get(f"/customers/{uid}").json()["account_status"] == "frozen"
    said = [m for m in customer.view().messages if m.sender == "agent"]
    assert [m.body for m in said] == [freeze_notice("zh", ticket_id)]
    customer.close()


def test_a_guest_chat_has_no_account_to_verify(env: ServerEnv) -> None:
    guest = start_customer(env, "en", "agent")
    cid = guest.conversation_id
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        r = alice.post(f"/chats/{cid}/verification", json={"checks": ["kyc_details"]})
        assert_error(r, 409, "guest_chat")
        assert_error(alice.get(f"/chats/{cid}/verification"), 409, "guest_chat")
    guest.close()
