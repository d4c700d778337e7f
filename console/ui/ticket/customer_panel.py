"""Who the customer is: identity and account facts (a frozen account stands out), recent
transfers with confirmations and tx hash, security events, and past tickets (click to open).

Everything here comes from the exchange's records of a customer, so every value is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import CustomerDetail, PastTicketOut, SecurityEventOut, TransferOut
from console.core.domain import AccountStatus, TransferStatus
from console.ui.formatting import amount, relative_time, short_datetime
from console.ui.i18n import tr
from console.ui.labels import (
    account_status_label,
    channel_label,
    security_event_label,
    status_label,
    transfer_direction_label,
    transfer_status_label,
)
from console.ui.widgets.clickable_row import ClickableRow
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["CustomerPanel"]

MAX_TRANSFERS = 8
MAX_SECURITY_EVENTS = 6
MAX_PAST_TICKETS = 10


def _short_hash(tx_hash: str) -> str:
    return tx_hash if len(tx_hash) <= 20 else f"{tx_hash[:10]}…{tx_hash[-8:]}"


class CustomerPanel(QScrollArea):
    open_ticket = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(240)
        self._customer: CustomerDetail | None = None
        self._uid: str | None = None
        self._canvas = QWidget(objectName="customerCanvas")
        self._layout = QVBoxLayout(self._canvas)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(6)
        self.setWidget(self._canvas)
        self.fields: dict[str, PlainLabel] = {}
        self.transfer_rows: list[QFrame] = []
        self.security_rows: list[QFrame] = []
        self.past_rows: list[ClickableRow] = []
        self.frozen_banner: QLabel | None = None
        self._current_ticket: int | None = None
        self.retranslate()

    def set_current_ticket(self, ticket_id: int | None) -> None:
        """The ticket on screen, left out of the customer's past tickets."""
        if ticket_id != self._current_ticket:
            self._current_ticket = ticket_id
            self._render()

    def set_customer(self, uid: str | None, customer: CustomerDetail | None) -> None:
        self._uid = uid
        self._customer = customer
        self._render()

    def retranslate(self) -> None:
        self._render()

    # --- rendering ---------------------------------------------------------------------------

    def _render(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.fields = {}
        self.transfer_rows = []
        self.security_rows = []
        self.past_rows = []
        self.frozen_banner = None
        self._layout.addWidget(QLabel(tr("Customer"), objectName="panelTitle"))
        customer = self._customer
        if customer is None:
            text = tr("Loading customer {uid}…", uid=self._uid) if self._uid else ""
            self._layout.addWidget(PlainLabel(text, objectName="mutedLabel"))
            self._layout.addStretch(1)
            return
        if customer.account_status == AccountStatus.FROZEN:
            banner = QLabel(
                tr("Account frozen — withdrawals and trading are blocked."),
                objectName="frozenBanner",
            )
            banner.setWordWrap(True)
            self.frozen_banner = banner
            self._layout.addWidget(banner)
        self._layout.addWidget(self._facts(customer))
        self._layout.addWidget(self._section(tr("Recent deposits & withdrawals")))
        if not customer.transfers:
            self._layout.addWidget(QLabel(tr("No recent transfers."), objectName="mutedLabel"))
        for transfer in customer.transfers[:MAX_TRANSFERS]:
            row = self._transfer_row(transfer)
            self.transfer_rows.append(row)
            self._layout.addWidget(row)
        self._layout.addWidget(self._section(tr("Recent security events")))
        if not customer.security_events:
            self._layout.addWidget(QLabel(tr("None recorded."), objectName="mutedLabel"))
        for event in customer.security_events[:MAX_SECURITY_EVENTS]:
            row = self._security_row(event)
            self.security_rows.append(row)
            self._layout.addWidget(row)
        self._layout.addWidget(self._section(tr("Past tickets")))
        past = [t for t in customer.past_tickets if t.id != self._current_ticket]
        if not past:
            self._layout.addWidget(QLabel(tr("No earlier tickets."), objectName="mutedLabel"))
        for item in past[:MAX_PAST_TICKETS]:
            button = self._past_row(item)
            self.past_rows.append(button)
            self._layout.addWidget(button)
        self._layout.addStretch(1)

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text, objectName="sectionTitle")
        label.setWordWrap(True)
        return label

    def _facts(self, customer: CustomerDetail) -> QWidget:
        box = QWidget(objectName="customerFacts")
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 6)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(3)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        vip = tr("VIP {tier}", tier=customer.vip_tier) if customer.vip_tier else tr("Regular")
        rows = [
            ("uid", tr("UID"), customer.uid),
            ("name", tr("Name"), customer.display_name),
            ("email", tr("Email"), customer.email_masked),
            ("phone", tr("Phone"), customer.phone_masked or "—"),
            ("kyc", tr("KYC level"), tr("Level {level}", level=customer.kyc_level)),
            ("vip", tr("VIP tier"), vip),
            ("region", tr("Region"), customer.region),
            ("language", tr("Language"), customer.language),
            ("account", tr("Account"), account_status_label(customer.account_status)),
        ]
        for key, caption, value in rows:
            label = PlainLabel(value, objectName="fieldValue")
            label.setWordWrap(True)
            self.fields[key] = label
            form.addRow(QLabel(caption, objectName="fieldCaption"), label)
        frozen = customer.account_status == AccountStatus.FROZEN
        self.fields["account"].setProperty("alert", frozen)
        if customer.vip_tier:
            self.fields["vip"].setProperty("vip", True)
        return box

    def _transfer_row(self, transfer: TransferOut) -> QFrame:
        row = QFrame(objectName="transferRow")
        row.setProperty("status", str(transfer.status))
        layout = QVBoxLayout(row)
        layout.setContentsMargins(8, 5, 8, 5)
        layout.setSpacing(1)
        headline = tr(
            "{direction} {amount} {asset}",
            direction=transfer_direction_label(transfer.direction),
            amount=amount(transfer.amount),
            asset=transfer.asset,
        )
        headline_label = PlainLabel(headline, objectName="transferHeadline")
        headline_label.setWordWrap(True)
        layout.addWidget(headline_label)
        status = transfer_status_label(transfer.status)
        if transfer.status in (TransferStatus.CONFIRMING, TransferStatus.PENDING) or (
            transfer.confirmations and transfer.status != TransferStatus.COMPLETED
        ):
            status = tr("{status} ({n} confirmations)", status=status, n=transfer.confirmations)
        detail = tr(
            "{network} · {status} · {when}",
            network=transfer.network,
            status=status,
            when=relative_time(transfer.created_at),
        )
        detail_label = PlainLabel(detail, objectName="mutedLabel", selectable=False)
        detail_label.setWordWrap(True)
        detail_label.setToolTip(short_datetime(transfer.created_at))
        layout.addWidget(detail_label)
        if transfer.tx_hash:
            hash_label = PlainLabel(_short_hash(transfer.tx_hash), objectName="txHash")
            hash_label.setToolTip(transfer.tx_hash)
            layout.addWidget(hash_label)
        return row

    def _security_row(self, event: SecurityEventOut) -> QFrame:
        row = QFrame(objectName="securityRow")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        title = tr(
            "{kind} · {when}",
            kind=security_event_label(event.kind),
            when=relative_time(event.created_at),
        )
        kind_label = PlainLabel(title, objectName="securityKind", selectable=False)
        kind_label.setWordWrap(True)
        layout.addWidget(kind_label)
        detail = PlainLabel(event.detail, objectName="mutedLabel")
        detail.setWordWrap(True)
        layout.addWidget(detail)
        return row

    def _past_row(self, item: PastTicketOut) -> ClickableRow:
        detail = tr(
            "{status} · {channel} · {when}",
            status=status_label(item.status),
            channel=channel_label(item.channel),
            when=relative_time(item.created_at),
        )
        row = ClickableRow(
            tr("#{id} · {subject}", id=item.id, subject=item.subject),
            detail,
            objectName="pastTicket",
        )
        row.setToolTip(tr("Open ticket #{id}", id=item.id))
        row.clicked.connect(lambda i=item.id: self.open_ticket.emit(i))
        return row
