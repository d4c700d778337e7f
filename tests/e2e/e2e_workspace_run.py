"""The console-and-colleague harness the workspace tests run in, and the demo data they need.

`Run` holds one console (alice) and a colleague's API client (bob) on the live server; the
`run` fixture (conftest.py) builds one per test.
"""

from __future__ import annotations

from e2e_support import DEMO_PASSWORD, LiveServer
from e2e_workspace import server_tickets, watching_stray_windows

from console.api.client import SupportClient
from console.api.schemas import TicketCreate
from console.ui.launcher import Launcher, LaunchOptions

__all__ = ["Run", "customer_with_history"]


class Run:
    """One console (alice) and a colleague's client (bob) on the live server."""

    def __init__(self, qasync_loop, live_server: LiveServer, profile) -> None:
        self.loop = qasync_loop
        self.server = live_server
        self.profile = profile
        self.launcher = Launcher(LaunchOptions(profile_dir=profile, server_url=live_server.url))
        self.checker = SupportClient(live_server.url)

    def run(self, scenario) -> None:
        """Run the scenario and close everything inside one run of the loop: qasync processes
        pending events once more after each run, outside the loop, where a request still in
        flight would fail."""

        async def main() -> None:
            try:
                await self.checker.login("bob", DEMO_PASSWORD)
                await scenario()
            finally:
                try:
                    await self.launcher.aclose()
                finally:
                    await self.checker.aclose()

        with watching_stray_windows() as stray:
            self.loop.run_until_complete(main())
        assert not stray.seen, (
            f"widgets flashed as windows of their own (shown before they had a parent): "
            f"{stray.seen}"
        )


async def customer_with_history(checker: SupportClient):
    """A customer with a transfer carrying a tx hash and at least two tickets: if the demo's
    customer has only one, a colleague logs a second one for them (as from a phone call)."""
    tickets = await server_tickets(checker)
    by_uid: dict[str, list[int]] = {}
    for ticket in tickets:
        by_uid.setdefault(ticket.customer_uid, []).append(ticket.id)
    chosen = None
    for uid, ids in sorted(by_uid.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        customer = await checker.customer(uid)
        if any(t.tx_hash for t in customer.transfers):
            chosen = customer, ids
            break
    assert chosen is not None, "no customer of the demo has a transfer with a tx hash"
    customer, ids = chosen
    if len(ids) < 2:
        first = next(t for t in tickets if t.id == ids[0])
        created = await checker.create_ticket(
            TicketCreate(
                subject="Phone call: asked again about the transfer",
                body="客户来电询问转账进度。Caller asked about the transfer again.",
                customer_uid=customer.uid,
                channel="phone",
                category=first.category,
                language=first.language,
                priority="normal",
            )
        )
        ids = [*ids, created.id]
        customer = await checker.customer(customer.uid)
    return customer, sorted(ids)
