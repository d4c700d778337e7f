from __future__ import annotations

import pytest
from store_factories import customer, event, message, ticket

from console.api.schemas import CustomerOut
from console.store import Store, TicketQuery, customers


def test_apply_events_upserts_and_moves_the_cursor(store: Store) -> None:
    assert store.event_cursor() is None
    store.apply_events(
        [
            event(11, ticket(1, version=1)),
            event(12, message(100, 1)),
            event(13, ticket(1, version=2, subject="new")),
        ]
    )
    assert store.event_cursor() == 13
    assert store.ticket(1).subject == "new"  # type: ignore[union-attr]
    assert [m.id for m in store.messages(1)] == [100]


def test_replayed_events_are_skipped(store: Store) -> None:
    store.set_event_cursor(20)
    store.apply_events([event(19, ticket(1)), event(20, message(100, 1))])
    assert store.ticket(1) is None and store.messages(1) == []
    assert store.event_cursor() == 20
    store.apply_events([event(20, ticket(2)), event(21, ticket(3))])
    assert store.ticket(2) is None and store.ticket(3) is not None
    assert store.event_cursor() == 21


def test_a_bad_payload_is_skipped_and_the_rest_applies(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    bad = event(2, {"id": "not-a-number", "subject": 5}, "ticket.updated")
    store.apply_events([event(1, ticket(1)), bad, event(3, ticket(3))])
    assert store.ticket(1) is not None and store.ticket(3) is not None
    assert store.event_cursor() == 3
    assert "skipping event 2" in caplog.text


def test_a_failing_batch_applies_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.apply_events([event(1, ticket(1))])

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(customers, "merge_summary", broken)
    summary = CustomerOut.model_validate(customer("U1").model_dump())
    with pytest.raises(OSError):
        store.apply_events(
            [
                event(2, ticket(2)),
                event(3, summary.model_dump(mode="json"), "customer.updated"),
            ]
        )
    assert store.ticket(2) is None
    assert store.event_cursor() == 1


def test_customer_event_keeps_cached_transfers(store: Store) -> None:
    detail = customer(
        "U1",
        vip_tier=1,
        security_events=[
            {
                "id": 1,
                "kind": "new_device",
                "detail": "iPhone",
                "created_at": "2026-03-01T00:00:00Z",
            }
        ],
    )
    store.upsert_customer(detail)
    updated = detail.model_dump(mode="json", exclude={"transfers", "security_events"})
    updated["account_status"] = "frozen"
    store.apply_events([event(1, updated, "customer.updated")])
    got = store.customer("U1")
    assert got is not None
    assert got.account_status == "frozen" and len(got.security_events) == 1
    store.apply_events([event(2, dict(updated, uid="U2"), "customer.updated")])
    assert store.customer("U2") is not None
    assert store.customer("U3") is None


def test_reset_cache_keeps_the_agents_own_work(store: Store) -> None:
    store.apply_events([event(1, ticket(1, subject="gone soon")), event(2, message(9, 1))])
    store.upsert_customer(customer("U1"))
    store.save_draft("ticket:1", "draft")
    item = store.queue_message(1, "reply", "pending", "cid-1", "Alice", "key-1")
    store.reset_cache()
    assert store.ticket(1) is None and store.customer("U1") is None
    assert store.event_cursor() is None
    assert store.count_tickets(TicketQuery("all", text="gone")) == 0
    assert [m.client_id for m in store.messages(1)] == ["cid-1"]
    assert store.draft("ticket:1") == "draft"
    assert [i.id for i in store.pending_outbox()] == [item]
    store.upsert_tickets([ticket(1, subject="back again")])
    assert store.count_tickets(TicketQuery("all", text="back")) == 1
