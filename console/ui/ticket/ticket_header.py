"""Top of the ticket view: subject, who and where, and the editable status and priority."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.api.schemas import TicketOut
from console.core.domain import Priority, TicketStatus
from console.ui.i18n import tr
from console.ui.labels import category_label, channel_label, priority_label, status_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["TicketHeader"]


class TicketHeader(QWidget):
    status_chosen = Signal(str)
    priority_chosen = Signal(str)
    assign_to_me = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketHeader")
        self._ticket: TicketOut | None = None
        self._me_id: int | None = None
        self.subject = PlainLabel(objectName="ticketSubject")
        self.subject.setWordWrap(True)
        self.meta = PlainLabel(objectName="mutedLabel")
        self.status_caption = QLabel(objectName="fieldCaption")
        self.status_box = QComboBox(objectName="statusBox")
        self.priority_caption = QLabel(objectName="fieldCaption")
        self.priority_box = QComboBox(objectName="priorityBox")
        self.assign_button = QPushButton(objectName="secondaryButton")
        self.assignee = QLabel(objectName="mutedLabel")
        for status in TicketStatus:
            self.status_box.addItem("", str(status))
        for priority in Priority:
            self.priority_box.addItem("", str(priority))
        self.status_box.activated.connect(
            lambda i: self.status_chosen.emit(self.status_box.itemData(i))
        )
        self.priority_box.activated.connect(
            lambda i: self.priority_chosen.emit(self.priority_box.itemData(i))
        )
        self.assign_button.clicked.connect(self.assign_to_me)

        controls = QHBoxLayout()
        controls.setSpacing(6)
        controls.addWidget(self.status_caption)
        controls.addWidget(self.status_box)
        controls.addSpacing(10)
        controls.addWidget(self.priority_caption)
        controls.addWidget(self.priority_box)
        controls.addSpacing(10)
        controls.addWidget(self.assignee)
        controls.addWidget(self.assign_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.setSpacing(4)
        layout.addWidget(self.subject)
        layout.addWidget(self.meta)
        layout.addLayout(controls)
        self.retranslate()

    def set_ticket(self, ticket: TicketOut | None, me_id: int | None) -> None:
        self._ticket = ticket
        self._me_id = me_id
        self._render()

    def retranslate(self) -> None:
        self.status_caption.setText(tr("Status"))
        self.priority_caption.setText(tr("Priority"))
        self.assign_button.setText(tr("Assign to me"))
        for i in range(self.status_box.count()):
            self.status_box.setItemText(i, status_label(self.status_box.itemData(i)))
        for i in range(self.priority_box.count()):
            self.priority_box.setItemText(i, priority_label(self.priority_box.itemData(i)))
        self._render()

    def _render(self) -> None:
        ticket = self._ticket
        self.setEnabled(ticket is not None)
        if ticket is None:
            self.subject.setText("")
            self.meta.setText("")
            self.assignee.setText("")
            return
        self.subject.setText(ticket.subject)
        self.meta.setText(
            tr(
                "#{id} · {channel} · {category} · customer {uid}",
                id=ticket.id,
                channel=channel_label(ticket.channel),
                category=category_label(ticket.category),
                uid=ticket.customer_uid,
            )
        )
        self.status_box.setCurrentIndex(self.status_box.findData(str(ticket.status)))
        self.priority_box.setCurrentIndex(self.priority_box.findData(str(ticket.priority)))
        self.priority_box.setProperty("level", str(ticket.priority))
        self.priority_box.style().unpolish(self.priority_box)
        self.priority_box.style().polish(self.priority_box)
        mine = ticket.assignee_id is not None and ticket.assignee_id == self._me_id
        if ticket.assignee_id is None:
            self.assignee.setText(tr("Unassigned"))
        elif mine:
            self.assignee.setText(tr("Assigned to you"))
        else:
            self.assignee.setText(tr("Assigned to a colleague"))
        self.assign_button.setVisible(not mine and self._me_id is not None)
