"""The compliance page: the queue (fetched on show, polled while shown), a report in full as
plain text, the decision (checked by the core first), and its place on the rail."""

from __future__ import annotations

import pytest
from aml_fakes import TX, FakeAml, report, summary
from PySide6.QtCore import Qt

from console.api.schemas_aml import AmlDecisionCreate
from console.core.aml import AmlReportStatus
from console.ui.aml.compliance_page import CompliancePage
from console.ui.shell.role_pages import pages_for

NADIA = 30


@pytest.fixture
def aml() -> FakeAml:
    return FakeAml()


@pytest.fixture
def page(qtbot, aml) -> CompliancePage:
    built = CompliancePage(aml, NADIA)
    qtbot.addWidget(built)
    built.resize(1200, 700)
    built.show()
    qtbot.waitExposed(built)
    return built


def _row(page: CompliancePage, row: int) -> list[str]:
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def test_only_compliance_has_the_page() -> None:
    assert "compliance" in [p.key for p in pages_for("compliance")]
    for role in ("agent", "vip_manager", "trainer", "supervisor"):
        assert "compliance" not in [p.key for p in pages_for(role)]


def test_queue_detail_and_decision(qtbot, page, aml) -> None:
    [(status,)] = aml.named("load_queue")
    assert status is AmlReportStatus.SUBMITTED
    assert page.poll.isActive()
    aml.answer([summary(9, pattern="mixer", ticket_id=None), summary(4)])
    assert page.table.rowCount() == 2
    assert _row(page, 0)[0] == "9" and _row(page, 0)[2] == "Mixer or tumbler"
    assert _row(page, 1)[2:] == [
        "Rapid in-and-out (pass-through)",
        "9,900 USDT",
        "Alice Wang",
        "#12 · U10000012",
        "Waiting for a decision",
    ]
    assert page.status.text() == "2 reports"

    page.table.selectRow(1)
    assert aml.named("load_report") == [(4,)]
    aml.answer(report(4))
    detail = page.detail
    assert detail.title.text() == "Report #4 · Rapid in-and-out (pass-through)"
    # The narrative is shown as written: markup is text, nothing loads.
    assert detail.narrative.toPlainText() == report(4).narrative
    assert detail.tx_hashes.text() == TX
    assert detail.tx_hashes.textFormat() == Qt.TextFormat.PlainText
    assert "Filed" in detail.facts.text() and "9,900 USDT" in detail.facts.text()
    assert detail.form.isVisible()

    # The core's rule first: an outcome and a reason.
    qtbot.mouseClick(detail.decide_button, Qt.MouseButton.LeftButton)
    assert not detail.error.isHidden()
    assert "Choose an outcome." in detail.error.text()
    assert aml.named("decide") == []
    detail.outcome_box.setCurrentIndex(detail.outcome_box.findData("sar_filed"))
    assert "SAR/STR" in detail.outcome_meaning.text()
    qtbot.keyClicks(detail.note, "STR filed with the FIU, ref 2026-118.")
    qtbot.mouseClick(detail.decide_button, Qt.MouseButton.LeftButton)
    [(report_id, decision, _key)] = aml.named("decide")
    assert report_id == 4
    assert decision == AmlDecisionCreate(
        outcome="sar_filed", note="STR filed with the FIU, ref 2026-118."
    )
    assert not detail.decide_button.isEnabled()
    decided = report(
        4,
        status="decided",
        outcome="sar_filed",
        decision_note="STR filed with the FIU, ref 2026-118.",
        decided_by_name="Nadia",
        decided_at=report(4).created_at,
    )
    aml.answer(decided)
    assert "SAR/STR filed — Nadia" in detail.decision.text()
    assert not detail.form.isVisible()  # a final outcome stands
    assert len(aml.named("load_queue")) == 2  # the queue is fetched again


def test_a_failed_decision_keeps_the_note(qtbot, page, aml) -> None:
    aml.answer([summary(4)])
    page.table.selectRow(0)
    aml.answer(report(4))
    detail = page.detail
    detail.outcome_box.setCurrentIndex(detail.outcome_box.findData("monitoring"))
    qtbot.keyClicks(detail.note, "Watch for 30 days.")
    qtbot.mouseClick(detail.decide_button, Qt.MouseButton.LeftButton)
    key = aml.named("decide")[0][2]
    aml.answer(None, "The server cannot be reached. Check the connection and try again.")
    assert detail.error.text().startswith("Not recorded: The server cannot be reached.")
    assert detail.note.toPlainText() == "Watch for 30 days." and detail.decide_button.isEnabled()
    qtbot.mouseClick(detail.decide_button, Qt.MouseButton.LeftButton)
    assert aml.named("decide")[1][2] == key


def test_own_reports_and_open_cases(qtbot, page, aml) -> None:
    aml.answer([summary(5, reporter_id=NADIA), summary(4, status="decided", outcome="monitoring")])
    page.table.selectRow(0)
    aml.answer(report(5, reporter_id=NADIA))
    assert not page.detail.form.isVisible()
    assert "a colleague in compliance decides it" in page.detail.decision.text()
    page.table.selectRow(1)
    aml.answer(report(4, status="decided", outcome="monitoring", decided_by_name="Nadia"))
    assert page.detail.form.isVisible()  # monitoring: the case is still open
    assert "may be decided again" in page.detail.decision.text()


def test_filter_refresh_polling_and_failures(qtbot, page, aml) -> None:
    aml.answer([summary(4)])
    page.filter_box.setCurrentIndex(1)
    assert aml.named("load_queue")[-1] == (None,)
    aml.answer(None, "The server cannot be reached. Check the connection and try again.")
    assert page.status.text().startswith("Not updated:")
    assert page.table.rowCount() == 1  # what was shown stays
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert len(aml.named("load_queue")) == 3
    page.hide()
    assert not page.poll.isActive()


def test_an_older_answer_is_dropped(qtbot, page, aml) -> None:
    page.refresh()  # a second request while the first is out
    aml.answer([summary(1)])  # the first answer arrives late
    aml.answer([summary(2), summary(1)])
    assert page.table.rowCount() == 2
    aml.calls.clear()
    page.refresh()
    page.refresh()
    aml.answer([summary(3)])
    assert page.table.rowCount() == 2  # stale: not shown
