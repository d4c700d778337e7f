"""Past outreach: the manager's messages to clients, newest first (a supervisor sees everyone's),
each with how many answered; choosing one shows its tracking view. One window per main window
(`open_outreach_history`), kept current by the same live updates as the tracking view.

Subjects are the managers' text and client names customer text: plain, never rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.core.vip import OutreachStatus
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.vip.outreach_actions import OutreachActions, outreach_actions
from console.ui.vip.outreach_tracking import OutreachTracking
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_vip import OutreachOut
    from console.ui.change_bridge import ChangeBridge
    from console.ui.shell.role_pages import RolePageContext

__all__ = ["OutreachHistory", "open_outreach_history"]

_NAME = "vipOutreachHistory"


def _line(outreach: OutreachOut) -> str:
    replied = sum(1 for r in outreach.recipients if r.status is OutreachStatus.REPLIED)
    return tr(
        "{subject}\n{when} · {replied} of {total} replied",
        subject=outreach.subject,
        when=short_datetime(outreach.created_at),
        replied=replied,
        total=len(outreach.recipients),
    )


class OutreachHistory(QDialog):
    def __init__(
        self,
        actions: OutreachActions,
        bridge: ChangeBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.setWindowTitle(tr("Past messages to VIP clients"))
        self._actions = actions
        self.items: list[OutreachOut] = []
        self.title = PlainLabel(tr("Past messages"), objectName="viewTitle", selectable=False)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.status.setWordWrap(True)
        self.list = QListWidget(objectName="vipOutreachList")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(240)
        self.tracking = OutreachTracking(actions, bridge)
        self.refresh_button = QPushButton(tr("Refresh"), objectName="secondaryButton")
        self.close_button = QPushButton(tr("Close"), objectName="primaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.accept)
        self.list.currentRowChanged.connect(self._chosen)
        actions.updated.connect(self._updated)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(self.tracking)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(980, 620)

    def refresh(self) -> None:
        self.status.setText(tr("Loading…"))
        self.refresh_button.setEnabled(False)
        self._actions.history(self._loaded)

    def _loaded(self, items: list[OutreachOut] | None, error: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.refresh_button.setEnabled(True)
        if items is None:
            self.status.setText(error or "")
            return
        self.show_items(items)

    def show_items(self, items: list[OutreachOut]) -> None:
        chosen = self.tracking.outreach.id if self.tracking.outreach is not None else None
        self.items = list(items)
        self.list.blockSignals(True)
        self.list.clear()
        for outreach in self.items:
            item = QListWidgetItem(_line(outreach))  # list items never interpret markup
            item.setData(Qt.ItemDataRole.UserRole, outreach.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.status.setText(
            tr("Messages: {n}", n=len(self.items))
            if self.items
            else tr("No messages yet. Select clients on the portfolio to write to them.")
        )
        ids = [o.id for o in self.items]
        row = ids.index(chosen) if chosen in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._chosen(row)

    def select(self, outreach_id: int) -> bool:
        ids = [o.id for o in self.items]
        if outreach_id not in ids:
            return False
        self.list.setCurrentRow(ids.index(outreach_id))
        return True

    def _chosen(self, row: int) -> None:
        self.tracking.set_outreach(self.items[row] if 0 <= row < len(self.items) else None)

    def _updated(self, outreach: OutreachOut) -> None:
        """A new or changed outreach: its line, in place (a new one goes on top)."""
        if not shiboken6.isValid(self):
            return
        ids = [o.id for o in self.items]
        if outreach.id in ids:
            index = ids.index(outreach.id)
            self.items[index] = outreach
            item = self.list.item(index)
            if item is not None:
                item.setText(_line(outreach))
        else:
            self.show_items([outreach, *self.items])


def open_outreach_history(parent: QWidget, context: RolePageContext) -> OutreachHistory:
    """Show the window's history (built once), loaded fresh from the server."""
    history = parent.findChild(OutreachHistory, _NAME)
    if history is None:
        actions = outreach_actions(context)
        history = OutreachHistory(actions, context.bridge, parent)
        history.tracking.ticket_requested.connect(actions.open_ticket)
    history.show()
    history.raise_()
    history.activateWindow()
    history.refresh()
    return history
