"""The VIP desk end to end, the shared steps: a manager's clients on the server, the VIP page and
its portfolio in the console, the toasts a VIP alert shows."""

from __future__ import annotations

from typing import Any

from e2e_inbox import click
from e2e_support import wait_until
from PySide6.QtCore import Qt

from console.api.client import SupportClient
from console.api.schemas_vip import VipClientSummary


async def clients_of(client: SupportClient, manager_id: int) -> list[VipClientSummary]:
    """The clients this manager manages (not those they back up), from the server."""
    return [c for c in await client.vip_portfolio() if c.manager_id == manager_id]


async def vip_page(qtbot, session) -> Any:
    """Open the VIP desk from the rail; returns its portfolio once the server's rows are in."""
    window = session.window
    click(qtbot, window.rail.buttons["vip"])
    await wait_until(lambda: window.current_page() == "vip", what="VIP page shown")
    desk = window.role_pages["vip"]
    portfolio = desk.portfolio
    await wait_until(lambda: portfolio.model.rowCount() > 0, 30, "portfolio loaded")
    return portfolio


def select_clients(qtbot, portfolio, uids: list[str]) -> None:
    """Click the first client's row, Ctrl+click the others."""
    table = portfolio.table
    for i, uid in enumerate(uids):
        row = portfolio.model.row_of(uid)
        assert row is not None, f"{uid} is not in the portfolio"
        index = portfolio.model.index(row, 0)
        table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if i else Qt.KeyboardModifier.NoModifier
        rect = table.visualRect(index)
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(portfolio.selected_uids()) == sorted(uids)


def vip_toasts(session, kind: str) -> list:
    return [t for t in session.window.notifier.toasts.toasts if t.property("kind") == kind]
