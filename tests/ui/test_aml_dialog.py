"""The AML report dialog, opened from the ticket view: prefilled from the ticket and its
customer, the core's problems shown before anything is sent, a failed send keeps everything
(and the same Idempotency-Key for the same report), a receipt after sending."""

from __future__ import annotations

from decimal import Decimal

import pytest
from aml_fakes import FakeAml, receipt
from PySide6.QtCore import Qt
from ticket_commands import RecordingCommands, build_view
from ui_factories import ME, customer, ticket

from console.api.schemas_aml import AmlReportCreate
from console.ui.aml.report_dialog import ReportDialog

NARRATIVE = "Five deposits of 9,900 USDT in two hours, then everything withdrawn to a new address."
TRANSFER_TX = customer("U1").transfers[0].tx_hash


@pytest.fixture
def aml() -> FakeAml:
    return FakeAml()


@pytest.fixture
def view(qtbot, store, aml):
    store.upsert_tickets([ticket(1)])
    store.upsert_customer(customer(ticket(1).customer_uid))
    commands = RecordingCommands()
    commands.aml = aml  # type: ignore[attr-defined]
    built, _ = build_view(qtbot, store, ME, commands)
    built.show_ticket(1)
    return built


def _open(qtbot, view) -> ReportDialog:
    entry = view.aml_report
    assert entry.button.isVisible()
    qtbot.mouseClick(entry.button, Qt.MouseButton.LeftButton)
    dialog = entry.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _fill(qtbot, dialog: ReportDialog) -> None:
    dialog.pattern_box.setCurrentIndex(dialog.pattern_box.findData("structuring"))
    dialog.set_transfer_checked(0, True)
    dialog.amounts_edit.setFocus()
    qtbot.keyClicks(dialog.amounts_edit, "9,900 USDT")
    qtbot.keyClicks(dialog.narrative, NARRATIVE)


def test_the_dialog_opens_prefilled_from_the_ticket(qtbot, view) -> None:
    dialog = _open(qtbot, view)
    assert dialog.subject.text() == "Ticket #1"
    assert dialog.customer_edit.text() == ticket(1).customer_uid
    assert dialog.transfer_list.count() == 1
    item = dialog.transfer_list.item(0).text()
    assert "0.00012345 BTC" in item and "9f2c4a7be1" in item
    assert "Do not tell the customer" in dialog.warning.text()
    assert dialog.windowTitle() == "Report suspicious activity"


def test_no_session_no_button(qtbot, store) -> None:
    store.upsert_tickets([ticket(1)])
    built, _ = build_view(qtbot, store, ME)  # commands without `aml`
    built.show_ticket(1)
    assert built.aml_report.button.isHidden()
    assert built.aml_report.open_dialog() is None


def test_problems_are_shown_and_nothing_is_sent(qtbot, view, aml) -> None:
    dialog = _open(qtbot, view)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    shown = dialog.problems_shown()
    assert "Choose what kind of activity this is." in shown
    assert "Give at least one amount with its asset" in shown
    assert "at least 40 characters" in shown
    assert aml.calls == []

    _fill(qtbot, dialog)
    qtbot.keyClicks(dialog.tx_edit, "0x1234")
    dialog.amounts_edit.appendPlainText("lots of money")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    shown = dialog.problems_shown()
    assert "“0x1234” is not a transaction hash" in shown
    assert "Amount “lots of money”: the amount must be a positive number." in shown
    assert "Choose what kind" not in shown
    assert aml.calls == []


def test_send_fails_keeps_everything_then_retries_with_the_same_key(qtbot, view, aml) -> None:
    dialog = _open(qtbot, view)
    _fill(qtbot, dialog)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [(report, key)] = aml.named("file_report")
    assert isinstance(report, AmlReportCreate)
    assert report.pattern == "structuring"
    assert [(a.amount, a.asset) for a in report.amounts] == [
        ("0.00012345", "BTC"),
        ("9,900", "USDT"),
    ]
    assert report.tx_hashes == [TRANSFER_TX]
    assert (report.ticket_id, report.customer_uid) == (1, ticket(1).customer_uid)
    assert report.narrative == NARRATIVE

    # While it is on its way: nothing to edit, and the dialog does not close.
    assert not dialog.narrative.isEnabled() and not dialog.send_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()

    aml.answer(None, "The server cannot be reached. Check the connection and try again.")
    shown = dialog.problems_shown()
    assert shown.startswith("Not sent: The server cannot be reached.")
    assert "Everything you typed is still here." in shown
    assert dialog.narrative.toPlainText() == NARRATIVE
    assert dialog.amounts_edit.toPlainText() == "9,900 USDT"
    assert dialog.checked_transfers()[0].amount == Decimal("0.00012345")
    assert dialog.narrative.isEnabled() and dialog.isVisible()

    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert aml.named("file_report")[1][1] == key  # the same report: the same key
    aml.answer(None, "The server cannot be reached. Check the connection and try again.")
    qtbot.keyClicks(dialog.narrative, " More.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert aml.named("file_report")[2][1] != key  # a changed report is a new request

    with qtbot.waitSignal(dialog.sent) as sent:
        aml.answer(receipt(5))
    assert sent.args[0].id == 5
    assert dialog.pages.currentIndex() == 1
    text = dialog.receipt_text.text()
    assert "Report #5 was sent to compliance" in text
    assert "the outcome is not shared with you" in text
    assert "Do not tell the customer" in text
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_customer_only_report(qtbot, aml) -> None:
    from console.ui.aml.report_dialog import ReportContext

    dialog = ReportDialog(aml, ReportContext(ticket_id=None, customer_uid=None))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.transfer_list.isHidden()
    dialog.pattern_box.setCurrentIndex(dialog.pattern_box.findData("mixer"))
    qtbot.keyClicks(dialog.amounts_edit, "2 BTC")
    qtbot.keyClicks(dialog.narrative, NARRATIVE)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "Name the ticket or the customer" in dialog.problems_shown()
    qtbot.keyClicks(dialog.customer_edit, "U10000042")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [(report, _key)] = aml.named("file_report")
    assert (report.ticket_id, report.customer_uid, report.pattern) == (None, "U10000042", "mixer")
