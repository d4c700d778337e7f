"""VIP desk alerts in the window: a toast and a tray message worded by kind with the client and
tier, in the agent's language, and the alert sound every time, also while the window has focus
(ticket notifications stay silent). A click opens the chat or ticket, or the client's page for an
alert about the client when something can show one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from ui_factories import ME, ticket

from console.store import Store
from console.sync.notifications import Notification
from console.ui.i18n import set_language
from console.ui.session import ConsoleSession


@pytest.fixture
def session(qtbot, store: Store) -> Iterator[ConsoleSession]:
    store.upsert_tickets([ticket(5)])
    built = ConsoleSession(store, ME, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    built.window.activateWindow()  # focused: VIP alerts still sound
    yield built
    built.bridge.close()


def _vip(kind: str, *, ticket_id: int = 0, conversation_id: int | None = None, body: str = ""):
    return Notification(
        kind,
        ticket_id,
        "王磊 <b>VIP</b>",
        body,
        conversation_id=conversation_id,
        client_uid="U100200",
        vip_tier=7,
    )


def test_each_kind_is_worded_with_client_and_tier_and_always_sounds(
    session: ConsoleSession,
) -> None:
    window = session.window
    for note in (
        _vip("vip_message", ticket_id=5, body="New message on ticket #5: Withdrawal"),
        _vip("vip_message", conversation_id=9, body="New chat #9 from 王磊"),
        _vip("vip_large_withdrawal", ticket_id=5, body="Withdrawal of 250,000 USDT"),
        _vip("vip_security_event", ticket_id=5, body="New device login"),
        _vip("vip_follow_up_due", ticket_id=5, body="Follow-up due: Call about the OTC block"),
    ):
        session.notification.emit(note)
    notifier = window.notifier
    assert notifier.sound.played == 5
    toasts = notifier.toasts.visible_toasts()
    assert len(toasts) == 4  # the stack keeps the newest four
    assert [(t.heading.text(), t.body.text()) for t in toasts] == [
        ("VIP 7 · The client wrote", "New message in chat #9. Answer before the target runs out."),
        (
            "VIP 7 · Large withdrawal to review",
            "A withdrawal of over $100,000 is pending review: the client may ask about it.",
        ),
        (
            "VIP 7 · Security event",
            "New device, password or 2FA change on the account: make sure it was the client.",
        ),
        ("VIP 7 · Follow-up due", "Your follow-up is due: Call about the OTC block"),
    ]
    assert {t.title.text() for t in toasts} == {"王磊 <b>VIP</b>"}  # the name as typed
    assert all(t.title.textFormat() == Qt.TextFormat.PlainText for t in toasts)
    if notifier.tray is not None:
        assert notifier.tray.shown[-1][0] == "VIP 7 · Follow-up due"
    # A plain ticket notification, for comparison, stays silent.
    notifier.notify(Notification("customer_reply", 5, "Subject", "text"))
    assert notifier.sound.played == 5


def test_vip_alerts_are_worded_in_the_agents_language(session: ConsoleSession) -> None:
    set_language("zh_CN")
    notifier = session.window.notifier
    notifier.notify(_vip("vip_follow_up_due", body="Follow-up due: 回电确认OTC报价"))
    toast = notifier.toasts.visible_toasts()[-1]
    assert toast.heading.text() == "VIP 7 · 跟进到期"
    assert toast.body.text() == "您的跟进已到期：回电确认OTC报价"


def test_a_click_opens_the_thread_or_the_clients_page(qtbot, session: ConsoleSession) -> None:
    window = session.window
    notifier = window.notifier
    opened_chats: list[int] = []
    opened_tickets: list[int] = []
    notifier.open_chat.connect(opened_chats.append)
    notifier.open_ticket.connect(opened_tickets.append)
    notifier.notify(_vip("vip_message", conversation_id=9))
    qtbot.mouseClick(
        notifier.toasts.visible_toasts()[-1], Qt.MouseButton.LeftButton, pos=QPoint(10, 10)
    )
    assert opened_chats == [9]

    # Nothing shows client pages: the follow-up opens the client's ticket.
    notifier.notify(_vip("vip_follow_up_due", ticket_id=5, body="Follow-up due: call"))
    qtbot.mouseClick(
        notifier.toasts.visible_toasts()[-1], Qt.MouseButton.LeftButton, pos=QPoint(10, 10)
    )
    assert opened_tickets == [5]
    qtbot.waitUntil(lambda: window.ticket_view.ticket_id() == 5, timeout=3000)

    # Once something shows client pages, alerts about the client open theirs.
    clients: list[str] = []
    notifier.open_vip_client.connect(clients.append)
    assert notifier.opens_clients()
    notifier.notify(_vip("vip_security_event", ticket_id=5))
    qtbot.mouseClick(
        notifier.toasts.visible_toasts()[-1], Qt.MouseButton.LeftButton, pos=QPoint(10, 10)
    )
    assert clients == ["U100200"]

    # An alert with nothing to open only closes.
    notifier.notify(_vip("vip_message"))
    toast = notifier.toasts.visible_toasts()[-1]
    qtbot.mouseClick(toast, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert opened_tickets == [5] and clients == ["U100200"]


def test_a_managers_alert_about_a_client_opens_the_vip_desk_on_them(qtbot, store: Store) -> None:
    manager = ME.model_copy(update={"role": "vip_manager"})
    built = ConsoleSession(store, manager, demo=True, workspace_name="Demo")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitExposed(built.window)
    try:
        window = built.window
        notifier = window.notifier
        assert notifier.opens_clients()  # the VIP desk can show the client's page
        notifier.notify(_vip("vip_large_withdrawal", body="Large withdrawal held for review"))
        qtbot.mouseClick(
            notifier.toasts.visible_toasts()[-1], Qt.MouseButton.LeftButton, pos=QPoint(10, 10)
        )
        assert window.current_page() == "vip"
        desk = window.role_pages["vip"]
        assert desk.currentWidget() is desk.client_page
    finally:
        built.bridge.close()
