"""Tickets related to this one: linked tickets (clickable, unlinkable), linking another by its
number, and merging this ticket into another open ticket of the same customer."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import TicketOut
from console.core.domain import OPEN_STATUSES
from console.ui.i18n import tr
from console.ui.labels import status_label
from console.ui.widgets.clickable_row import ClickableRow

__all__ = ["RelatedPanel", "ticket_title"]


def ticket_title(ticket_id: int, ticket: TicketOut | None) -> str:
    if ticket is None:
        return tr("#{id}", id=ticket_id)
    return tr(
        "#{id} · {subject} · {status}",
        id=ticket_id,
        subject=ticket.subject,
        status=status_label(ticket.status),
    )


class RelatedPanel(QScrollArea):
    open_ticket = Signal(int)
    link_requested = Signal(int)
    unlink_requested = Signal(int)
    merge_requested = Signal(int)  # merge this ticket into that one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._ticket: TicketOut | None = None
        canvas = QWidget(objectName="sideCanvas")
        layout = QVBoxLayout(canvas)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        self.links_title = QLabel(objectName="panelTitle")
        self.no_links = QLabel(objectName="mutedLabel")
        self._links = QVBoxLayout()
        self._links.setSpacing(4)
        self.link_edit = QLineEdit(objectName="linkEdit")
        self.link_edit.setValidator(QIntValidator(1, 2_000_000_000, self.link_edit))
        self.link_button = QPushButton(objectName="secondaryButton")
        self.link_button.clicked.connect(self._link)
        self.link_edit.returnPressed.connect(self._link)
        link_row = QHBoxLayout()
        link_row.setSpacing(6)
        link_row.addWidget(self.link_edit, 1)
        link_row.addWidget(self.link_button)
        self.merge_title = QLabel(objectName="sectionTitle")
        self.merge_hint = QLabel(objectName="mutedLabel")
        self.merge_hint.setWordWrap(True)
        self.merge_box = QComboBox(objectName="mergeBox")
        self.merge_button = QPushButton(objectName="secondaryButton")
        self.merge_button.clicked.connect(self._ask_merge)
        merge_row = QHBoxLayout()
        merge_row.setSpacing(6)
        merge_row.addWidget(self.merge_box, 1)
        merge_row.addWidget(self.merge_button)
        layout.addWidget(self.links_title)
        layout.addWidget(self.no_links)
        layout.addLayout(self._links)
        layout.addLayout(link_row)
        layout.addWidget(self.merge_title)
        layout.addWidget(self.merge_hint)
        layout.addLayout(merge_row)
        layout.addStretch(1)
        self.setWidget(canvas)
        self.link_rows: list[QFrame] = []
        self.confirm: QMessageBox | None = None
        self._linked: list[tuple[int, TicketOut | None]] = []
        self._candidates: list[TicketOut] = []
        self.retranslate()

    def set_related(
        self,
        ticket: TicketOut | None,
        linked: Sequence[tuple[int, TicketOut | None]],
        customer_tickets: Sequence[TicketOut],
    ) -> None:
        """`linked`: (id, cached ticket or None) per link; `customer_tickets`: the customer's."""
        self._ticket = ticket
        self._linked = list(linked)
        me = ticket.id if ticket is not None else None
        self._candidates = [
            t
            for t in customer_tickets
            if t.id != me and t.status in OPEN_STATUSES and t.merged_into_id is None
        ]
        self._render()

    def retranslate(self) -> None:
        self.links_title.setText(tr("Linked tickets"))
        self.no_links.setText(tr("No linked tickets."))
        self.link_edit.setPlaceholderText(tr("Ticket number"))
        self.link_button.setText(tr("Link"))
        self.merge_title.setText(tr("Merge duplicate"))
        self.merge_hint.setText(
            tr(
                "Moves this ticket's messages and notes into another open ticket of the same "
                "customer and closes this one. Drafts are kept."
            )
        )
        self.merge_button.setText(tr("Merge into…"))
        self._render()

    # --- rendering ---------------------------------------------------------------------------

    def _render(self) -> None:
        for row in self.link_rows:
            self._links.removeWidget(row)
            row.deleteLater()
        self.link_rows = []
        for ticket_id, cached in self._linked:
            row = QFrame(objectName="linkRow")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 4, 0)
            line.setSpacing(4)
            open_row = ClickableRow(ticket_title(ticket_id, cached), objectName="ticketLink")
            open_row.setToolTip(tr("Open ticket #{id}", id=ticket_id))
            open_row.clicked.connect(lambda i=ticket_id: self.open_ticket.emit(i))
            unlink = QPushButton(tr("Unlink"), objectName="linkButton")
            unlink.clicked.connect(lambda _=False, i=ticket_id: self.unlink_requested.emit(i))
            line.addWidget(open_row, 1)
            line.addWidget(unlink)
            self._links.addWidget(row)
            self.link_rows.append(row)
        self.no_links.setVisible(not self.link_rows)
        self.merge_box.clear()
        for candidate in self._candidates:
            self.merge_box.addItem(ticket_title(candidate.id, candidate), candidate.id)
        if not self._candidates:
            self.merge_box.addItem(tr("No other open ticket of this customer"), None)
        ticket = self._ticket
        can_merge = bool(self._candidates) and ticket is not None
        can_merge = can_merge and ticket.status in OPEN_STATUSES and ticket.merged_into_id is None
        self.merge_box.setEnabled(bool(self._candidates))
        self.merge_button.setEnabled(can_merge)
        self.link_button.setEnabled(ticket is not None)

    # --- reactions ---------------------------------------------------------------------------

    def _link(self) -> None:
        text = self.link_edit.text().strip().lstrip("#")
        if not text.isdigit() or self._ticket is None:
            return
        other = int(text)
        if other == self._ticket.id or other in {i for i, _ in self._linked}:
            self.link_edit.clear()
            return
        self.link_requested.emit(other)
        self.link_edit.clear()

    def _ask_merge(self) -> None:
        target = self.merge_box.currentData()
        if target is None or self._ticket is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(tr("Merge tickets"))
        box.setText(
            tr(
                "Merge #{source} into #{target}? #{source} will be closed and its messages and "
                "notes moved to #{target}.",
                source=self._ticket.id,
                target=target,
            )
        )
        merge = box.addButton(tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)
        box.buttonClicked.connect(
            lambda button: self.merge_requested.emit(target) if button is merge else None
        )
        self.confirm = box
        box.open()
