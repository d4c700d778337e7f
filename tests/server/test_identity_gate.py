"""The identity gate and the emergency freeze on a ticket, against the real server: refused
without a (fresh enough) verification, audited either way; the freeze freezes, escalates to
security, tells the customer in their language and reaches every console; a retry with the same
Idempotency-Key does nothing twice."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error
from sqlalchemy import select, update

from console.api.schemas_identity import AccountActionOut, VerificationOut
from console.core.guard import check_outgoing
from console.core.identity import REQUIREMENTS, ActionKind
from console.server.clock import utcnow
from console.server.models import Customer
from console.server.models_audit import AuditEntry
from console.server.models_identity import AccountAction, VerificationRecord
from console.server.services.identity_notices import freeze_notice


def _key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def _ticket(c: httpx.Client, uid: str, language: str) -> int:
    body = {
        "subject": "Someone logged in",
        "body": "I did not log in from Lagos",
        "customer_uid": uid,
    }
    r = c.post("/tickets", json={**body, "language": language})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _active(env: ServerEnv, uid: str) -> None:
    with env.db.write() as session:
        session.execute(update(Customer).where(Customer.uid == uid).values(account_status="active"))


def _status(c: httpx.Client, uid: str) -> str:
    return str(c.get(f"/customers/{uid}").json()["account_status"])


def _verify(c: httpx.Client, ticket_id: int, *checks: str) -> VerificationOut:
    r = c.post(
        f"/tickets/{ticket_id}/verification",
        json={"checks": list(checks), "note": "Matched the 0.5 BTC withdrawal of 3 March"},
        headers=_key(),
    )
    assert r.status_code == 201, r.text
    return VerificationOut.model_validate(r.json())


def _act(
    c: httpx.Client, uid: str, kind: str, ticket_id: int, key: str | None = None, **params: str
) -> httpx.Response:
    body: dict[str, Any] = {
        "kind": kind,
        "ticket_id": ticket_id,
        "reason": "Customer reports a login they did not make",
    }
    if params:
        body["params"] = params
    return c.post(
        f"/customers/{uid}/actions", json=body, headers={"Idempotency-Key": key or uuid.uuid4().hex}
    )


def _audit(env: ServerEnv, uid: str) -> list[AuditEntry]:
    """The identity area's audit entries about the customer (others audit reads, too)."""
    with env.db.read() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_kind == "customer", AuditEntry.target_id == uid)
            .order_by(AuditEntry.id)
        )
        return [r for r in rows if r.action.startswith(("account.", "identity."))]


def _last_event_id(c: httpx.Client) -> int:
    return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def test_freeze_without_verification_is_refused_and_the_refusal_audited(env: ServerEnv) -> None:
    uid = "U103"
    _active(env, uid)
    with env.as_user("alice") as alice:
        ticket_id = _ticket(alice, uid, "en")
        before = len(_audit(env, uid))
        body = assert_error(_act(alice, uid, "freeze", ticket_id), 409, "verification_required")
        details = body["error"]["details"]
        assert details["more"] == 2 and details["checks"] == []
        assert set(details["more_of"]) == {
            "registered_contact",
            "kyc_details",
            "recent_transaction",
            "liveness",
        }
        # One check is not enough either.
        _verify(alice, ticket_id, "registered_contact")
        body = assert_error(_act(alice, uid, "freeze", ticket_id), 409, "verification_required")
        assert body["error"]["details"]["more"] == 1
        assert _status(alice, uid) == "active"
        escalations = alice.get(f"/tickets/{ticket_id}/escalations").json()
        assert escalations == []
    entries = _audit(env, uid)[before:]
    actions = [e.action for e in entries]
    assert actions == ["account.freeze.refused", "identity.verified", "account.freeze.refused"]
    assert entries[0].detail["code"] == "verification_required"
    assert entries[0].ticket_id == ticket_id
    with env.db.read() as session:
        assert (
            session.scalars(select(AccountAction).where(AccountAction.customer_uid == uid)).all()
            == []
        )


def test_an_expired_verification_does_not_count(env: ServerEnv) -> None:
    uid = "U104"
    _active(env, uid)
    with env.as_user("alice") as alice:
        ticket_id = _ticket(alice, uid, "zh")
        # Checks passed longer ago than a freeze allows: as good as none.
        too_old = utcnow() - timedelta(minutes=REQUIREMENTS[ActionKind.FREEZE].valid_minutes + 1)
        with env.db.write() as session:
            session.add(
                VerificationRecord(
                    ticket_id=ticket_id,
                    customer_uid=uid,
                    checks=["registered_contact", "kyc_details", "liveness"],
                    agent_id=env.workspace.agent_ids["alice"],
                    agent_name="Alice",
                    created_at=too_old,
                )
            )
        body = assert_error(_act(alice, uid, "freeze", ticket_id), 409, "verification_required")
        assert body["error"]["details"]["more"] == 2
        # 20 minutes ago: enough for a freeze, too old for a 2FA reset.
        with env.db.write() as session:
            session.execute(
                update(VerificationRecord)
                .where(VerificationRecord.ticket_id == ticket_id)
                .values(created_at=utcnow() - timedelta(minutes=20))
            )
        body = assert_error(_act(alice, uid, "reset_2fa", ticket_id), 409, "verification_required")
        assert "kyc_details" in body["error"]["details"]["checks"]
        assert _act(alice, uid, "freeze", ticket_id).status_code == 201
        assert _status(alice, uid) == "frozen"


def test_a_verification_on_another_ticket_does_not_count(env: ServerEnv) -> None:
    uid = "U103"
    with env.as_user("alice") as alice:
        verified = _ticket(alice, uid, "en")
        other = _ticket(alice, uid, "en")
        _verify(alice, verified, "registered_contact", "kyc_details")
        assert_error(_act(alice, uid, "freeze", other), 409, "verification_required")
        # And a ticket is only good for its own customer.
        assert_error(_act(alice, "U100", "freeze", verified), 422, "customer_mismatch")


def test_emergency_freeze_freezes_escalates_tells_the_customer_and_is_not_doubled(
    env: ServerEnv,
) -> None:
    uid = "U101"  # writes Chinese
    _active(env, uid)
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        ticket_id = _ticket(alice, uid, "zh")
        verification = _verify(alice, ticket_id, "registered_contact", "recent_transaction")
        assert [r.checks for r in verification.records] == [
            ["registered_contact", "recent_transaction"]
        ]
        assert verification.records[0].agent_name == "Alice"
        start = _last_event_id(bob)
        before = len(_audit(env, uid))
        key = uuid.uuid4().hex
        r = _act(alice, uid, "freeze", ticket_id, key)
        assert r.status_code == 201, r.text
        done = AccountActionOut.model_validate(r.json())
        assert done.account_status == "frozen" and done.customer_notified and not done.already
        assert done.ticket_id == ticket_id and done.escalation_id is not None

        # Frozen on the server, a security escalation on the ticket, the customer told in zh.
        assert _status(bob, uid) == "frozen"
        escalations = bob.get(f"/tickets/{ticket_id}/escalations").json()
        assert [(e["id"], e["department"]) for e in escalations] == [
            (done.escalation_id, "security")
        ]
        assert "Emergency freeze" in escalations[0]["note"]
        replies = [
            m for m in bob.get(f"/tickets/{ticket_id}/messages").json() if m["kind"] == "reply"
        ]
        assert [m["body"] for m in replies] == [freeze_notice("zh", ticket_id)]
        assert "冻结" in replies[0]["body"] and replies[0]["author_name"] == "Alice"

        # Every console hears of it: bob's feed has the customer, escalation and message.
        feed = bob.get("/events", params={"after": start, "limit": 500}).json()["items"]
        kinds = [e["type"] for e in feed]
        assert "escalation.created" in kinds and "message.created" in kinds
        customers = [e["payload"] for e in feed if e["type"] == "customer.updated"]
        assert customers and customers[-1]["uid"] == uid
        assert customers[-1]["account_status"] == "frozen"

        # A retry with the same key: the same answer, nothing done twice.
        again = _act(alice, uid, "freeze", ticket_id, key)
        assert again.status_code == 201 and again.json() == r.json()
        assert len(bob.get(f"/tickets/{ticket_id}/escalations").json()) == 1
        # A colleague freezing again: nothing to do, and the answer says so.
        _verify(bob, ticket_id, "kyc_details", "liveness")
        second = AccountActionOut.model_validate(_act(bob, uid, "freeze", ticket_id).json())
        assert second.already and second.escalation_id == done.escalation_id
        assert len(bob.get(f"/tickets/{ticket_id}/escalations").json()) == 1
        history = alice.get(f"/customers/{uid}/actions").json()
        assert [(a["kind"], a["already"]) for a in history] == [("freeze", True), ("freeze", False)]

    entries = _audit(env, uid)[before:]
    freezes = [e for e in entries if e.action == "account.freeze"]
    assert len(freezes) == 2
    assert freezes[0].actor_name == "Alice" and freezes[0].ticket_id == ticket_id
    assert freezes[0].detail["escalation_id"] == done.escalation_id
    assert freezes[0].detail["customer_notified"] is True


def test_unfreeze_is_stricter_than_freeze(env: ServerEnv) -> None:
    uid = "U102"
    _active(env, uid)
    with env.as_user("alice") as alice:
        ticket_id = _ticket(alice, uid, "ja")
        _verify(alice, ticket_id, "registered_contact", "kyc_details")
        assert _act(alice, uid, "freeze", ticket_id).status_code == 201
        body = assert_error(_act(alice, uid, "unfreeze", ticket_id), 409, "verification_required")
        assert body["error"]["details"]["checks"] == ["recent_transaction", "liveness"]
        assert _status(alice, uid) == "frozen"
        _verify(alice, ticket_id, "recent_transaction", "liveness")
        r = _act(alice, uid, "unfreeze", ticket_id)
        assert r.status_code == 201, r.text
        assert r.json()["account_status"] == "active"
        assert _status(alice, uid) == "active"


def test_other_actions_record_what_they_did(env: ServerEnv) -> None:
    uid = "U100"
    _active(env, uid)
    with env.as_user("alice") as alice:
        ticket_id = _ticket(alice, uid, "en")
        _verify(alice, ticket_id, "registered_contact", "kyc_details", "recent_transaction")
        _verify(alice, ticket_id, "liveness", "device_history")
        r = _act(alice, uid, "reset_2fa", ticket_id)
        assert r.status_code == 201, r.text
        events = alice.get(f"/customers/{uid}").json()["security_events"]
        assert events[0]["kind"] == "2fa_changed" and "Alice" in events[0]["detail"]
        r = _act(alice, uid, "whitelist_address", ticket_id, address="TXa1bc", network="TRC20")
        assert r.status_code == 201 and r.json()["params"] == {
            "address": "TXa1bc",
            "network": "TRC20",
        }
        r = _act(alice, uid, "change_email", ticket_id, new_email="new.me@example.org")
        assert r.status_code == 201, r.text
        assert r.json()["params"]["new_email"] == "ne***@example.org"
        assert alice.get(f"/customers/{uid}").json()["email_masked"] == "ne***@example.org"
        # Each leaves a line in the customer's security history, as a reset 2FA does.
        kinds = [e["kind"] for e in alice.get(f"/customers/{uid}").json()["security_events"]]
        assert {"2fa_changed", "address_whitelisted", "email_changed"} <= set(kinds)
        transfer = alice.get(f"/customers/{uid}").json()["transfers"][0]["id"]
        r = _act(alice, uid, "investigate_withdrawal", ticket_id, transfer_id=str(transfer))
        assert r.status_code == 201, r.text
        escalations = alice.get(f"/tickets/{ticket_id}/escalations").json()
        assert [e["department"] for e in escalations] == ["finance"]
        assert f"transfer #{transfer}" in escalations[0]["note"]
        assert _status(alice, uid) == "active"  # none of these freezes anything
        # Bad parameters never reach the gate.
        assert _act(alice, uid, "change_email", ticket_id, new_email="nope").status_code == 422
        r = _act(alice, uid, "whitelist_address", ticket_id, address="a b", network="TRC20")
        assert r.status_code == 422


def test_a_verification_note_never_stores_a_seed_phrase(env: ServerEnv) -> None:
    from mnemonic import Mnemonic

    phrase = Mnemonic("english").to_mnemonic(bytes(range(16)))
    with env.as_user("alice") as alice:
        ticket_id = _ticket(alice, "U103", "en")
        r = alice.post(
            f"/tickets/{ticket_id}/verification",
            json={"checks": ["kyc_details"], "note": f"customer pasted {phrase}"},
        )
        assert r.status_code == 201, r.text
        note = r.json()["records"][0]["note"]
        assert "[secret redacted" in note and phrase.split()[3] not in note.split()
        assert_error(
            alice.post(f"/tickets/{ticket_id}/verification", json={"checks": ["pin_code"]}),
            422,
            "invalid_request",
        )


@pytest.mark.parametrize("language", ["zh", "en", "ja", "ko", "fr"])
def test_the_freeze_notice_passes_the_outgoing_guard(language: str) -> None:
    text = freeze_notice(language, 42)
    assert "#42" in text
    assert check_outgoing(text) == []
