"""The VIP page on the rail: the portfolio, and a client's page over it ("← Portfolio" returns).

Both pages follow the store through `on_changes` (the session's change bridge); the client page
is built the first time a client is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from console.ui.vip.client_page import ClientPage
from console.ui.vip.portfolio_page import PortfolioPage

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.ui.change_bridge import ChangeBatch
    from console.ui.vip.portfolio_model import Clock
    from console.ui.vip.ports import VipIntents

__all__ = ["VipDesk"]


class VipDesk(QStackedWidget):
    open_ticket = Signal(int)
    open_chat = Signal(int)
    outreach_requested = Signal(list)  # uids, from the portfolio
    outreach_history_requested = Signal()

    def __init__(
        self,
        intents: VipIntents,
        me: AgentOut,
        *,
        clock: Clock | None = None,
        agent_names: Callable[[], dict[int, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vipDesk")
        self._intents = intents
        self._me = me
        self._clock = clock
        self._agent_names = agent_names
        self.portfolio = PortfolioPage(intents, me, clock)
        self.portfolio.client_opened.connect(self.open_client)
        self.portfolio.outreach_requested.connect(self.outreach_requested)
        self.portfolio.outreach_history_requested.connect(self.outreach_history_requested)
        self.addWidget(self.portfolio)
        self._client_page: ClientPage | None = None

    @property
    def client_page(self) -> ClientPage:
        if self._client_page is None:
            page = ClientPage(self._intents, self._me, self._clock, self._agent_names)
            self._client_page = page
            page.back_requested.connect(self.show_portfolio)
            page.open_ticket.connect(self.open_ticket)
            page.open_chat.connect(self.open_chat)
            self.addWidget(page)
        return self._client_page

    def open_client(self, uid: str) -> None:
        page = self.client_page
        page.show_client(uid)
        self.setCurrentWidget(page)

    def show_portfolio(self) -> None:
        self.setCurrentWidget(self.portfolio)
        self.portfolio.table.setFocus()

    def on_changes(self, batch: ChangeBatch) -> None:
        self.portfolio.on_changes(batch)
        if self._client_page is not None:
            self._client_page.on_changes(batch)

    def retranslate(self) -> None:
        self.portfolio.retranslate()
        if self._client_page is not None:
            self._client_page.retranslate()
