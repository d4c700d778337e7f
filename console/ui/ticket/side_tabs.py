"""The ticket's side column: customer, escalations, related tickets and suggested articles, as
tabs whose names carry their counts and shorten rather than scroll in a narrow column."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from console.core.domain import EscalationStatus
from console.ui.i18n import tr
from console.ui.ticket.escalation_panel import EscalationPanel
from console.ui.ticket.related_panel import RelatedPanel

__all__ = ["SideTabs"]


class SideTabs(QTabWidget):
    def __init__(
        self,
        customer: QWidget,
        escalations: EscalationPanel,
        related: RelatedPanel,
        suggested: QWidget,
        parent: QWidget | None = None,
        *,
        security: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sideTabs")
        self.setDocumentMode(True)
        self._escalations = escalations
        self._related = related
        for page in (customer, escalations, related, suggested):
            self.addTab(page, "")
        self._security = security  # identity verification and the emergency freeze
        if security is not None:
            self.addTab(security, "")
        self.setMinimumWidth(280)
        # Four tabs in a narrow column: names shorten rather than scroll a tab out of sight.
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)

    def retitle(self) -> None:
        self.setTabText(0, tr("Customer"))
        open_count = sum(
            1
            for card in self._escalations.cards
            if card.escalation.status != EscalationStatus.CLOSED
        )
        self.setTabText(
            1, tr("Escalations ({n})", n=open_count) if open_count else tr("Escalations")
        )
        linked = len(self._related.link_rows)
        self.setTabText(2, tr("Related ({n})", n=linked) if linked else tr("Related"))
        self.setTabText(3, tr("Articles"))
        if self._security is not None:
            self.setTabText(self.indexOf(self._security), tr("Identity"))
        for index in range(self.count()):  # the full name when the tab is shortened
            self.setTabToolTip(index, self.tabText(index))
