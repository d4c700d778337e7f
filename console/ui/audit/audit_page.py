"""The audit log page (supervisors and compliance): who did what to which ticket, customer, chat
or article, newest first, fetched from the server when shown and on Refresh, filtered by
ticket, customer, agent and action, with older entries a page at a time. Plain text only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.ui.audit.audit_labels import action_text, actions, detail_text, target_text
from console.ui.audit.ports import AuditQuery
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.labels import role_label
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas_audit import AuditEntryOut, AuditPage
    from console.ui.audit.ports import AuditIntents

__all__ = ["COLUMNS", "AuditLogPage"]

COLUMNS = 7  # time, agent, role, action, target, ticket, details


class AuditLogPage(QWidget):
    open_ticket = Signal(int)

    def __init__(self, intents: AuditIntents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self._intents = intents
        self._generation = 0
        self._query = AuditQuery()
        self.entries: list[AuditEntryOut] = []
        self.next_before_id: int | None = None
        self._shown_once = False

        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.ticket_edit = QLineEdit(objectName="auditTicketFilter")
        self.ticket_edit.setValidator(QIntValidator(1, 2_000_000_000, self.ticket_edit))
        self.ticket_edit.setMaximumWidth(110)
        self.uid_edit = QLineEdit(objectName="auditCustomerFilter")
        self.uid_edit.setMaxLength(40)
        self.uid_edit.setMaximumWidth(160)
        self.agent_box = QComboBox(objectName="auditAgentFilter")
        self.action_box = QComboBox(objectName="auditActionFilter")
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.older_button = QPushButton(objectName="secondaryButton")
        for edit in (self.ticket_edit, self.uid_edit):
            edit.returnPressed.connect(self.refresh)
        for box in (self.agent_box, self.action_box):
            box.activated.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.older_button.clicked.connect(self.load_older)

        self.table = QTableWidget(0, COLUMNS, objectName="auditTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._open_row)

        filters = QHBoxLayout()
        filters.setContentsMargins(12, 0, 12, 0)
        for widget in (self.ticket_edit, self.uid_edit, self.agent_box, self.action_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.status, 1)
        foot = QHBoxLayout()
        foot.setContentsMargins(12, 0, 12, 12)
        foot.addStretch(1)
        foot.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        self._fill_agents()
        self.retranslate()

    # --- filters -----------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        ticket = self.ticket_edit.text().strip()
        agent = self.agent_box.currentData()
        return AuditQuery(
            ticket_id=int(ticket) if ticket.isdigit() else None,
            customer_uid=self.uid_edit.text().strip() or None,
            actor_id=int(agent) if agent else None,
            action=self.action_box.currentData() or None,
        )

    def _fill_agents(self) -> None:
        chosen = self.agent_box.currentData()
        self.agent_box.clear()
        self.agent_box.addItem(tr("Any agent"), 0)
        for agent in sorted(self._intents.agents(), key=lambda a: a.display_name.casefold()):
            self.agent_box.addItem(agent.display_name, agent.id)
        index = self.agent_box.findData(chosen) if chosen else 0
        self.agent_box.setCurrentIndex(max(index, 0))

    def _fill_actions(self) -> None:
        chosen = self.action_box.currentData()
        self.action_box.clear()
        self.action_box.addItem(tr("Any action"), "")
        for code, words in actions():
            self.action_box.addItem(words, code)
        self.action_box.setCurrentIndex(max(self.action_box.findData(chosen or ""), 0))

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def refresh(self) -> None:
        """The newest entries for the filters as they are now."""
        if self.agent_box.count() <= 1:
            self._fill_agents()  # the directory may have arrived since
        self._query = self.query()
        self._load(None)

    def load_older(self) -> None:
        if self.next_before_id is not None:
            self._load(self.next_before_id)

    def _load(self, before_id: int | None) -> None:
        self._generation += 1
        generation = self._generation
        self.status.setText(tr("Loading…"))
        self.refresh_button.setEnabled(False)
        self.older_button.setEnabled(False)

        def done(page: AuditPage | None, error: str | None) -> None:
            if generation != self._generation:
                return  # an answer to an earlier question
            self.refresh_button.setEnabled(True)
            if page is None:
                self.status.setText(error or "")
                self.older_button.setEnabled(self.next_before_id is not None)
                return
            self.entries = [*self.entries, *page.items] if before_id else list(page.items)
            self.next_before_id = page.next_before_id
            self._fill()

        self._intents.load_page(self._query, before_id, done)

    # --- showing -----------------------------------------------------------------------------

    def _fill(self) -> None:
        names = {a.id: a.display_name for a in self._intents.agents()}
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            texts = [
                short_datetime(entry.at),
                entry.actor_name,
                role_label(entry.actor_role) if entry.actor_id is not None else tr("System"),
                action_text(entry.action),
                target_text(entry, names),
                f"#{entry.ticket_id}" if entry.ticket_id is not None else "",
                detail_text(entry, names),
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text) if column == COLUMNS - 1 else "")
                self.table.setItem(row, column, item)
        self.older_button.setEnabled(self.next_before_id is not None)
        if not self.entries:
            self.status.setText(tr("No entries match these filters."))
        else:
            self.status.setText(tr("{n} entries", n=len(self.entries)))

    def _open_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.entries) and self.entries[row].ticket_id is not None:
            ticket_id = self.entries[row].ticket_id
            assert ticket_id is not None
            self.open_ticket.emit(ticket_id)

    def retranslate(self) -> None:
        self.title.setText(tr("Audit log"))
        self.ticket_edit.setPlaceholderText(tr("Ticket #"))
        self.uid_edit.setPlaceholderText(tr("Customer UID"))
        self.refresh_button.setText(tr("Refresh"))
        self.older_button.setText(tr("Load older"))
        self.agent_box.setItemText(0, tr("Any agent"))
        self._fill_actions()
        self.table.setHorizontalHeaderLabels(
            [
                tr("Time"),
                tr("Agent"),
                tr("Role"),
                tr("Action"),
                tr("Target"),
                tr("Ticket"),
                tr("Details"),
            ]
        )
        self._fill()
