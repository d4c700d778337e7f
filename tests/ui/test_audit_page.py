"""The audit log page: on the rail for supervisors and compliance only, loaded when shown,
filters passed to the server, older entries appended, stale answers ignored, failures said in
words, and everything shown as plain text (in Chinese too)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.api.schemas import AgentOut
from console.api.schemas_audit import AuditEntryOut, AuditPage
from console.core.domain import Role
from console.ui.audit.audit_page import AuditLogPage
from console.ui.audit.ports import AuditQuery
from console.ui.i18n import set_language
from console.ui.shell.role_pages import pages_for

AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
ALICE = AgentOut(id=1, username="alice", display_name="Alice Zhou", role=Role.AGENT)
BOB = AgentOut(id=2, username="bob", display_name="Bob Miller", role=Role.AGENT)


class FakeAudit:
    """Records each load and keeps its `done`, so a test answers when it likes."""

    def __init__(self) -> None:
        self.loads: list[tuple[AuditQuery, int | None]] = []
        self.pending: list[Any] = []
        self.directory = [BOB, ALICE]

    def load_page(self, query: AuditQuery, before_id: int | None, done: Any) -> None:
        self.loads.append((query, before_id))
        self.pending.append(done)

    def agents(self) -> list[AgentOut]:
        return list(self.directory)

    def answer(self, page: AuditPage | None, error: str | None = None) -> None:
        self.pending.pop(0)(page, error)


def entry(entry_id: int, action: str, **changes: Any) -> AuditEntryOut:
    values: dict[str, Any] = {
        "id": entry_id,
        "at": AT,
        "actor_id": 1,
        "actor_name": "Alice Zhou",
        "actor_role": "agent",
        "action": action,
        "target_kind": "ticket",
        "target_id": "12",
        "ticket_id": 12,
        "customer_uid": "U10000012",
        "detail": {},
    }
    values.update(changes)
    return AuditEntryOut.model_validate(values)


BLOCKED = entry(
    9,
    "guard.blocked",
    detail={"kind": "reply", "categories": ["asks_secret"], "source": "console"},
)
UPDATED = entry(
    8, "ticket.updated", detail={"status": ["open", "pending"], "assignee_id": [None, 2]}
)
VIEWED = entry(7, "customer.viewed", target_kind="customer", target_id="U1", ticket_id=None)


@pytest.fixture
def audit() -> FakeAudit:
    return FakeAudit()


@pytest.fixture
def page(qtbot, audit) -> AuditLogPage:
    built = AuditLogPage(audit)
    qtbot.addWidget(built)
    built.resize(1200, 600)
    built.show()
    qtbot.waitExposed(built)
    return built


def row(page: AuditLogPage, index: int) -> list[str]:
    return [page.table.item(index, c).text() for c in range(page.table.columnCount())]


def test_supervisors_and_compliance_have_the_page_others_do_not() -> None:
    for role in ("supervisor", "compliance"):
        assert "audit" in [p.key for p in pages_for(role)]
    for role in ("agent", "vip_manager", "trainer"):
        assert "audit" not in [p.key for p in pages_for(role)]


def test_shown_it_loads_the_newest_entries_in_words(page, audit) -> None:
    assert audit.loads == [(AuditQuery(), None)]
    assert page.status.text() == "Loading…" and not page.refresh_button.isEnabled()
    audit.answer(AuditPage(items=[BLOCKED, UPDATED, VIEWED], next_before_id=None))
    assert page.table.rowCount() == 3
    time, who, role, action, target, ticket, details = row(page, 0)
    assert (who, role, action, target, ticket) == (
        "Alice Zhou",
        "Agent",
        "Blocked message",
        "Ticket #12",
        "#12",
    )
    assert time and details == (
        "a reply that asked for a seed phrase or private key; stopped by the console"
    )
    assert row(page, 1)[6] == "status Open → Pending; assignee nobody → Bob Miller"
    assert row(page, 2)[3:6] == ["Opened the customer record", "Customer U1", ""]
    assert page.status.text() == "3 entries" and not page.older_button.isEnabled()


def test_filters_go_to_the_server_and_older_entries_are_appended(qtbot, page, audit) -> None:
    audit.answer(AuditPage(items=[BLOCKED], next_before_id=None))
    assert [page.agent_box.itemText(i) for i in range(page.agent_box.count())] == [
        "Any agent",
        "Alice Zhou",
        "Bob Miller",
    ]
    page.ticket_edit.setText("12")
    page.uid_edit.setText(" U10000012 ")
    page.agent_box.setCurrentIndex(1)
    page.action_box.setCurrentIndex(page.action_box.findData("guard.blocked"))
    qtbot.keyClick(page.uid_edit, Qt.Key.Key_Return)
    wanted = AuditQuery(ticket_id=12, customer_uid="U10000012", actor_id=1, action="guard.blocked")
    assert audit.loads[-1] == (wanted, None)
    audit.answer(AuditPage(items=[BLOCKED], next_before_id=9))
    assert page.older_button.isEnabled()
    # Changing a filter without asking again keeps the query the rows came from.
    page.ticket_edit.setText("99")
    qtbot.mouseClick(page.older_button, Qt.MouseButton.LeftButton)
    assert audit.loads[-1] == (wanted, 9)
    audit.answer(AuditPage(items=[entry(3, "guard.blocked")], next_before_id=None))
    assert [e.id for e in page.entries] == [9, 3] and page.table.rowCount() == 2
    assert not page.older_button.isEnabled()


def test_an_earlier_answer_arriving_late_is_ignored(qtbot, page, audit) -> None:
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)  # disabled while loading
    assert len(audit.loads) == 1
    page.refresh()  # e.g. Enter in a filter
    audit.answer(AuditPage(items=[VIEWED]))  # the first question's answer, late
    assert page.table.rowCount() == 0 and page.status.text() == "Loading…"
    audit.answer(AuditPage(items=[UPDATED]))
    assert [e.id for e in page.entries] == [8]


def test_a_failure_is_said_and_the_rows_stay(qtbot, page, audit) -> None:
    audit.answer(AuditPage(items=[UPDATED]))
    page.refresh()
    audit.answer(None, "The server cannot be reached. Check the connection and try again.")
    assert page.status.text().startswith("The server cannot be reached")
    assert page.table.rowCount() == 1 and page.refresh_button.isEnabled()


def test_names_and_unknown_actions_are_plain_text(page, audit) -> None:
    hostile = entry(
        5,
        "identity.something_new",
        actor_name="<b>Mallory</b><img src=x>",
        detail={"note": "<i>x</i>"},
    )
    audit.answer(AuditPage(items=[hostile]))
    cells = row(page, 0)
    assert cells[1] == "<b>Mallory</b><img src=x>" and cells[3] == "identity.something_new"
    tip = page.table.item(0, 6).toolTip()
    assert "<i>" not in tip and "&lt;i&gt;" in tip


def test_in_chinese(page, audit) -> None:
    audit.answer(AuditPage(items=[BLOCKED]))
    set_language("zh_CN")
    page.retranslate()
    assert page.title.text() == "审计日志"
    assert row(page, 0)[3] == "被拦截的消息"
    assert page.older_button.text() == "加载更早的记录"
