"""AML reports on the real server: filing (422 with field locations), receipts that never show
the outcome, the compliance queue and decision, audit rows, idempotent retries, and nothing on
the ticket that the customer or other agents could see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from server_fixtures import ServerEnv, assert_error
from sqlalchemy import select

from console.api.schemas import AgentCreate
from console.api.schemas_aml import AmlReceiptOut, AmlReportOut, AmlReportSummary
from console.core.domain import Role
from console.server.models_audit import AuditEntry
from console.server.services import auth

EVM_TX = "0x" + "4e" * 32
BTC_TX = "c1" * 32
NARRATIVE = (
    "Five deposits of 9,900 USDT within two hours, each just under the review threshold, "
    "then one withdrawal of everything to a new address. 客户拒绝说明资金来源。"
)
NADIA_PASSWORD = "nadia-pass-4444"


@pytest.fixture(scope="module")
def nadia(env: ServerEnv) -> Iterator[httpx.Client]:
    """A compliance officer, added to the module's workspace."""
    with env.db.write() as session:
        auth.create_agent(
            session,
            None,
            AgentCreate(
                username="nadia",
                display_name="Nadia",
                password=NADIA_PASSWORD,
                role=Role.COMPLIANCE,
            ),
        )
    with env.client() as c:
        r = c.post("/auth/login", json={"username": "nadia", "password": NADIA_PASSWORD})
        r.raise_for_status()
        token = r.json()["token"]
    with env.client(token) as client:
        yield client


def _body(ticket_id: int | None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "pattern": "structuring",
        "amounts": [{"amount": "9,900", "asset": "usdt"}, {"amount": "49500", "asset": "USDT"}],
        "tx_hashes": [EVM_TX, BTC_TX],
        "narrative": NARRATIVE,
        "ticket_id": ticket_id,
    }
    body.update(changes)
    return body


def _audit(env: ServerEnv, report_id: int) -> list[AuditEntry]:
    with env.db.read() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_kind == "aml_report", AuditEntry.target_id == str(report_id))
            .order_by(AuditEntry.id)
        )
        return list(rows)


def _locs(response: httpx.Response) -> list[tuple[list[Any], str]]:
    body = assert_error(response, 422, "invalid_request")
    return [(d["loc"], d["type"]) for d in body["error"]["details"]]


def test_invalid_reports_are_422_with_field_locations(env: ServerEnv) -> None:
    ticket_id = env.workspace.ticket_ids[0]
    with env.as_user("alice") as alice:
        bad = _body(
            ticket_id,
            pattern="",
            amounts=[{"amount": "0", "asset": "USDT"}, {"amount": "5", "asset": "$"}],
            tx_hashes=[EVM_TX, "not-a-hash"],
            narrative="looks odd",
        )
        assert _locs(alice.post("/aml/reports", json=bad)) == [
            (["body", "pattern"], "unknown_pattern"),
            (["body", "amounts", 0, "amount"], "bad_amount"),
            (["body", "amounts", 1, "asset"], "bad_asset"),
            (["body", "tx_hashes", 1], "bad_tx_hash"),
            (["body", "narrative"], "narrative_too_short"),
        ]
        assert _locs(alice.post("/aml/reports", json=_body(None, amounts=[]))) == [
            (["body", "customer_uid"], "subject_missing"),
            (["body", "amounts"], "amount_missing"),
        ]
        assert _locs(alice.post("/aml/reports", json=_body(999_999))) == [
            (["body", "ticket_id"], "unknown_ticket")
        ]
        assert _locs(alice.post("/aml/reports", json=_body(None, customer_uid="U999"))) == [
            (["body", "customer_uid"], "unknown_customer")
        ]
        mismatch = _body(ticket_id, customer_uid="U104")  # ticket 0 belongs to U100
        assert _locs(alice.post("/aml/reports", json=mismatch)) == [
            (["body", "customer_uid"], "customer_mismatch")
        ]
        # A type error is pydantic's own 422, at its field too.
        typed = alice.post("/aml/reports", json=_body(ticket_id, amounts="lots"))
        assert [d["loc"] for d in assert_error(typed, 422, "invalid_request")["error"]["details"]]
        assert alice.get("/aml/reports/mine").json() == []


def test_file_receipt_queue_decide(env: ServerEnv, nadia: httpx.Client) -> None:
    ticket_id = env.workspace.ticket_ids[5]  # customer U100
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        before_ticket = alice.get(f"/tickets/{ticket_id}").json()
        before_messages = alice.get(f"/tickets/{ticket_id}/messages").json()
        last_event = alice.get("/events", params={"after": 0, "limit": 1}).json()["last_id"]

        r = alice.post("/aml/reports", json=_body(ticket_id), headers={"Idempotency-Key": "k1"})
        assert r.status_code == 201, r.text
        assert set(r.json()) == {
            "id",
            "created_at",
            "ticket_id",
            "customer_uid",
            "pattern",
            "state",
        }
        receipt = AmlReceiptOut.model_validate(r.json())
        assert (receipt.ticket_id, receipt.customer_uid) == (ticket_id, "U100")
        assert receipt.state == "submitted"

        # Retried with the same key (the answer was lost): the same receipt, one report.
        again = alice.post("/aml/reports", json=_body(ticket_id), headers={"Idempotency-Key": "k1"})
        assert again.status_code == 201 and again.json() == r.json()
        changed = alice.post(
            "/aml/reports",
            json=_body(ticket_id, pattern="mixer"),
            headers={"Idempotency-Key": "k1"},
        )
        assert_error(changed, 422, "idempotency_key_reused")
        mine = [AmlReceiptOut.model_validate(x) for x in alice.get("/aml/reports/mine").json()]
        assert [m.id for m in mine] == [receipt.id]

        # Nothing on the ticket changed; no event went out to anyone.
        assert alice.get(f"/tickets/{ticket_id}").json() == before_ticket
        assert alice.get(f"/tickets/{ticket_id}/messages").json() == before_messages
        assert alice.get("/events", params={"after": last_event}).json()["items"] == []
        assert bob.get("/aml/reports/mine").json() == []

        # Compliance: the queue, newest first, without the narrative; then the whole report.
        other = alice.post("/aml/reports", json=_body(None, customer_uid="U101", pattern="mixer"))
        assert other.status_code == 201, other.text
        queue = [AmlReportSummary.model_validate(x) for x in nadia.get("/aml/reports").json()]
        assert [q.id for q in queue][:2] == [other.json()["id"], receipt.id]
        assert [q.id for q in queue] == sorted((q.id for q in queue), reverse=True)
        assert "narrative" not in nadia.get("/aml/reports").json()[0]
        row = queue[1]
        assert (row.reporter_name, row.pattern, row.tx_hash_count) == ("Alice", "structuring", 2)
        assert [(str(a.amount), a.asset) for a in row.amounts] == [
            ("9900", "USDT"),
            ("49500", "USDT"),
        ]
        detail = AmlReportOut.model_validate(nadia.get(f"/aml/reports/{receipt.id}").json())
        assert detail.narrative == NARRATIVE and detail.tx_hashes == [EVM_TX, BTC_TX]
        assert (detail.status, detail.outcome) == ("submitted", None)
        assert_error(nadia.get("/aml/reports/424242"), 404, "not_found")

        # Agents never reach the queue, a report or a decision (the role matrix).
        assert_error(alice.get("/aml/reports"), 403, "role_forbidden")
        assert_error(alice.get(f"/aml/reports/{receipt.id}"), 403, "role_forbidden")
        fine = {"outcome": "no_further_action", "note": "Looks fine to me."}
        assert_error(
            alice.post(f"/aml/reports/{receipt.id}/decision", json=fine), 403, "role_forbidden"
        )
        # Four eyes: compliance does not decide its own reports either.
        own = nadia.post("/aml/reports", json=_body(None, customer_uid="U102", pattern="other"))
        assert own.status_code == 201, own.text
        own_id = own.json()["id"]
        assert_error(nadia.post(f"/aml/reports/{own_id}/decision", json=fine), 403, "own_report")

        # The decision needs a known outcome and a reason.
        short = nadia.post(
            f"/aml/reports/{receipt.id}/decision", json={"outcome": "sar", "note": "ok"}
        )
        assert _locs(short) == [
            (["body", "outcome"], "unknown_outcome"),
            (["body", "note"], "note_too_short"),
        ]

        # Monitoring keeps the case open; a SAR then closes it.
        watch = nadia.post(
            f"/aml/reports/{receipt.id}/decision",
            json={"outcome": "monitoring", "note": "Watch the account for 30 days."},
            headers={"Idempotency-Key": "d1"},
        )
        assert watch.status_code == 200, watch.text
        assert watch.json()["outcome"] == "monitoring"
        sar = nadia.post(
            f"/aml/reports/{receipt.id}/decision",
            json={"outcome": "sar_filed", "note": "STR filed with the FIU, ref 2026-118."},
        )
        decided = AmlReportOut.model_validate(sar.json())
        assert (decided.status, decided.outcome, decided.decided_by_name) == (
            "decided",
            "sar_filed",
            "Nadia",
        )
        final = nadia.post(
            f"/aml/reports/{receipt.id}/decision",
            json={"outcome": "no_further_action", "note": "Changed my mind entirely."},
        )
        assert_error(final, 409, "already_decided")
        queued = nadia.get("/aml/reports", params={"status": "submitted"}).json()
        assert receipt.id not in [q["id"] for q in queued] and queued

        # The reporter's receipt still says only "submitted".
        mine_after = alice.get("/aml/reports/mine").json()
        for item in mine_after:
            assert item["state"] == "submitted"
            assert not {"status", "outcome", "decision_note", "narrative"} & set(item)
        assert "sar_filed" not in alice.get("/aml/reports/mine").text

        # Audited: filing and each decision, with ids and the pattern, never the narrative.
        entries = _audit(env, receipt.id)
        assert [(e.action, e.actor_name) for e in entries] == [
            ("aml.report.filed", "Alice"),
            ("aml.report.decided", "Nadia"),
            ("aml.report.decided", "Nadia"),
        ]
        assert entries[0].detail == {
            "report_id": receipt.id,
            "pattern": "structuring",
            "ticket_id": ticket_id,
            "customer_uid": "U100",
        }
        assert entries[0].ticket_id is None  # the ticket's own trail does not show it
        assert entries[2].detail["previous_outcome"] == "monitoring"
        for entry in entries:
            assert "9,900" not in str(entry.detail) and "FIU" not in str(entry.detail)
            assert NARRATIVE[:20] not in str(entry.detail)
