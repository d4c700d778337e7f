"""Every event type reaches the store the way the contract says."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from store_factories import T0, event, message, ticket

from console.api.schemas import EscalationOut, MacroOut
from console.store import Change, Store


def _escalation(esc_id: int, ticket_id: int, **overrides: Any) -> EscalationOut:
    data: dict[str, Any] = {
        "id": esc_id,
        "ticket_id": ticket_id,
        "department": "security",
        "status": "open",
        "note": "please check the login",
        "created_by_id": 1,
        "created_by_name": "Alice",
        "created_at": T0,
        "updated_at": T0,
    }
    data.update(overrides)
    return EscalationOut.model_validate(data)


def test_ticket_merged_moves_the_listed_messages(store: Store) -> None:
    store.apply_events([event(1, ticket(1)), event(2, ticket(2))])
    store.upsert_messages([message(10, 1), message(11, 1, kind="note"), message(20, 2)])
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    source = ticket(1, status="closed", merged_into_id=2, version=2)
    target = ticket(2, message_count=3, version=2)
    payload = {
        "source": source.model_dump(mode="json"),
        "target": target.model_dump(mode="json"),
        "moved_message_ids": [10, 11],
    }
    store.apply_events([event(3, payload, "ticket.merged")])
    assert store.messages(1) == []
    moved = store.messages(2)
    assert [(m.id, m.merged_from_id) for m in moved] == [(10, 1), (11, 1), (20, None)]
    assert store.ticket(1) == source and store.ticket(2) == target
    assert Change("messages", (1, 2)) in seen and Change("tickets", (1, 2)) in seen


def test_escalation_events_keep_the_newest(store: Store) -> None:
    created = _escalation(5, 1)
    answered = _escalation(
        5, 1, status="answered", answer="device is known", updated_at=T0 + timedelta(minutes=3)
    )
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    store.apply_events(
        [
            event(1, created.model_dump(mode="json"), "escalation.created"),
            event(2, answered.model_dump(mode="json"), "escalation.updated"),
        ]
    )
    assert store.escalations(1) == [answered]
    store.upsert_escalations([created])  # an older copy (a slow GET) does not win
    assert store.escalations(1) == [answered] and store.escalation(5) == answered
    assert Change("escalations", (1,)) in seen


def test_sla_breach_publishes_and_presence_is_not_stored(store: Store) -> None:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    breach = {
        "ticket_id": 4,
        "target": "first_response",
        "due_at": T0.isoformat(),
        "priority": "urgent",
        "assignee_id": 3,
    }
    presence = {
        "ticket_id": 4,
        "agent_id": 2,
        "agent_name": "Bob",
        "state": "viewing",
        "expires_at": T0.isoformat(),
    }
    store.apply_events([event(1, breach, "sla.breached"), event(2, presence, "presence.changed")])
    assert seen == [Change("sla", (4,))]
    assert store.event_cursor() == 2


def test_local_message_with_files_and_macros(store: Store, tmp_path: Any) -> None:
    files = [str(tmp_path / "a.png")]
    item = store.queue_message(3, "reply", "see attached", "cid-1", "Alice", "key-1", files)
    (local,) = store.messages(3)
    assert (local.local_files, local.attachments, store.outbox_item(item).payload["files"]) == (  # type: ignore[union-attr]
        files,
        [],
        files,
    )
    sent = message(
        8,
        3,
        kind="reply",
        body="see attached",
        client_id="cid-1",
        attachments=[
            {"id": 1, "filename": "a.png", "content_type": "image/png", "size": 3, "sha256": "x"}
        ],
    )
    store.mark_sending(item)
    store.mark_done(item, message=sent)
    (done,) = store.messages(3)
    assert done.local_files == [] and [a.filename for a in done.attachments] == ["a.png"]
    macro = MacroOut(id=1, name="Hello", bodies={"en": "Hi {customer_name}", "zh": "您好"})
    store.set_macros([macro])
    assert store.macros() == [macro]
    store.set_macros([])
    assert store.macros() == []
