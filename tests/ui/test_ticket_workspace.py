"""The ticket workspace around the composer: thread files and merges, properties, presence,
escalations, related tickets and the customer's history — each change goes through commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ticket_commands import build_view, png_bytes
from ui_factories import BASE_TIME, ME, customer, message, ticket

from console.api.schemas import (
    AgentOut,
    AttachmentOut,
    EscalationOut,
    PastTicketOut,
    PresenceOut,
)
from console.core.domain import MessageKind, Role
from console.ui.ticket.attachment_files import decode_preview
from console.ui.widgets.clickable_row import ClickableRow


def _attachment(attachment_id: int, filename: str, content_type: str, size: int = 2048):
    return AttachmentOut(
        id=attachment_id, filename=filename, content_type=content_type, size=size, sha256="0" * 64
    )


def _escalation(escalation_id: int, status: str, answer: str | None = None) -> EscalationOut:
    return EscalationOut(
        id=escalation_id,
        ticket_id=1,
        department="risk_aml",
        status=status,
        note="Please review the withdrawal to a flagged address",
        answer=answer,
        created_by_id=ME.id,
        created_by_name=ME.display_name,
        answered_by_name="Risk desk" if answer else None,
        created_at=BASE_TIME + timedelta(minutes=escalation_id),
        updated_at=BASE_TIME + timedelta(minutes=escalation_id),
    )


@pytest.fixture
def view(qtbot, store):
    uid = ticket(1).customer_uid
    store.upsert_tickets(
        [
            ticket(1, linked_ids=[3], suggested_priority="urgent", suggestion_reason="被盗"),
            ticket(2, customer_uid=uid, subject="Same customer, older"),
            ticket(3, subject="Related incident"),
            ticket(4, customer_uid=uid, status="closed"),
        ]
    )
    built, commands = build_view(qtbot, store, ME)
    commands.agent_list = [
        ME,
        AgentOut(id=9, username="bob", display_name="Bob Chen", role=Role.AGENT),
    ]
    return built


def test_thread_shows_files_and_merged_messages(qtbot, view, store, tmp_path: Path):
    from PySide6.QtGui import QImage

    view._commands.previews[11] = QImage.fromData(png_bytes(640, 400))
    store.upsert_messages(
        [
            message(
                1,
                1,
                MessageKind.CUSTOMER,
                "see screenshot",
                attachments=[
                    _attachment(11, "screen.png", "image/png"),
                    _attachment(12, "statement.pdf", "application/pdf", 3 * 1024 * 1024),
                ],
            ),
            message(2, 1, MessageKind.NOTE, "moved", merged_from_id=77),
        ]
    )
    view.show_ticket(1)
    image_chip, pdf_chip = view.conversation.bubbles[0].attachments.chips
    assert image_chip.has_preview()
    assert image_chip.thumbnail.pixmap().size().toTuple() == (160, 100)  # aspect kept
    assert not pdf_chip.image and pdf_chip.thumbnail.isHidden()
    assert pdf_chip.name.text() == "statement.pdf" and pdf_chip.size.text() == "3 MB"
    note = view.conversation.bubbles[1]
    assert note.merged_from.text() == "from #77" and not note.merged_from.isHidden()
    assert note.kind_tag.text() == "Internal note"

    target = tmp_path / "saved.pdf"
    asked: list[str] = []
    view.choose_save_path = lambda name: asked.append(name) or target
    pdf_chip.save_button.click()
    assert asked == ["statement.pdf"]
    assert view._commands.named("download_attachment") == [(12, target)]
    view.choose_save_path = lambda name: None  # cancelled: nothing is downloaded
    image_chip.save_button.click()
    assert len(view._commands.named("download_attachment")) == 1


def test_previews_are_decoded_from_bytes_and_scaled(tmp_path: Path):
    image = tmp_path / "a.bin"
    image.write_bytes(png_bytes(1000, 500))
    decoded = decode_preview(image, 160)
    assert decoded is not None and decoded.size().toTuple() == (160, 80)
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"<svg onload=alert(1)>")
    assert decode_preview(fake, 160) is None


def test_properties_go_through_update_ticket(qtbot, view):
    view.show_ticket(1)
    header = view.header
    assert header.suggestion.text() == "Suggested: Urgent"
    assert "被盗" in header.suggestion.toolTip()
    assert [header.assignee_box.itemText(i) for i in range(header.assignee_box.count())] == [
        "Unassigned",
        "Me",
        "Bob Chen",
    ]
    header.category_box.activated.emit(header.category_box.findData("kyc"))
    header.group_box.activated.emit(header.group_box.findData("security"))
    header.assignee_box.activated.emit(header.assignee_box.findData(9))
    header.assignee_box.activated.emit(0)
    header.priority_box.activated.emit(header.priority_box.findData("urgent"))
    header.tags_edit.setText("Withdrawal, vip ,withdrawal")
    header.tags_edit.editingFinished.emit()
    assert view._commands.named("update_ticket") == [
        (1, {"category": "kyc"}),
        (1, {"group": "security"}),
        (1, {"assignee_id": 9}),
        (1, {"assignee_id": None}),
        (1, {"priority": "urgent"}),
        (1, {"tags": ["withdrawal", "vip"]}),
    ]


def test_presence_is_shown_and_reported(qtbot, view):
    commands = view._commands
    expires = datetime.now(UTC) + timedelta(seconds=30)
    commands.presence_entries[1] = [
        PresenceOut(ticket_id=1, agent_id=9, agent_name="Bob", state="viewing", expires_at=expires),
        PresenceOut(ticket_id=1, agent_id=8, agent_name="Cai", state="typing", expires_at=expires),
    ]
    view.show_ticket(1)
    assert view.presence_bar.text.text() == "● Cai is typing… · Bob is viewing"
    assert not view.presence_bar.isHidden()
    assert commands.named("set_presence") == [(1, "viewing")]
    qtbot.keyClicks(view.reply_box.editor, "abc")  # three keys, one "typing"
    assert commands.named("set_presence") == [(1, "viewing"), (1, "typing")]
    commands.presence_entries[1] = []
    view.on_presence_changed(1)
    assert view.presence_bar.isHidden()
    view.show_ticket(2)
    assert commands.named("set_presence")[-2:] == [(1, "left"), (2, "viewing")]
    view.leave()
    assert commands.named("set_presence")[-1] == (2, "left")


def test_escalations(qtbot, view, store):
    view.show_ticket(1)
    panel = view.escalations
    assert view._commands.named("fetch_escalations") == [(1,)]
    assert view.side.tabText(1) == "Escalations"
    panel.note_edit.setPlainText("  Is this address sanctioned?  ")
    panel.department_box.setCurrentIndex(panel.department_box.findData("compliance"))
    panel.escalate_button.click()
    assert view._commands.named("escalate") == [(1, "compliance", "Is this address sanctioned?")]
    assert panel.note_edit.toPlainText() == ""
    store.upsert_escalations(
        [_escalation(1, "closed"), _escalation(2, "answered", "Address is clean <b>ok</b>")]
    )
    qtbot.waitUntil(lambda: len(panel.cards) == 2, timeout=2000)
    answered, closed = panel.cards
    assert answered.status.text() == "Answered"
    assert answered.answer.toPlainText() == "Address is clean <b>ok</b>"
    assert answered.answer_caption.text() == "Answer from Risk desk"
    assert closed.close_button.isHidden() and closed.answer.isHidden()
    assert view.side.tabText(1) == "Escalations (1)"
    answered.close_button.click()
    assert view._commands.named("close_escalation") == [(2, 1)]


def test_related_tickets_link_unlink_merge_and_open(qtbot, view):
    view.show_ticket(1)
    related = view.related
    assert view.side.tabText(2) == "Related (1)"
    assert len(related.link_rows) == 1
    # Only the customer's other open tickets can be merged into.
    targets = [related.merge_box.itemData(i) for i in range(related.merge_box.count())]
    assert targets == [2]
    related.link_edit.setText("#5")
    related.link_button.click()
    related.unlink_requested.emit(3)
    assert view._commands.named("link") == [(1, 5)]
    assert view._commands.named("unlink") == [(1, 3)]
    related.merge_button.click()
    box = related.confirm
    assert box is not None and "Merge #1 into #2?" in box.text()
    merge_button = next(b for b in box.buttons() if b.text() == "Merge")
    with qtbot.waitSignal(view.ticket_opened) as opened:
        merge_button.click()
    assert view._commands.named("merge") == [(1, 2)]
    assert opened.args == [2] and view.ticket_id() == 2


def test_linked_and_past_tickets_open_in_the_workspace(qtbot, view, store):
    uid = ticket(1).customer_uid
    detail = customer(uid)
    detail.past_tickets = [
        PastTicketOut(
            id=1, subject="this one", status="open", channel="email", created_at=BASE_TIME
        ),
        PastTicketOut(
            id=4, subject="A&B <i>old</i>", status="closed", channel="x", created_at=BASE_TIME
        ),
    ]
    store.upsert_customer(detail)
    view.show_ticket(1)
    panel = view.customer_panel
    assert panel.frozen_banner is not None and "frozen" in panel.frozen_banner.text()
    [past] = panel.past_rows  # the open ticket itself is left out
    assert past.title.text() == "#4 · A&B <i>old</i>"
    with qtbot.waitSignal(view.ticket_opened) as opened:
        qtbot.mouseClick(past, Qt.MouseButton.LeftButton)
    assert opened.args == [4] and view.ticket_id() == 4
    view.show_ticket(1)
    with qtbot.waitSignal(view.ticket_opened) as opened:
        qtbot.mouseClick(
            view.related.link_rows[0].findChild(ClickableRow), Qt.MouseButton.LeftButton
        )
    assert opened.args == [3]
