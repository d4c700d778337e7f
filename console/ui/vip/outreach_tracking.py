"""One outreach, client by client: delivered, replied or failed, the ticket that carries it and
when the client answered. A click on a ticket number opens that ticket in the inbox.

It follows the outreach live: every `updated` of the actions for this outreach (the server's
vip.outreach.updated, or a fetch) is shown at once; and when the local store hears of a new
message on one of its tickets that has not been answered yet, it asks the server for the
outreach again, so a client's reply shows even where the live outreach events do not reach.
Client names are customer text: plain, never rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.vip import OutreachStatus
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.vip.outreach_compose import TABLE_STYLE
from console.ui.vip.vip_labels import language_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_vip import OutreachOut, OutreachRecipientOut
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.vip.outreach_actions import OutreachActions

__all__ = ["Col", "OutreachTracking", "status_text"]


class Col:
    CLIENT, LANGUAGE, STATUS, TICKET, DELIVERED, REPLIED = range(6)


_COLORS = {
    OutreachStatus.DELIVERED: "#374151",
    OutreachStatus.REPLIED: "#15803d",
    OutreachStatus.FAILED: "#b91c1c",
}


def status_text(status: str) -> str:
    names = {
        OutreachStatus.DELIVERED: tr("Delivered"),
        OutreachStatus.REPLIED: tr("Replied"),
        OutreachStatus.FAILED: tr("Failed"),
    }
    return names.get(status, status)


def _status_tooltip(status: str) -> str:
    tips = {
        OutreachStatus.DELIVERED: tr("On the client's in-app ticket; no answer yet."),
        OutreachStatus.REPLIED: tr("The client answered on the ticket."),
        OutreachStatus.FAILED: tr("Not sent: there was no text in a language the client reads."),
    }
    return tips.get(status, "")


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # table items never interpret markup
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class OutreachTracking(QWidget):
    ticket_requested = Signal(int)

    def __init__(
        self,
        actions: OutreachActions,
        bridge: ChangeBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vipOutreachTracking")
        self._actions = actions
        self.outreach: OutreachOut | None = None
        self._loading = False
        self._again = False  # a change came while loading: load once more after
        self.title = PlainLabel(objectName="viewTitle")
        self.title.setWordWrap(True)
        self.meta = PlainLabel(objectName="mutedLabel", selectable=False)
        self.summary = PlainLabel(objectName="fieldValue", selectable=False)
        self.summary.setStyleSheet("font-weight: 600;")
        self.error = PlainLabel(objectName="errorLabel", selectable=False)
        self.error.setWordWrap(True)
        self.table = QTableWidget(0, 6, objectName="vipOutreachTable")
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Col.CLIENT, QHeaderView.ResizeMode.Stretch)
        for col in (Col.LANGUAGE, Col.STATUS, Col.TICKET, Col.DELIVERED, Col.REPLIED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(64)
        self.table.cellClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.error.hide()
        actions.updated.connect(self._updated)
        if bridge is not None:
            bridge.changed.connect(self._on_changes)
        self.retranslate()

    # --- what it shows --------------------------------------------------------------------------

    def set_outreach(self, outreach: OutreachOut | None) -> None:
        self.outreach = outreach
        self._show()

    def _show(self) -> None:
        outreach = self.outreach
        self.table.setRowCount(0)
        if outreach is None:
            self.title.setText("")
            self.meta.setText("")
            self.summary.setText(tr("Choose a message to see who received and answered it."))
            return
        self.title.setText(outreach.subject)
        self.meta.setText(
            tr(
                "Sent by {name} · {when}",
                name=outreach.created_by_name,
                when=short_datetime(outreach.created_at),
            )
        )
        counts = {status: 0 for status in OutreachStatus}
        for recipient in outreach.recipients:
            counts[recipient.status] += 1
        self.summary.setText(
            tr(
                "{total} clients · {delivered} delivered · {replied} replied · {failed} failed",
                total=len(outreach.recipients),
                delivered=counts[OutreachStatus.DELIVERED] + counts[OutreachStatus.REPLIED],
                replied=counts[OutreachStatus.REPLIED],
                failed=counts[OutreachStatus.FAILED],
            )
        )
        self.table.setRowCount(len(outreach.recipients))
        for row, recipient in enumerate(outreach.recipients):
            self._fill(row, recipient)

    def _fill(self, row: int, r: OutreachRecipientOut) -> None:
        self.table.setItem(row, Col.CLIENT, _item(r.client_name, r.client_uid))
        self.table.setItem(row, Col.LANGUAGE, _item(language_label(r.language)))
        status = _item(status_text(r.status), _status_tooltip(r.status))
        status.setForeground(QColor(_COLORS.get(r.status, "#374151")))
        self.table.setItem(row, Col.STATUS, status)
        ticket = _item(f"#{r.ticket_id}" if r.ticket_id else "—")
        if r.ticket_id:
            ticket.setForeground(QColor("#1d4ed8"))
            ticket.setToolTip(tr("Open ticket #{id}", id=r.ticket_id))
            ticket.setData(Qt.ItemDataRole.UserRole, r.ticket_id)
        self.table.setItem(row, Col.TICKET, ticket)
        delivered = short_datetime(r.delivered_at) if r.delivered_at else "—"
        self.table.setItem(row, Col.DELIVERED, _item(delivered))
        replied = _item(short_datetime(r.replied_at) if r.replied_at else "—")
        if r.reply_message_id is not None and r.ticket_id:
            replied.setToolTip(
                tr(
                    "Their reply is message {message} on ticket #{id}.",
                    message=r.reply_message_id,
                    id=r.ticket_id,
                )
            )
            replied.setData(Qt.ItemDataRole.UserRole, r.ticket_id)
        self.table.setItem(row, Col.REPLIED, replied)

    def recipient_row(self, uid: str) -> int | None:
        if self.outreach is None:
            return None
        return next(
            (i for i, r in enumerate(self.outreach.recipients) if r.client_uid == uid), None
        )

    def cell_text(self, uid: str, col: int) -> str:
        """What the table shows for a client (tests and the screen reader's view alike)."""
        row = self.recipient_row(uid)
        item = self.table.item(row, col) if row is not None else None
        return item.text() if item is not None else ""

    def _clicked(self, row: int, col: int) -> None:
        item = self.table.item(row, col)
        ticket_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if col in (Col.TICKET, Col.REPLIED) and isinstance(ticket_id, int):
            self.ticket_requested.emit(ticket_id)

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    # --- keeping it current -----------------------------------------------------------------------

    def _updated(self, outreach: OutreachOut) -> None:
        if (
            shiboken6.isValid(self)
            and self.outreach is not None
            and outreach.id == self.outreach.id
        ):
            self.set_outreach(outreach)

    def _on_changes(self, batch: ChangeBatch) -> None:
        """A new message on an unanswered outreach ticket may be the client's reply."""
        outreach = self.outreach
        if outreach is None or not batch.touches("messages"):
            return
        waiting = [
            r.ticket_id
            for r in outreach.recipients
            if r.status is OutreachStatus.DELIVERED and r.ticket_id is not None
        ]
        if any(batch.touches("messages", tid) for tid in waiting):
            self.reload()

    def reload(self) -> None:
        if self.outreach is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._actions.load(self.outreach.id, self._reloaded)

    def _reloaded(self, outreach: OutreachOut | None, error: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._loading = False
        self.show_error(error)
        if outreach is not None and self.outreach is not None and outreach.id == self.outreach.id:
            self.set_outreach(outreach)
        if self._again:
            self._again = False
            self.reload()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                tr("Client"),
                tr("Language"),
                tr("Status"),
                tr("Ticket"),
                tr("Delivered"),
                tr("Replied"),
            ]
        )
        self._show()
