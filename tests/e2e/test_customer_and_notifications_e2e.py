"""The customer panel and notifications, driven through the real widgets against the real
server."""

from __future__ import annotations

import asyncio

import pytest
from e2e_support import DEMO_PASSWORD, wait_until
from e2e_workspace import (
    OPEN,
    activate,
    customer_email,
    customer_writes,
    open_ticket,
    server_tickets,
    settle,
    sign_in,
)
from e2e_workspace_run import Run, customer_with_history
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.schemas import TicketUpdate

pytestmark = pytest.mark.usefixtures("english_ui")


# --- 1. the customer panel -----------------------------------------------------------------------


def test_customer_panel_shows_the_servers_customer(qtbot, run: Run):
    from PySide6.QtWidgets import QLabel

    async def scenario() -> None:
        checker = run.checker
        customer, their_tickets = await customer_with_history(checker)
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        await settle(session, checker)
        first, other = their_tickets[0], their_tickets[-1]
        await open_ticket(qtbot, window, first)
        view = window.ticket_view
        view.side.setCurrentWidget(view.customer_panel)
        panel = view.customer_panel
        past = [p.id for p in customer.past_tickets if p.id != first][:10]
        assert past and other in past

        def past_shown() -> list[str]:
            return [r.title.text().split(" · ")[0] for r in panel.past_rows]

        # The panel settles on the server's record (fetched when the ticket opens).
        await wait_until(
            lambda: (
                "uid" in panel.fields
                and panel.fields["uid"].text() == customer.uid
                and past_shown() == [f"#{i}" for i in past]
            ),
            what="customer shown",
        )
        fields = {k: label.text() for k, label in panel.fields.items()}
        assert fields["name"] == customer.display_name
        assert fields["kyc"] == f"Level {customer.kyc_level}"
        assert fields["vip"] == (f"VIP {customer.vip_tier}" if customer.vip_tier else "Regular")
        assert fields["email"] == customer.email_masked and "*" in fields["email"]
        assert customer_email(run.server.database, customer.uid) not in fields["email"]
        assert fields["region"] == customer.region

        shown_hashes = [
            label.toolTip()
            for row in panel.transfer_rows
            for label in row.findChildren(QLabel, "txHash")
        ]
        assert len(panel.transfer_rows) == min(8, len(customer.transfers))
        assert shown_hashes == [t.tx_hash for t in customer.transfers[:8] if t.tx_hash]
        assert shown_hashes
        assert len(panel.security_rows) == min(6, len(customer.security_events))
        for row, event in zip(panel.security_rows, customer.security_events, strict=False):
            assert event.detail in [label.text() for label in row.findChildren(QLabel)]

        # A past ticket opens with a click.
        row = panel.past_rows[past.index(other)]
        panel.ensureWidgetVisible(row)
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
        await wait_until(lambda: view.ticket_id() == other, what="past ticket opened")
        subject = (await checker.get_ticket(other)).subject
        await wait_until(lambda: view.header.subject.text() == subject, what="its header")

    run.run(scenario)


# --- 2. notifications ----------------------------------------------------------------------------


def _toasts_for(window, ticket_id: int) -> list:
    return [t for t in window.notifier.toasts.visible_toasts() if t.ticket_id == ticket_id]


def test_toasts_for_assignment_and_customer_reply_in_the_active_window(qtbot, run: Run):
    async def scenario() -> None:
        session = await sign_in(qtbot, run.launcher)
        window = session.window
        checker = run.checker
        await settle(session, checker)
        await activate(window)
        ticket = (await server_tickets(checker, status=OPEN, assignee="none"))[0]
        sara = SupportClient(run.server.url)
        try:
            await sara.login("sara", DEMO_PASSWORD)
            await sara.update_ticket(
                ticket.id, TicketUpdate(assignee_id=session.me.id), "e2e-sara-assigns"
            )
        finally:
            await sara.aclose()

        await wait_until(lambda: _toasts_for(window, ticket.id), 20, "assignment toast")
        assert window.isActiveWindow()
        [toast] = _toasts_for(window, ticket.id)
        assert toast.heading.text() == f"New assignment · #{ticket.id}"
        assert toast.title.text() == ticket.subject
        toast.dismiss()
        await wait_until(lambda: not _toasts_for(window, ticket.id), what="dismissed")

        words = "Any news? 我的币还没到账，请尽快处理！"
        await asyncio.to_thread(customer_writes, run.server.database, ticket.id, words)
        await wait_until(lambda: _toasts_for(window, ticket.id), 20, "customer reply toast")
        assert window.isActiveWindow()
        [toast] = _toasts_for(window, ticket.id)
        assert toast.heading.text() == f"Customer replied · #{ticket.id}"
        assert toast.body.text() == words

        # A click on the toast opens the ticket.
        qtbot.mouseClick(toast, Qt.MouseButton.LeftButton)
        await wait_until(lambda: window.ticket_view.ticket_id() == ticket.id, what="opened")

    run.run(scenario)
