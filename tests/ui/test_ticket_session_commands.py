"""ConsoleSession's ticket commands hand the right calls to the sync engine: macros rendered per
ticket (language, customer), send-and-set-status, and presence and notifications reaching Qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ui_factories import ME, customer, ticket

from console.api.schemas import MacroOut, PresenceOut
from console.sync.notifications import Notification, NotificationCenter
from console.sync.presence import PresenceBoard
from console.ui.session import ConsoleSession


class EngineCalls:
    """Records the engine methods the session calls; presence and notifications are the real
    sync classes, so the session is tested against what the engine really hands out."""

    def __init__(self, store) -> None:
        self.calls: list[tuple] = []
        self.presence = PresenceBoard(ME.id)
        self.notifications = NotificationCenter(store, ME.id)

    def send_message(self, ticket_id, kind, body, author_name, files=()):
        self.calls.append(("send_message", ticket_id, kind, body, author_name, tuple(files)))
        return "client-id"

    def update_ticket(self, ticket_id, update):
        self.calls.append(("update_ticket", ticket_id, update.model_dump(exclude_unset=True)))
        return 1

    def set_presence(self, ticket_id, state):
        self.calls.append(("set_presence", ticket_id, str(state)))

    async def fetch_presence(self, ticket_id):
        return self.presence.on(ticket_id)


@pytest.fixture
def session(qtbot, store):
    store.upsert_tickets(
        [
            ticket(1, language="zh", customer_name="李雷", tags=["vip"]),
            ticket(2, language="en", customer_name=""),
            ticket(3, language="ko", customer_name="{uid}"),
        ]
    )
    store.upsert_customer(customer(ticket(2).customer_uid))
    store.set_macros(
        [
            MacroOut(
                id=1,
                name="Solved",
                bodies={
                    "en": "Hi {customer_name} ({uid}), #{ticket_id} — {agent_name}",
                    "zh": "{customer_name} 您好 #{ticket_id}",
                },
                set_status="solved",
                add_tags=["vip", "macro"],
            )
        ]
    )
    built = ConsoleSession(store, ME)
    qtbot.addWidget(built.window)
    built.sync = EngineCalls(store)  # what attach() does, without starting the network
    built._subscribe(built.sync)
    yield built
    built.bridge.close()


def test_apply_macro_renders_for_each_ticket_and_applies_status_and_tags(session):
    assert session.apply_macro([1, 2, 3, 404], 1) == 3
    calls = session.sync.calls
    assert calls == [
        ("send_message", 1, "reply", "李雷 您好 #1", ME.display_name, ()),
        ("update_ticket", 1, {"status": "solved", "tags": ["vip", "macro"]}),
        ("send_message", 2, "reply", "Hi Li Lei (U10000002), #2 — Alice Wang", ME.display_name, ()),
        ("update_ticket", 2, {"status": "solved", "tags": ["vip", "macro"]}),
        ("send_message", 3, "reply", "Hi {uid} (U10000003), #3 — Alice Wang", ME.display_name, ()),
        ("update_ticket", 3, {"status": "solved", "tags": ["vip", "macro"]}),
    ]
    with pytest.raises(LookupError):
        session.apply_macro([1], 99)


def test_send_and_set_status_queues_the_reply_then_the_status(session):
    files = (Path("/tmp/a.png"),)
    session.send_and_set_status(2, "Done", "pending", files)
    assert session.sync.calls == [
        ("send_message", 2, "reply", "Done", ME.display_name, files),
        ("update_ticket", 2, {"status": "pending"}),
    ]


def test_presence_changes_reach_the_open_ticket(qtbot, session):
    view = session.window.ticket_view
    view.show_ticket(1)
    assert ("set_presence", 1, "viewing") in session.sync.calls
    entry = PresenceOut(
        ticket_id=1,
        agent_id=9,
        agent_name="Bob",
        state="typing",
        expires_at=datetime.now(UTC) + timedelta(seconds=30),
    )
    with qtbot.waitSignal(session.presence_changed) as changed:
        session.sync.presence.update(entry)
    assert changed.args == [1]
    assert view.presence_bar.text.text() == "● Bob is typing…"


def test_notifications_are_re_emitted_for_the_shell(qtbot, session):
    note = Notification("assigned", 1, "Ticket #1 assigned to you", "subject")
    with qtbot.waitSignal(session.notification) as got:
        session.sync.notifications._emit([note])
    assert got.args == [note]
