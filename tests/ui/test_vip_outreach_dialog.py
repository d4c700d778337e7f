"""The outreach dialog: a text per language the chosen clients read, the fallback, a preview of
who gets what, problems shown before anything is sent, a failed send keeps the texts and the
same client_id (other content: a new one), and after sending the tracking view, which follows
replies live. Then the history of past outreach, and `open_outreach` from the portfolio."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from outreach_fakes import CLIENTS, FakeOutreachActions, outreach, recipient
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from console.core.vip import OutreachStatus
from console.store.vip import vip_cache
from console.ui.change_bridge import ChangeBatch
from console.ui.vip.outreach_dialog import OutreachDialog, open_outreach
from console.ui.vip.outreach_history import OutreachHistory
from console.ui.vip.outreach_tracking import Col

SUBJECT = "Maintenance on Saturday"
ZH = "周六 02:00–04:00（UTC）系统维护，期间暂停提现。"
EN = "Withdrawals pause on Saturday 02:00–04:00 UTC for maintenance."


@pytest.fixture
def actions() -> FakeOutreachActions:
    return FakeOutreachActions()


@pytest.fixture
def dialog(qtbot, actions) -> OutreachDialog:
    built = OutreachDialog(actions, CLIENTS)  # type: ignore[arg-type]
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built


def _write(qtbot, dialog: OutreachDialog, subject: str = SUBJECT, **texts: str) -> None:
    compose = dialog.compose
    compose.subject_edit.clear()
    qtbot.keyClicks(compose.subject_edit, subject)
    for language, text in texts.items():
        editor = compose.editors[language]
        editor.setPlainText(text)  # CJK arrives through the input method, not key presses


def _tabs(dialog: OutreachDialog) -> list[str]:
    tabs = dialog.compose.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_a_text_per_language_read_with_counts_and_a_preview_of_who_gets_what(dialog):
    compose = dialog.compose
    # zh-TW reads the Chinese text, as on the server.
    assert _tabs(dialog) == ["Chinese · 2", "English · 1", "Japanese · 1"]
    assert compose.audience.text() == "Recipients: 4 (Chinese: 2, English: 1, Japanese: 1)"
    assert compose.fallback_language() == "en"
    assert [compose.fallback_box.itemData(i) for i in range(3)] == ["zh", "en", "ja"]
    assert compose.gets_text("U1") == "Nothing yet: no text in their language"

    compose.editors["zh"].setPlainText(ZH)
    compose.editors["en"].setPlainText(EN)
    assert [compose.gets_text(c.uid) for c in CLIENTS] == [
        "Chinese text",
        "English text",
        "Chinese text",
        "English text (fallback)",
    ]
    compose.fallback_box.setCurrentIndex(compose.fallback_box.findData("zh"))
    assert compose.gets_text("U4") == "Chinese text (fallback)"
    assert "get the Chinese one" in compose.fallback_hint.text()
    # Customer names are shown as typed.
    assert compose.preview.item(1, 0).text() == "Alice <b>Smith</b>"


def test_problems_are_shown_before_anything_is_sent(qtbot, dialog, actions):
    compose = dialog.compose
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    shown = dialog.problems_shown()
    assert "Write a subject." in shown and "at least one language" in shown
    _write(qtbot, dialog, zh=ZH)
    compose.fallback_box.setCurrentIndex(compose.fallback_box.findData("en"))
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "2 clients would get nothing" in dialog.problems_shown()
    assert actions.named("send") == []


def test_a_failed_send_keeps_the_texts_and_its_client_id_until_they_change(qtbot, dialog, actions):
    _write(qtbot, dialog, zh=ZH, en=EN)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    [(request,)] = actions.named("send")
    assert request.subject == SUBJECT
    assert request.bodies == {"zh": ZH, "en": EN}
    assert request.fallback_language == "en"
    assert request.client_uids == ["U1", "U2", "U3", "U4"]
    # While it is on its way nothing can be changed, sent again or closed.
    assert dialog.send_button.text() == "Sending…" and not dialog.send_button.isEnabled()
    assert dialog.compose.editors["zh"].isReadOnly()
    dialog.reject()
    assert dialog.isVisible()

    actions.answer(None, "The server cannot be reached, so nothing was sent.")
    assert "Not sent: The server cannot be reached" in dialog.problems_shown()
    assert dialog.compose.editors["zh"].toPlainText() == ZH
    assert not dialog.compose.editors["zh"].isReadOnly()

    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    (retry,) = actions.named("send")[1]
    assert retry.client_id == request.client_id  # the server sends it once
    actions.answer(None, "again")

    dialog.compose.editors["en"].setPlainText(EN + " Thank you.")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    (changed,) = actions.named("send")[2]
    assert changed.client_id != request.client_id  # other content: another outreach


def test_after_sending_the_tracking_view_follows_replies(qtbot, dialog, actions):
    _write(qtbot, dialog, zh=ZH, en=EN)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    sent = outreach()
    with qtbot.waitSignal(dialog.sent):
        actions.answer(sent)
    assert dialog.pages.currentIndex() == 1
    assert dialog.done_text.text() == "Sent to 4 clients."
    tracking = dialog.tracking
    assert tracking.title.text() == SUBJECT
    assert tracking.summary.text() == ("4 clients · 4 delivered · 0 replied · 0 failed")
    assert tracking.cell_text("U1", Col.STATUS) == "Delivered"
    assert tracking.cell_text("U1", Col.TICKET) == "#100"
    assert tracking.cell_text("U1", Col.REPLIED) == "—"

    # The server's vip.outreach.updated: the client answered.
    replied = outreach(
        recipients=[
            recipient(CLIENTS[0], OutreachStatus.REPLIED, 100, replied_message=555),
            *sent.recipients[1:],
        ]
    )
    actions.updated.emit(replied)
    assert tracking.cell_text("U1", Col.STATUS) == "Replied"
    assert tracking.cell_text("U1", Col.REPLIED) != "—"
    row = tracking.recipient_row("U1")
    assert "message 555 on ticket #100" in tracking.table.item(row, Col.REPLIED).toolTip()
    assert "1 replied" in tracking.summary.text()
    # Another outreach's update changes nothing here.
    actions.updated.emit(outreach(9, recipients=[]))
    assert tracking.cell_text("U1", Col.STATUS) == "Replied"

    # A click on a ticket number asks the window to open it.
    with qtbot.waitSignal(dialog.ticket_requested) as opened:
        tracking._clicked(row, Col.TICKET)
    assert opened.args == [100]

    # Sending the same compose again asks the server with the same client_id: nothing new.
    dialog.send()
    (again,) = actions.named("send")[-1]
    assert again.client_id == actions.named("send")[0][0].client_id


def test_a_new_message_on_an_unanswered_outreach_ticket_reloads_the_outreach(qtbot, actions):
    from console.ui.vip.outreach_tracking import OutreachTracking

    tracking = OutreachTracking(actions)  # type: ignore[arg-type]
    qtbot.addWidget(tracking)
    tracking.set_outreach(outreach())
    batch = ChangeBatch()
    batch.add("messages", [999])
    tracking._on_changes(batch)
    assert actions.named("load") == []  # not one of its tickets
    batch.add("messages", [101])
    tracking._on_changes(batch)
    tracking._on_changes(batch)  # while loading: once more afterwards, not twice at once
    assert actions.named("load") == [(3,)]
    actions.answer(
        outreach(recipients=[recipient(CLIENTS[0], OutreachStatus.REPLIED, 100, replied_message=1)])
    )
    assert actions.named("load") == [(3,), (3,)]


def test_failed_recipients_are_counted_and_marked(qtbot, dialog, actions):
    _write(qtbot, dialog, zh=ZH, en=EN)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    sent = outreach(
        recipients=[
            recipient(CLIENTS[0]),
            recipient(CLIENTS[3], OutreachStatus.FAILED, language="ja"),
        ]
    )
    actions.answer(sent)
    assert dialog.done_text.text() == (
        "Sent to 1 clients. 1 could not be reached: no text in their language."
    )
    assert dialog.tracking.cell_text("U4", Col.STATUS) == "Failed"
    assert dialog.tracking.cell_text("U4", Col.TICKET) == "—"


def test_offline_the_send_button_waits_for_the_connection(qtbot):
    offline = FakeOutreachActions(online=False)
    built = OutreachDialog(offline, CLIENTS[:2])  # type: ignore[arg-type]
    qtbot.addWidget(built)
    assert not built.send_button.isEnabled()
    assert "Offline" in built.offline.text() and not built.offline.isHidden()
    offline.online = True
    batch = ChangeBatch()
    batch.add("connection", [])
    built._on_changes(batch)
    assert built.send_button.isEnabled() and built.offline.isHidden()


def test_the_history_lists_past_outreach_and_shows_the_chosen_one(qtbot, actions):
    history = OutreachHistory(actions)  # type: ignore[arg-type]
    qtbot.addWidget(history)
    history.refresh()
    assert actions.named("history") == [()]
    older = outreach(2, recipients=[recipient(CLIENTS[1], ticket_id=50)])
    newer = outreach(
        3, recipients=[recipient(CLIENTS[0], OutreachStatus.REPLIED, 60, replied_message=5)]
    )
    actions.answer([newer, older])
    assert history.list.count() == 2
    assert history.list.item(0).text().endswith("1 of 1 replied")
    assert history.tracking.outreach is not None and history.tracking.outreach.id == 3
    assert history.select(2)
    assert history.tracking.cell_text("U2", Col.TICKET) == "#50"
    # A new outreach (sent from a dialog meanwhile) goes on top; the chosen one stays.
    actions.updated.emit(outreach(4, recipients=[]))
    assert [history.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(3)] == [4, 3, 2]
    assert history.tracking.outreach.id == 2


def test_open_outreach_takes_the_clients_from_the_portfolio_cache(qtbot, store, me):
    vip_cache(store).replace_portfolio(me.id, CLIENTS[:2])
    window = QWidget()
    qtbot.addWidget(window)
    opened: list[int] = []
    window.open_ticket = opened.append  # type: ignore[attr-defined]
    context = SimpleNamespace(
        window=window,
        store=store,
        bridge=None,
        commands=SimpleNamespace(client=None, sync=None),
        me=me,
    )
    dialog = open_outreach(window, context, ["U2", "U1", "U9"])  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert [c.uid for c in dialog.compose.clients] == ["U2", "U1"]
    # U9 is not cached: the server is asked, which cannot be reached before sign-in completes.
    assert "cannot be reached" in dialog.problems_shown()
    assert not dialog.send_button.isEnabled()  # not connected
    dialog.ticket_requested.emit(100)
    assert opened == [100]
    assert open_outreach(window, context, []) is None
    dialog.close()


def test_the_actions_follow_the_engines_outreach_events_on_the_gui_thread(qtbot, store, me):
    import threading

    from console.api.schemas import EventOut
    from console.core.domain import EventType
    from console.sync.vip_outreach import OutreachSync
    from console.ui.vip.outreach_actions import outreach_actions

    window = QWidget()
    qtbot.addWidget(window)
    engine = SimpleNamespace(
        vip=SimpleNamespace(outreach=OutreachSync(lambda: None)), state="online"
    )
    context = SimpleNamespace(
        window=window,
        store=store,
        bridge=None,
        commands=SimpleNamespace(client=None, sync=engine),
        me=me,
    )
    actions = outreach_actions(context)  # type: ignore[arg-type]
    assert actions is outreach_actions(context)  # type: ignore[arg-type]  # one per window
    assert actions.sync is engine.vip.outreach and actions.is_online()
    replied = outreach(
        recipients=[recipient(CLIENTS[0], OutreachStatus.REPLIED, 100, replied_message=7)]
    )
    event = EventOut(
        id=1,
        type=EventType.VIP_OUTREACH_UPDATED,
        payload=replied.model_dump(mode="json"),
        created_at=replied.created_at,
    )
    with qtbot.waitSignal(actions.updated) as got:
        # The feed's worker thread, as the engine would call it.
        threading.Thread(target=engine.vip.outreach.observe, args=([event],)).start()
    assert got.args[0].recipients[0].reply_message_id == 7
