"""Ticket header and customer panel render store data, in the current language."""

from __future__ import annotations

from ui_factories import ME, customer, ticket

from console.core.domain import Priority, TicketStatus
from console.ui.i18n import set_language
from console.ui.ticket.customer_panel import CustomerPanel
from console.ui.ticket.ticket_header import TicketHeader


def test_header_shows_the_ticket_and_offers_its_status(qtbot):
    header = TicketHeader()
    qtbot.addWidget(header)
    header.set_ticket(ticket(42, subject="<i>Withdrawal</i> stuck", priority="urgent"), ME.id)
    assert header.subject.text() == "<i>Withdrawal</i> stuck"
    assert header.meta.text() == "#42 · Email · Spot trading · customer U10000042"
    assert header.status_box.currentData() == TicketStatus.OPEN
    assert header.status_box.currentText() == "Open"
    assert header.priority_box.currentData() == Priority.URGENT
    assert header.assignee_box.currentText() == "Unassigned"
    assert not header.assign_button.isHidden()
    with qtbot.waitSignal(header.status_chosen) as blocker:
        header.status_box.activated.emit(header.status_box.findData("solved"))
    assert blocker.args == ["solved"]


def test_header_knows_my_tickets(qtbot):
    header = TicketHeader()
    qtbot.addWidget(header)
    header.set_ticket(ticket(1, assignee_id=ME.id), ME.id)
    assert header.assignee_box.currentText() == "Me"
    assert header.assign_button.isHidden()


def test_header_retranslates(qtbot):
    header = TicketHeader()
    qtbot.addWidget(header)
    header.set_ticket(ticket(1), ME.id)
    set_language("zh_CN")
    header.retranslate()
    assert header.status_box.currentText() == "处理中"
    assert header.status_caption.text() == "状态"
    assert header.meta.text() == "#1 · 邮件 · 现货交易 · 客户 U10000001"


def test_customer_panel_shows_account_transfers_and_security(qtbot):
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    panel.set_customer("U1", None)
    assert not panel.fields
    panel.set_customer("U1", customer("U1"))
    assert panel.fields["uid"].text() == "U1"
    assert panel.fields["kyc"].text() == "Level 2"
    assert panel.fields["vip"].text() == "VIP 3"
    assert panel.fields["region"].text() == "SG"
    assert panel.fields["account"].text() == "Frozen"
    assert panel.fields["account"].property("alert") is True
    [row] = panel.transfer_rows
    texts = [label.text() for label in row.findChildren(type(panel.fields["uid"]))]
    assert "Withdrawal 0.00012345 BTC" in texts
    assert any(t.startswith("Bitcoin · Confirming (2 confirmations) · ") for t in texts)
    assert any(t.startswith("9f2c4a7be1") and "…" in t for t in texts)
    assert len(panel.security_rows) == 1


def test_customer_panel_in_chinese(qtbot):
    panel = CustomerPanel()
    qtbot.addWidget(panel)
    panel.set_customer("U1", customer("U1"))
    set_language("zh_CN")
    panel.retranslate()
    assert panel.fields["kyc"].text() == "2 级"
    assert panel.fields["account"].text() == "已冻结"
    texts = [
        label.text() for label in panel.transfer_rows[0].findChildren(type(panel.fields["uid"]))
    ]
    assert "提币 0.00012345 BTC" in texts
