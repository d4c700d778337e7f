"""VIP desk alerts as notifications: each vip.alert kind becomes its own notification with the
client and tier, once, never from before the session; a plain customer-message notification for
a thread a VIP alert announced is not repeated. Then against the real server: a follow-up that
comes due reaches its manager's engine exactly once, and nobody else's."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from engine_harness import engine_running
from sync_fixtures import LoopbackServer, run, signed_in, wait_until

from console.api.schemas import EventOut, TicketOut
from console.api.schemas_vip import FollowUpCreate
from console.core.domain import EventType
from console.store import Store
from console.sync import Notification, NotificationCenter, NotificationKind

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
ME = 7


def _alert(event_id: int, kind: str, *, at: datetime = NOW, **fields: Any) -> EventOut:
    payload = {
        "kind": kind,
        "client_uid": "U100200",
        "client_name": "Wang Lei",
        "tier": 6,
        "title": "Follow-up due: Call about the OTC block",
        "created_at": at.isoformat(),
        **fields,
    }
    ticket_id = fields.get("ticket_id")
    return EventOut(
        id=event_id, type=EventType.VIP_ALERT, ticket_id=ticket_id, payload=payload, created_at=at
    )


def _ticket(ticket_id: int, *, status: str = "open", assignee: int | None = ME) -> TicketOut:
    return TicketOut.model_validate(
        {
            "id": ticket_id,
            "subject": "Withdrawal question",
            "status": status,
            "priority": "high",
            "channel": "in_app",
            "category": "deposit_withdrawal",
            "language": "zh",
            "customer_uid": "U100200",
            "assignee_id": assignee,
            "created_at": (NOW - timedelta(days=1)).isoformat(),
            "updated_at": (NOW - timedelta(hours=1)).isoformat(),
            "version": 1,
        }
    )


def _customer_message(event_id: int, ticket_id: int) -> EventOut:
    payload = {
        "id": 9000 + event_id,
        "ticket_id": ticket_id,
        "kind": "customer",
        "author_name": "Wang Lei",
        "body": "Any news on my withdrawal?",
        "created_at": NOW.isoformat(),
    }
    return EventOut(
        id=event_id,
        type=EventType.MESSAGE_CREATED,
        ticket_id=ticket_id,
        payload=payload,
        created_at=NOW,
    )


def _center(store: Store) -> NotificationCenter:
    return NotificationCenter(store, ME, NOW - timedelta(minutes=5))


def test_each_alert_kind_becomes_its_notification_with_client_and_tier(store: Store) -> None:
    store.upsert_tickets([_ticket(41, status="solved"), _ticket(42)])
    center = _center(store)
    notes = center.derive(
        [
            _alert(1, "message", ticket_id=42, title="New message on ticket #42: Withdrawal"),
            _alert(2, "message", conversation_id=5, title="New chat #5 from Wang Lei"),
            _alert(3, "large_withdrawal", title="Withdrawal of 250,000 USDT pending review"),
            _alert(4, "security_event", title="New device login"),
            _alert(5, "follow_up_due", follow_up_id=3, due_at=NOW.isoformat()),
        ]
    )
    assert [(n.kind, n.ticket_id, n.conversation_id) for n in notes] == [
        (NotificationKind.VIP_MESSAGE, 42, None),
        (NotificationKind.VIP_MESSAGE, 0, 5),
        # About the client, not a thread: their open ticket, so a click lands somewhere.
        (NotificationKind.VIP_LARGE_WITHDRAWAL, 42, None),
        (NotificationKind.VIP_SECURITY_EVENT, 42, None),
        (NotificationKind.VIP_FOLLOW_UP_DUE, 42, None),
    ]
    assert {(n.title, n.client_uid, n.vip_tier) for n in notes} == {("Wang Lei", "U100200", 6)}
    assert notes[-1].body == "Follow-up due: Call about the OTC block"


def test_an_alert_is_notified_once_and_never_from_before_the_session(store: Store) -> None:
    center = _center(store)
    got: list[Notification] = []
    center.subscribe(got.append)
    old = _alert(1, "follow_up_due", at=NOW - timedelta(hours=2))
    fresh = _alert(2, "follow_up_due")
    center.observe([old, fresh])
    center.observe([fresh])  # the same batch again (replayed after a failed apply)
    assert [n.kind for n in got] == [NotificationKind.VIP_FOLLOW_UP_DUE]
    assert got[0].ticket_id == 0  # no ticket of the client cached: nothing to open but the alert


def test_an_unknown_alert_kind_from_a_newer_server_is_skipped(store: Store) -> None:
    center = _center(store)
    assert center.derive([_alert(1, "liquidation_call")]) == []


def test_a_customer_message_announced_by_a_vip_alert_is_not_repeated(store: Store) -> None:
    store.upsert_tickets([_ticket(42), _ticket(43)])
    center = _center(store)
    # The server writes the message and the alert in one transaction: one batch.
    notes = center.derive(
        [_customer_message(10, 42), _alert(11, "message", ticket_id=42), _customer_message(12, 43)]
    )
    assert [(n.kind, n.ticket_id) for n in notes] == [
        (NotificationKind.VIP_MESSAGE, 42),
        (NotificationKind.CUSTOMER_REPLY, 43),  # no VIP alert for that one
    ]
    # A later message on the announced ticket, within the quiet minute, stays quiet too.
    later = _customer_message(13, 42)
    assert center.derive([later]) == []
    much_later = _customer_message(14, 42).model_copy(
        update={"created_at": NOW + timedelta(minutes=5)}
    )
    assert [n.kind for n in center.derive([much_later])] == [NotificationKind.CUSTOMER_REPLY]


# --- against the real server ------------------------------------------------------------------


def test_a_follow_up_coming_due_alerts_its_manager_once(
    server: LoopbackServer, store: Store, tmp_path: Path
) -> None:
    other_store = Store.open(tmp_path / "alice.sqlite3")

    async def scenario() -> None:
        mei = await signed_in(server.url, "mei")
        mei_me = await mei.me()
        alice = await signed_in(server.url, "alice")
        alice_me = await alice.me()
        to_mei: list[Notification] = []
        to_alice: list[Notification] = []
        async with (
            engine_running(server.url, store, signed_in_as=(mei, mei_me)) as manager,
            engine_running(server.url, other_store, signed_in_as=(alice, alice_me)) as agent,
        ):
            manager.engine.notifications.subscribe(to_mei.append)
            agent.engine.notifications.subscribe(to_alice.append)
            await manager.online()
            await agent.online()
            portfolio = await mei.vip_portfolio()
            client = next(c for c in portfolio if c.manager_id == mei_me.id)
            title = f"Call about the OTC block {uuid.uuid4().hex[:6]}"
            due = datetime.now(UTC) + timedelta(seconds=1.5)
            made = await mei.add_follow_up(
                client.uid, FollowUpCreate(due_at=due, title=title), uuid.uuid4().hex
            )

            def due_notes() -> list[Notification]:
                return [n for n in to_mei if n.kind == NotificationKind.VIP_FOLLOW_UP_DUE]

            await wait_until(lambda: due_notes(), 20, "follow-up due notification")
            await asyncio.sleep(3)  # the sweeper runs every second: it must not alert again
            [note] = due_notes()
            assert (note.client_uid, note.title, note.vip_tier) == (
                client.uid,
                client.display_name,
                client.tier,
            )
            assert note.body.endswith(title)
            assert made.client_uid == client.uid
            assert not [n for n in to_alice if n.kind.startswith("vip_")]

    try:
        run(scenario())
    finally:
        other_store.close()
