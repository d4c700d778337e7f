"""A suspicious-activity report end to end, real consoles against the real server: Alice files
it from a ticket through the dialog (prefilled from the customer's transfers); Nadia's
compliance page, already open, picks it up and she decides; Alice's receipt never shows the
decision, the queue is closed to her, and nothing about the report reaches the ticket."""

from __future__ import annotations

from contextlib import closing

import httpx
import pytest
from e2e_inbox import (
    api_client,
    choose_in_combo,
    click,
    open_ticket,
    run_scenario,
    sign_in,
    start_console,
    type_mixed,
)
from e2e_support import LiveServer, server_db, wait_until
from e2e_workspace import server_tickets, watching_stray_windows
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.errors import ApiError
from console.api.schemas import API_PREFIX

pytestmark = pytest.mark.usefixtures("english_ui")

NARRATIVE = (
    "Customer deposited just under 10,000 USDT several times today and asked us to speed up a "
    "withdrawal of everything to a new address. 客户拒绝说明资金来源。"
)
DECISION_NOTE = "STR filed with the FIU, reference 2026-0042."


async def _ticket_with_tx(checker: SupportClient) -> tuple[int, str, str]:
    """An open ticket whose customer has a transfer with a tx hash: (ticket, uid, hash)."""
    for ticket in await server_tickets(checker, status=["new", "open", "pending"]):
        customer = await checker.customer(ticket.customer_uid)
        hashes = [t.tx_hash for t in customer.transfers[:10] if t.tx_hash]
        if hashes:
            return ticket.id, customer.uid, hashes[0]
    raise AssertionError("no open ticket of the demo has a customer transfer with a tx hash")


def _audit_actions(database) -> list[tuple[str, str]]:
    with closing(server_db(database)) as conn:
        rows = conn.execute(
            "SELECT action, actor_name FROM audit_log WHERE action LIKE 'aml.%' ORDER BY id"
        ).fetchall()
    return [(str(a), str(b)) for a, b in rows]


def test_report_filed_queued_decided_and_never_shown_back(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    alice_app = start_console(tmp_path / "alice", live_server.url)
    nadia_app = start_console(tmp_path / "nadia", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        ticket_id, uid, tx_hash = await _ticket_with_tx(checker)
        before = await checker.get_ticket(ticket_id)
        before_messages = await checker.messages(ticket_id)

        # Nadia (compliance) has the page open; Alice (agent) has no such page.
        nadia = await sign_in(qtbot, nadia_app, "nadia")
        alice = await sign_in(qtbot, alice_app, "alice")
        assert "compliance" not in alice.window.rail.buttons
        click(qtbot, nadia.window.rail.buttons["compliance"])
        page = nadia.window.role_pages["compliance"]
        await wait_until(lambda: page.status.text().endswith("reports"), what="queue loaded")
        page.poll.setInterval(300)  # the same polling, sooner than every 20 s
        queued_before = {r.id for r in page.reports}

        # Alice opens the ticket and reports from it.
        aw = alice.window
        await open_ticket(qtbot, aw, ticket_id)
        view = aw.ticket_view
        await wait_until(
            lambda: alice.store.customer(uid) is not None, what="customer panel data cached"
        )
        click(qtbot, view.aml_report.button)
        await wait_until(lambda: view.aml_report.dialog is not None, what="report dialog")
        dialog = view.aml_report.dialog
        await wait_until(dialog.isVisible, what="report dialog shown")
        assert dialog.customer_edit.text() == uid
        await choose_in_combo(qtbot, dialog.pattern_box, "refuses_source_of_funds")
        transfers = dialog.transfer_list
        row = next(
            i
            for i in range(transfers.count())
            if transfers.item(i).data(Qt.ItemDataRole.UserRole).tx_hash == tx_hash
        )
        transfers.setFocus()
        transfers.setCurrentRow(row)
        qtbot.keyClick(transfers.viewport(), Qt.Key.Key_Space)
        assert [t.tx_hash for t in dialog.checked_transfers()] == [tx_hash]
        dialog.amounts_edit.setFocus()
        qtbot.keyClicks(dialog.amounts_edit, "9,900 USDT")
        dialog.narrative.setFocus()
        type_mixed(qtbot, dialog.narrative, NARRATIVE)
        click(qtbot, dialog.send_button)
        await wait_until(lambda: dialog.receipt is not None, 30, "receipt shown")
        report_id = dialog.receipt.id
        assert f"Report #{report_id} was sent to compliance" in dialog.receipt_text.text()
        click(qtbot, dialog.close_button)

        # Nadia's page shows it without her doing anything: newest first.
        await wait_until(
            lambda: page.reports and page.reports[0].id == report_id, 30, "report in the queue"
        )
        assert report_id not in queued_before
        assert page.table.item(0, 2).text() == "Refuses to explain source of funds"
        assert page.table.item(0, 4).text() == "Alice Zhou"
        page.poll.setInterval(60_000)  # no refresh between her clicks from here on
        cell = page.table.visualRect(page.table.model().index(0, 2))
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
        detail = page.detail
        await wait_until(
            lambda: detail.report is not None and detail.report.id == report_id,
            what="report read in full",
        )
        assert detail.narrative.toPlainText() == NARRATIVE
        assert tx_hash in detail.tx_hashes.text().split("\n")
        await choose_in_combo(qtbot, detail.outcome_box, "sar_filed")
        detail.note.setFocus()
        qtbot.keyClicks(detail.note, DECISION_NOTE)
        click(qtbot, detail.decide_button)
        await wait_until(
            lambda: detail.report is not None and detail.report.outcome == "sar_filed",
            30,
            "decision recorded",
        )
        assert "SAR/STR filed — Nadia Rahman" in detail.decision.text()
        assert not detail.form.isVisible()

        # Alice's receipt: submitted, and nothing else, ever.
        receipts = await alice.client.my_aml_reports()
        assert [(r.id, r.state) for r in receipts if r.id == report_id] == [
            (report_id, "submitted")
        ]
        async with httpx.AsyncClient(base_url=live_server.url + API_PREFIX) as raw:
            headers = {"Authorization": f"Bearer {alice.client.token}"}
            mine = await raw.get("/aml/reports/mine", headers=headers)
            assert mine.status_code == 200
            assert "sar_filed" not in mine.text and "FIU" not in mine.text
            assert "outcome" not in mine.text and "narrative" not in mine.text
        # The queue and the decision are compliance's (the role matrix).
        with pytest.raises(ApiError) as refused:
            await alice.client.aml_reports()
        assert (refused.value.status, refused.value.code) == (403, "role_forbidden")
        with pytest.raises(ApiError) as refused:
            await alice.client.aml_report(report_id)
        assert refused.value.status == 403

        # Nothing on the ticket: no message, no change (the customer and colleagues see nothing).
        after = await checker.get_ticket(ticket_id)
        assert (after.version, after.updated_at) == (before.version, before.updated_at)
        assert len(await checker.messages(ticket_id)) == len(before_messages)
        assert _audit_actions(live_server.database) == [
            ("aml.report.filed", "Alice Zhou"),
            ("aml.report.decided", "Nadia Rahman"),
        ]

    with watching_stray_windows() as stray:
        run_scenario(qasync_loop, scenario, [alice_app, nadia_app], clients)
    assert not stray.seen, f"widgets flashed as windows of their own: {stray.seen}"
