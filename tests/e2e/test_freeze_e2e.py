"""The emergency freeze, end to end: alice's real console against the real server.

On a ticket, the Identity tab's Emergency freeze without a verification is refused by the
server (the console says why, the customer stays active); alice records a verification in the
tab; the freeze then freezes the customer on the server, is audited (read through the audit API
as the supervisor), escalates to security on the ticket, tells the customer in their language,
and alice's customer panel shows the account frozen.
"""

from __future__ import annotations

import httpx
import pytest
from e2e_support import DEMO_PASSWORD, wait_until
from e2e_workspace import open_ticket, server_tickets, settle, sign_in
from e2e_workspace_run import Run
from PySide6.QtCore import Qt

from console.api.schemas import API_PREFIX
from console.core.identity import Check
from console.server.services.identity_notices import freeze_notice

pytestmark = pytest.mark.usefixtures("english_ui")

REASON = "Customer reports a login from an unknown device and wants the account locked"


async def _active_customer_ticket(checker) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """(ticket id, customer uid, ticket language) of a demo ticket whose customer is active."""
    for ticket in await server_tickets(checker):
        if ticket.status in ("new", "open") and ticket.merged_into_id is None:
            customer = await checker.customer(ticket.customer_uid)
            if customer.account_status == "active":
                return ticket.id, ticket.customer_uid, ticket.language
    raise AssertionError("no open demo ticket of an active customer")


async def _audit_as_supervisor(url: str, uid: str) -> list[dict]:  # type: ignore[type-arg]
    async with httpx.AsyncClient(base_url=url + API_PREFIX, timeout=10) as http:
        login = await http.post("/auth/login", json={"username": "sara", "password": DEMO_PASSWORD})
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        r = await http.get("/audit", params={"customer_uid": uid, "limit": 200}, headers=headers)
        r.raise_for_status()
        return list(r.json()["items"])


def _click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


async def _freeze_from_the_tab(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    """Press Emergency freeze, confirm once with the reason (typed unless still there)."""
    _click(qtbot, panel.freeze_button)
    await wait_until(
        lambda: panel.action_dialog is not None and panel.action_dialog.isVisible(),
        what="freeze confirmation shown",
    )
    dialog = panel.action_dialog
    if not dialog.reason_text():
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, REASON)
    assert dialog.reason_text() == REASON
    _click(qtbot, dialog.ok_button)
    await wait_until(lambda: not dialog.isVisible(), what="confirmation closed")


def test_emergency_freeze_is_refused_without_verification_then_done_with_it(
    qtbot, run: Run
) -> None:
    async def scenario() -> None:
        checker = run.checker
        ticket_id, uid, language = await _active_customer_ticket(checker)
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        await settle(session, checker)
        await open_ticket(qtbot, window, ticket_id)
        view = window.ticket_view
        panel = view.security
        tabs = view.side
        tab_bar = tabs.tabBar()
        index = tabs.indexOf(panel)
        assert tabs.tabText(index) == "Identity"
        qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(index).center())
        await wait_until(panel.isVisible, what="Identity tab shown")
        await wait_until(
            lambda: panel.freeze_needs.text().startswith("Needs: 2 more of"),
            what="the tab says what a freeze needs",
        )

        # 1. Without a verification: the server refuses, the console says why.
        await _freeze_from_the_tab(qtbot, panel)
        await wait_until(
            lambda: panel.result.text().startswith("Refused by the server"),
            what="refusal shown",
        )
        assert "2 more of" in panel.result.text()
        assert (await checker.customer(uid)).account_status == "active"
        assert await checker.escalations(ticket_id) == []

        # 2. Record the verification in the tab.
        for check in (Check.REGISTERED_CONTACT, Check.RECENT_TRANSACTION):
            box = panel.checklist.boxes[check]
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_Space)
            assert box.isChecked()
        qtbot.keyClicks(panel.checklist.note, "In-app session; matched the last withdrawal")
        _click(qtbot, panel.record_button)
        await wait_until(
            lambda: panel.form_status.text() == "Verification recorded.", what="recorded"
        )
        assert panel.freeze_needs.text() == "Verified for this."
        name = session.me.display_name
        assert panel.checklist.passed[Check.RECENT_TRANSACTION].text().startswith(f"✓ {name}")

        # 3. Freeze again (the reason is still in the form): done.
        await _freeze_from_the_tab(qtbot, panel)
        await wait_until(
            lambda: panel.result.text().startswith("Account frozen."), what="freeze done"
        )
        assert "The customer was told." in panel.result.text()

        # The server: frozen, a security escalation on the ticket, the customer told.
        assert (await checker.customer(uid)).account_status == "frozen"
        escalations = await checker.escalations(ticket_id)
        assert [e.department for e in escalations] == ["security"]
        assert f"Security escalation #{escalations[0].id} opened." in panel.result.text()
        replies = [m for m in await checker.messages(ticket_id) if m.kind == "reply"]
        assert replies[-1].body == freeze_notice(language, ticket_id)
        assert replies[-1].author_name == name

        # Audited: the refusal, the verification and the freeze, by alice, on this ticket.
        entries = await _audit_as_supervisor(run.server.url, uid)
        mine = [
            (e["action"], e["ticket_id"])
            for e in reversed(entries)  # newest first on the wire
            if e["actor_name"] == name and e["action"].startswith(("account.", "identity."))
        ]
        assert mine == [
            ("account.freeze.refused", ticket_id),
            ("identity.verified", ticket_id),
            ("account.freeze", ticket_id),
        ]

        # Alice's customer panel shows the account frozen (through the live events).
        customer_panel = view.customer_panel
        await wait_until(
            lambda: customer_panel.frozen_banner is not None, what="customer panel shows Frozen"
        )
        assert customer_panel.fields["account"].text() == "Frozen"
        assert panel.account.text() == "Account: Frozen"

    run.run(scenario)
