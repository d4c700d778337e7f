"""A VIP client's page: the cached copy at once, the profile with contact hours judged now, open
items counting down (a click opens one), the timeline, and the manager's own records, whose
editors keep what was typed until the server confirms it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from vip_fakes import MEI, NOW, TOM_ID, FakeVip, client_page, contact, follow_up, note

from console.api.schemas_vip import ContactLogCreate, FollowUpCreate
from console.ui.change_bridge import ChangeBatch
from console.ui.vip.client_page import ClientPage

UID = "U1000042"
OFFLINE = "You are offline: nothing was saved. Try again when the connection is back."


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def vip() -> FakeVip:
    fake = FakeVip()
    fake.pages[UID] = client_page(UID, display_name="林小姐")
    return fake


@pytest.fixture
def page(qtbot, vip, clock) -> ClientPage:
    built = ClientPage(vip, MEI, clock, agent_names=lambda: {TOM_ID: "Tom Chen"})
    qtbot.addWidget(built)
    built.resize(1360, 900)
    built.show()
    qtbot.waitExposed(built)
    built.show_client(UID)
    return built


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_cached_copy_at_once_then_the_servers(qtbot, page, vip, clock) -> None:
    assert vip.named("load_client") == [(UID,)]
    assert page.name.text() == "林小姐"
    assert page.subtitle.text() == f"{UID} · VIP 5"
    values = page.profile.values
    assert values["manager"].text() == "Mei Lin (backup: Tom Chen)"
    assert values["tier"].text() == "VIP 5 · first answer within 15 min"
    assert values["volume"].text() == "$2,500,000"
    assert values["email"].text() == "li***@example.com"
    # 10:00 UTC is 18:00 in Shanghai: the end of the client's hours.
    assert values["hours"].text() == "09:00-18:00 Asia/Shanghai · now outside (18:00 there)"
    clock.now = NOW - timedelta(hours=8)
    page.tick()
    assert values["hours"].text() == "09:00-18:00 Asia/Shanghai · now inside (10:00 there)"

    vip.answer(client_page(UID, display_name="林小姐", tier=7, account_status="frozen"), None)
    assert page.subtitle.text() == f"{UID} · VIP 7"
    assert values["account"].text() == "Frozen" and values["account"].property("alert")
    assert page.status.text() == ""


def test_a_failed_load_keeps_the_saved_copy_and_says_so(page, vip) -> None:
    vip.answer(None, OFFLINE)
    assert page.name.text() == "林小姐"
    assert page.status.text() == f"Not updated: {OFFLINE} showing the saved copy"


def test_open_items_count_down_and_open_on_click(qtbot, page, clock) -> None:
    items = page.items.list
    assert items.item(0).text() == ("Ticket #41 · Withdrawal stuck — Open — waiting, 05:00 left")
    assert items.item(1).text() == "Chat #7 · Futures margin — Active — answered"
    clock.now = NOW + timedelta(minutes=6)
    page.tick()
    assert items.item(0).text().endswith("waiting, overdue by 01:00")
    assert items.item(0).foreground().color().name() == "#b91c1c"

    with qtbot.waitSignal(page.open_ticket) as opened:
        rect = items.visualItemRect(items.item(0))
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [41]
    with qtbot.waitSignal(page.open_chat) as opened:
        rect = items.visualItemRect(items.item(1))
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [7]

    timeline = page.timeline.list
    assert timeline.item(0).text().endswith("· Ticket · Withdrawal stuck")
    assert timeline.item(1).text().endswith("· Withdrawal · 50 BTC")
    with qtbot.waitSignal(page.open_ticket) as opened:
        page.timeline.list.itemActivated.emit(timeline.item(0))
    assert opened.args == [41]


def test_a_refused_note_stays_in_the_editor_and_a_retry_reuses_the_key(qtbot, page, vip) -> None:
    notes = page.notes
    assert "only you can read" in notes.hint.text()
    notes.editor.setFocus()
    qtbot.keyClicks(notes.editor, "Prefers calls after 10am; ")
    notes.editor.insertPlainText("想了解OTC")  # as an input method commits it
    _click(qtbot, notes.send_button)
    [(uid, body, key)] = vip.named("add_note")
    assert (uid, body) == (UID, "Prefers calls after 10am; 想了解OTC")
    assert not notes.send_button.isEnabled()

    vip.pending.pop(0)  # the page load's answer is not the point here
    vip.answer(None, OFFLINE)
    assert notes.editor.toPlainText() == "Prefers calls after 10am; 想了解OTC"
    assert notes.error.isVisibleTo(page) and notes.error.text() == OFFLINE
    assert notes.send_button.isEnabled()

    _click(qtbot, notes.send_button)
    assert vip.named("add_note")[1][2] == key  # the same note: the same key
    saved = note(1, UID, "Prefers calls after 10am; 想了解OTC")
    vip.pages[UID] = client_page(UID, display_name="林小姐", notes=[saved])
    vip.answer(saved, None)
    assert notes.editor.toPlainText() == ""
    assert not notes.error.isVisibleTo(page)
    texts = [notes.entries.itemAt(i).widget().text() for i in range(notes.entries.count())]
    assert texts[0].endswith("· private\nPrefers calls after 10am; 想了解OTC")

    qtbot.keyClicks(notes.editor, "another")
    _click(qtbot, notes.send_button)
    assert vip.named("add_note")[2][2] != key  # a new note gets a new key


def test_follow_ups_are_added_listed_and_marked_done(qtbot, page, vip, clock) -> None:
    section = page.follow_ups
    vip.pending.pop(0)
    qtbot.keyClicks(section.title_edit, "Call about OTC desk")
    _click(qtbot, section.send_button)
    [(uid, made, _key)] = vip.named("add_follow_up")
    assert uid == UID and isinstance(made, FollowUpCreate)
    assert made.title == "Call about OTC desk" and made.due_at > NOW

    overdue = follow_up(1, UID, "Send fee schedule", NOW - timedelta(hours=2))
    later = follow_up(2, UID, "Call about OTC desk", NOW + timedelta(days=1))
    vip.pages[UID] = client_page(UID, follow_ups=[later, overdue])
    vip.answer(later, None)
    assert section.title_edit.text() == ""
    labels = [
        section.entries.itemAt(i).widget().findChild(type(page.status))
        for i in range(section.entries.count())
    ]
    assert labels[0].text().startswith("Overdue since ") and labels[0].property("alert")
    assert labels[1].text().startswith("Due ") and not labels[1].property("alert")

    _click(qtbot, section.done_buttons[1])
    assert vip.named("complete_follow_up") == [(UID, 1)]
    assert not section.done_buttons[1].isEnabled()
    vip.answer(None, OFFLINE)
    assert section.done_buttons[1].isEnabled() and section.error.text() == OFFLINE


def test_contacts_are_logged_with_kind_outcome_and_summary(qtbot, page, vip) -> None:
    section = page.contacts
    vip.pending.pop(0)
    _click(qtbot, section.send_button)
    assert vip.named("log_contact") == []  # an outcome is needed first
    assert section.error.text() == "Write the outcome of the contact."

    section.kind_box.setCurrentIndex(section.kind_box.findData("meeting"))
    qtbot.keyClicks(section.outcome_edit, "Lunch; wants OTC quotes")
    qtbot.keyClicks(section.summary_edit, "Asked for weekly reports.")
    _click(qtbot, section.send_button)
    [(_uid, logged, _key)] = vip.named("log_contact")
    assert logged == ContactLogCreate(
        kind="meeting", outcome="Lunch; wants OTC quotes", summary="Asked for weekly reports."
    )
    vip.pages[UID] = client_page(
        UID, contacts=[contact(1, UID, "Lunch; wants OTC quotes", "meeting")]
    )
    vip.answer(contact(1, UID, "Lunch; wants OTC quotes", "meeting"), None)
    assert section.outcome_edit.text() == "" and section.summary_edit.toPlainText() == ""
    first = section.entries.itemAt(0).widget().text()
    assert first.endswith("Meeting by Mei Lin: Lunch; wants OTC quotes")


def test_the_page_follows_the_cache(page, vip) -> None:
    vip.pages[UID] = client_page(UID, display_name="Ms Lin")
    batch = ChangeBatch()
    batch.add("vip_clients", ["U999"])
    page.on_changes(batch)
    assert page.name.text() == "林小姐"  # another client's page changed
    batch.add("vip_clients", [UID])
    page.on_changes(batch)
    assert page.name.text() == "Ms Lin"
    assert MEI.display_name in page.profile.values["manager"].text()


def test_a_supervisor_reads_the_page_but_writes_nothing(qtbot, vip, clock) -> None:
    from vip_fakes import SARA

    mine = follow_up(1, UID, "Call back", NOW + timedelta(hours=2))
    vip.pages[UID] = client_page(UID, follow_ups=[mine], contacts=[contact(1, UID, "Reached")])
    page = ClientPage(vip, SARA, clock)
    qtbot.addWidget(page)
    page.show()
    page.show_client(UID)
    for section in (page.notes, page.follow_ups, page.contacts):
        assert not section.form.isVisibleTo(page)
    assert page.notes.hint.text().startswith("Notes are private to each account manager")
    assert page.follow_ups.done_buttons == {}  # only its own manager marks it done
    assert page.contacts.entries.itemAt(0).widget().text().endswith("Call by Mei Lin: Reached")


def test_a_manager_marks_only_their_own_follow_ups_done(page, vip) -> None:
    theirs = follow_up(2, UID, "Backup's reminder", NOW + timedelta(hours=1))
    theirs = theirs.model_copy(update={"manager_id": TOM_ID})
    mine = follow_up(3, UID, "My reminder", NOW + timedelta(hours=2))
    vip.answer(client_page(UID, follow_ups=[theirs, mine]), None)
    assert set(page.follow_ups.done_buttons) == {3}


def test_alt_left_goes_back_to_the_portfolio(qtbot, page) -> None:
    page.notes.editor.setFocus()
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.keyClick(page.notes.editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)


def test_the_sessions_actions_say_why_nothing_was_saved(store) -> None:
    from console.api.errors import ApiError, ServerUnreachable
    from console.ui.vip.vip_actions import VipActions, failure_text

    assert failure_text(ServerUnreachable("refused")) == OFFLINE
    assert failure_text(ApiError(403, "forbidden", "managed by someone else")).startswith(
        "This client is not in your portfolio"
    )
    assert failure_text(ApiError(503, "unavailable", "busy")).startswith("The server had a problem")
    answers: list[tuple] = []
    actions = VipActions(store, MEI.id, lambda: None)  # not connected yet
    actions.add_note(UID, "text", "key", lambda result, error: answers.append((result, error)))
    assert answers == [(None, "Not connected yet. Please try again in a moment.")]
    assert actions.cached_portfolio() == [] and actions.cached_client(UID) is None
