"""The composer in the ticket workspace: files checked before queueing, macros rendered for the
ticket, send and set status, and the stale-reply guard that never loses the agent's text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ticket_commands import build_view, png_bytes
from ui_factories import ME, customer, message, ticket

from console.api.schemas import MAX_ATTACHMENT_BYTES, MacroOut
from console.core.domain import MessageKind
from console.ui.ticket.reply_box import draft_key


@pytest.fixture
def view(qtbot, store):
    store.upsert_tickets(
        [
            ticket(1, language="zh", customer_name="{agent_name} <b>李雷</b>"),
            ticket(2, language="ja", customer_name=""),
        ]
    )
    store.upsert_customer(customer(ticket(2).customer_uid))
    store.upsert_messages([message(1, 1, MessageKind.CUSTOMER, "我的提币还没到账")])
    store.set_macros(
        [
            MacroOut(
                id=5,
                name="Withdrawal & checking",
                bodies={
                    "en": "Hi {customer_name}, #{ticket_id} is with {agent_name}. {unknown}",
                    "zh": "{customer_name} 您好，工单 #{ticket_id}（UID {uid}）"
                    "由 {agent_name} 跟进。",
                },
                set_status="pending",
                add_tags=["withdrawal", "macro"],
            )
        ]
    )
    built, _ = build_view(qtbot, store, ME)
    built.show_ticket(1)
    return built


def _type(qtbot, view, text: str) -> None:
    qtbot.keyClicks(view.reply_box.editor, text)


def _now():
    """A message written after the agent opened the ticket."""
    return datetime.now(UTC)


def test_files_are_checked_before_they_are_queued(qtbot, view, tmp_path: Path):
    box = view.reply_box
    image = tmp_path / "screenshot.png"
    image.write_bytes(png_bytes())
    program = tmp_path / "wallet-fix.exe"
    program.write_bytes(b"MZ")
    huge = tmp_path / "statement.pdf"
    with huge.open("wb") as f:
        f.truncate(MAX_ATTACHMENT_BYTES + 1)
    refused = box.add_files([image, program, huge])
    assert box.files() == [image]
    assert len(refused) == 2
    assert "wallet-fix.exe" in refused[0] and "cannot be attached" in refused[0]
    assert "statement.pdf is 10 MB" in refused[1]
    assert not box.file_error.isHidden()
    assert box.file_error.text() == "\n".join(refused)
    assert not box.files_row.isHidden()

    _type(qtbot, view, "see attached")
    box.send_button.click()
    [call] = view._commands.named("send_message")
    assert call == (1, "reply", "see attached", (image,))
    assert box.files() == [] and box.files_row.isHidden()


def test_macro_renders_in_the_ticket_language_and_applies_status_and_tags(qtbot, view):
    view.reply_box.macro_chosen.emit(5)
    text = view.reply_box.text()
    # Braces and markup in the customer's name are inserted as written, never expanded.
    assert text == "{agent_name} <b>李雷</b> 您好，工单 #1（UID U10000001）由 Alice Wang 跟进。"
    assert "Pending" in view.notice.text() and "withdrawal, macro" in view.notice.text()
    qtbot.waitUntil(lambda: view._store.draft(draft_key(1)) == text, timeout=2000)
    view.reply_box.send_button.click()
    commands = view._commands
    assert commands.named("send_and_set_status") == [(1, text, "pending", ())]
    assert commands.named("update_ticket") == [(1, {"tags": ["withdrawal", "macro"]})]
    assert view.reply_box.text() == ""


def test_macro_uses_the_customer_record_and_falls_back_to_english(qtbot, view):
    view.show_ticket(2)
    view.reply_box.macro_chosen.emit(5)
    assert view.reply_box.text() == "Hi Li Lei, #2 is with Alice Wang. {unknown}"


def test_macro_menu_lists_the_stores_macros(qtbot, view):
    view.reply_box._fill_macro_menu()
    names = [a.text() for a in view.reply_box.macro_menu.actions()]
    assert names == ["Withdrawal && checking"]  # '&' shown as written, not a shortcut


def test_send_and_set_solved(qtbot, view):
    box = view.reply_box
    _type(qtbot, view, "All done")
    assert box.send_menu_button.isEnabled()
    box.send_actions["solved"].trigger()
    assert view._commands.named("send_and_set_status") == [(1, "All done", "solved", ())]
    box.note_button.click()
    assert box.send_menu_button.isHidden()


def test_stale_reply_guard_review_first_keeps_the_text(qtbot, view, store):
    _type(qtbot, view, "Your withdrawal is on its way")
    store.upsert_messages(
        [message(2, 1, MessageKind.CUSTOMER, "never mind, it arrived", created_at=_now())]
    )
    store.upsert_messages(
        [
            message(
                3,
                1,
                MessageKind.NOTE,
                "checked",
                author_name="Bob Chen",
                author_agent_id=9,
                created_at=_now(),
            )
        ]
    )
    store.upsert_tickets([ticket(1, language="zh", status="pending", version=2)])
    view.reply_box.send_button.click()
    dialog = view.composer.stale_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.changes == [
        "The customer wrote a new message.",
        "Bob Chen added an internal note.",
        "The status changed from Open to Pending.",
    ]
    assert view._commands.named("send_message") == []
    dialog.review_button.click()
    assert view.composer.stale_dialog is None
    assert view.reply_box.text() == "Your withdrawal is on its way"
    assert store.draft(draft_key(1)) == "Your withdrawal is on its way"
    # Reviewed: the next send goes out without asking again.
    view.reply_box.send_button.click()
    assert view.composer.stale_dialog is None
    assert view._commands.named("send_message") == [
        (1, "reply", "Your withdrawal is on its way", ())
    ]


def test_stale_reply_guard_send_anyway(qtbot, view, store):
    _type(qtbot, view, "Checking now")
    store.upsert_messages(
        [message(4, 1, MessageKind.REPLY, "Hi", author_name="Bob Chen", created_at=_now())]
    )
    view.reply_box.send_button.click()
    dialog = view.composer.stale_dialog
    assert dialog.changes == ["Bob Chen replied to the customer."]
    dialog.send_button.click()
    assert view._commands.named("send_message") == [(1, "reply", "Checking now", ())]
    assert view.reply_box.text() == ""


def test_own_messages_and_notes_do_not_trigger_the_guard(qtbot, view, store):
    store.upsert_messages(
        [message(5, 1, MessageKind.REPLY, "mine", author_name=ME.display_name, created_at=_now())]
    )
    _type(qtbot, view, "internal")
    view.reply_box.note_button.click()
    store.upsert_messages([message(6, 1, MessageKind.CUSTOMER, "new", created_at=_now())])
    view.reply_box.send_button.click()  # a note: colleagues only, no question asked
    assert view.composer.stale_dialog is None
    assert view._commands.named("send_message") == [(1, "note", "internal", ())]


def test_data_from_the_opening_refresh_counts_as_seen(qtbot, view, store):
    store.upsert_messages([message(7, 1, MessageKind.CUSTOMER, "arrived with the refresh")])
    for done in view._commands.refresh_done:
        done()
    _type(qtbot, view, "hello")
    view.reply_box.send_button.click()
    assert view.composer.stale_dialog is None
    assert len(view._commands.named("send_message")) == 1


def test_a_new_ticket_opened_by_my_own_reply_is_not_news(qtbot, view, store):
    store.upsert_tickets([ticket(2, language="ja", status="new", version=2)])
    view.show_ticket(2)
    _type(qtbot, view, "first answer")
    view.reply_box.send_button.click()
    assert view.composer.stale_dialog is None
    # The server confirms the reply and, as it does for a first answer, opens the ticket.
    store.upsert_messages(
        [message(8, 2, MessageKind.REPLY, "first answer", author_name=ME.display_name)]
    )
    store.upsert_tickets([ticket(2, language="ja", status="open", version=3)])
    _type(qtbot, view, "second answer")
    view.reply_box.send_button.click()
    assert view.composer.stale_dialog is None
    assert len(view._commands.named("send_message")) == 2


def test_my_reply_explains_the_opening_even_when_a_late_refresh_saw_it_first(qtbot, view, store):
    """The opening refresh may finish after my first reply is confirmed but before the server's
    status change arrives: the snapshot then holds my reply and "new", and "open" follows."""
    store.upsert_tickets([ticket(2, language="ja", status="new", version=2)])
    view.show_ticket(2)
    _type(qtbot, view, "first answer")
    view.reply_box.send_button.click()
    store.upsert_messages(
        [message(8, 2, MessageKind.REPLY, "first answer", author_name=ME.display_name)]
    )
    for done in view._commands.refresh_done:
        done()
    store.upsert_tickets([ticket(2, language="ja", status="open", version=3)])
    _type(qtbot, view, "second answer")
    view.reply_box.send_button.click()
    assert view.composer.stale_dialog is None
    assert len(view._commands.named("send_message")) == 2


def test_a_new_ticket_opened_by_someone_else_is_news(qtbot, view, store):
    store.upsert_tickets([ticket(2, language="ja", status="new", version=2)])
    view.show_ticket(2)
    store.upsert_messages(
        [message(9, 2, MessageKind.REPLY, "Hi", author_name="Bob Chen", created_at=_now())]
    )
    store.upsert_tickets([ticket(2, language="ja", status="open", version=3)])
    _type(qtbot, view, "Checking now")
    view.reply_box.send_button.click()
    dialog = view.composer.stale_dialog
    assert dialog is not None
    assert dialog.changes == [
        "Bob Chen replied to the customer.",
        "The status changed from New to Open.",
    ]
