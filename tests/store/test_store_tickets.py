from __future__ import annotations

from datetime import timedelta

import pytest
from store_factories import T0, ticket

from console.store import Change, Store, TicketQuery


def test_upsert_keeps_the_higher_version(store: Store) -> None:
    store.upsert_tickets([ticket(1, subject="v2", version=2)])
    store.upsert_tickets([ticket(1, subject="v1", version=1)])
    got = store.ticket(1)
    assert got is not None and got.subject == "v2" and got.version == 2
    store.upsert_tickets([ticket(1, subject="v3", version=3)])
    assert store.ticket(1).subject == "v3"  # type: ignore[union-attr]
    # Within one batch the newest version wins whatever the order.
    store.upsert_tickets([ticket(2, subject="b", version=5), ticket(2, subject="a", version=4)])
    assert store.ticket(2).subject == "b"  # type: ignore[union-attr]


def test_round_trip_preserves_every_field(store: Store) -> None:
    original = ticket(
        7,
        subject="提币未到账 withdrawal",
        status="pending",
        priority="urgent",
        channel="in_app",
        category="kyc",
        language="zh",
        assignee_id=3,
        tags=["vip", "链上"],
        created_at=T0,
        updated_at=T0 + timedelta(microseconds=123457),
        version=9,
        message_count=4,
        last_message_preview="请帮忙",
    )
    store.upsert_tickets([original])
    assert store.ticket(7) == original
    assert store.ticket(8) is None


def test_upsert_publishes_only_written_ids(store: Store) -> None:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    store.upsert_tickets([ticket(1, version=2)])
    store.upsert_tickets([ticket(1, version=1), ticket(2)])
    assert seen == [Change("tickets", (1,)), Change("tickets", (2,))]


def _fill(store: Store) -> None:
    store.upsert_tickets(
        [
            ticket(1, status="new", assignee_id=None, channel="email", language="en"),
            ticket(2, status="open", assignee_id=5, channel="in_app", language="zh"),
            ticket(3, status="pending", assignee_id=6, channel="email", category="kyc"),
            ticket(4, status="solved", assignee_id=5, channel="email"),
            ticket(5, status="closed", assignee_id=None, channel="social"),
            ticket(6, status="on_hold", assignee_id=5, channel="email", language="zh"),
        ]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (TicketQuery("all"), [6, 5, 4, 3, 2, 1]),
        (TicketQuery("open"), [6, 3, 2, 1]),
        (TicketQuery("mine", me_id=5), [6, 2]),
        (TicketQuery("mine", me_id=None), []),
        (TicketQuery("unassigned"), [1]),
        (TicketQuery("open", channel="email"), [6, 3, 1]),
        (TicketQuery("all", channel="email", language="zh"), [6]),
        (TicketQuery("open", category="kyc"), [3]),
        (TicketQuery("all", text="#4"), [4]),
        (TicketQuery("open", text="#4"), []),
        (TicketQuery("all", text="U10000003"), [3]),
        (TicketQuery("all", text="ticket"), [6, 5, 4, 3, 2, 1]),
    ],
)
def test_views_and_filters(store: Store, query: TicketQuery, expected: list[int]) -> None:
    _fill(store)
    assert [t.id for t in store.query_tickets(query, 0, 100)] == expected
    assert store.count_tickets(query) == len(expected)


def test_unknown_view_is_an_error(store: Store) -> None:
    with pytest.raises(ValueError):
        store.query_tickets(TicketQuery("everything"), 0, 10)


def test_order_is_updated_at_then_id_descending_and_pages_do_not_overlap(store: Store) -> None:
    same_time = T0 + timedelta(hours=1)
    store.upsert_tickets([ticket(i, updated_at=same_time) for i in range(1, 11)])
    store.upsert_tickets([ticket(11, updated_at=T0)])
    first = store.query_tickets(TicketQuery("all"), 0, 4)
    second = store.query_tickets(TicketQuery("all"), 4, 4)
    rest = store.query_tickets(TicketQuery("all"), 8, 100)
    ids = [t.id for t in first + second + rest]
    assert ids == [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11]


def test_text_search_words_prefixes_cjk_and_case(store: Store) -> None:
    store.upsert_tickets(
        [
            ticket(1, subject="我的提币一直没有到账", language="zh"),
            ticket(2, subject="Withdrawal stuck", last_message_preview="TXID pending"),
            ticket(3, subject="提现问题", last_message_preview="Need help with 2FA reset"),
            ticket(4, subject="Café déjà vu", customer_uid="U77"),
        ]
    )

    def ids(text: str) -> list[int]:
        found = [t.id for t in store.query_tickets(TicketQuery("all", text=text), 0, 50)]
        assert store.count_tickets(TicketQuery("all", text=text)) == len(found)
        return found

    assert ids("提币") == [1]
    assert ids("到账") == [1]
    assert ids("提") == [3, 1]
    assert ids("币到") == []  # characters must be adjacent, in order
    assert ids("withdr") == [2]
    assert ids("WITHDRAWAL txid") == [2]
    assert ids("withdrawal 2fa") == []  # every word must match
    assert ids("2fa") == [3]
    assert ids("cafe") == [4]  # diacritics folded
    assert ids("u77") == [4]
    assert ids('"--') == [4, 3, 2, 1]  # nothing searchable: no text filter
    assert ids('with"draw') == []


def test_search_follows_subject_changes(store: Store) -> None:
    store.upsert_tickets([ticket(1, subject="alpha")])
    store.upsert_tickets([ticket(1, subject="beta", version=2)])
    assert store.count_tickets(TicketQuery("all", text="alpha")) == 0
    assert store.count_tickets(TicketQuery("all", text="beta")) == 1


def test_optimistic_ticket_update_survives_server_updates_until_done(store: Store) -> None:
    store.upsert_tickets([ticket(1, status="open", version=1)])
    item_id = store.queue_ticket_update(1, {"status": "solved", "assignee_id": None}, "key-1")
    assert store.ticket(1).status == "solved"  # type: ignore[union-attr]
    assert store.count_tickets(TicketQuery("open")) == 0
    # A customer message bumps the ticket on the server before our change arrived there.
    store.upsert_tickets([ticket(1, status="open", version=2, message_count=2, assignee_id=4)])
    local = store.ticket(1)
    assert local is not None
    assert (local.status, local.assignee_id, local.message_count) == ("solved", None, 2)
    store.mark_sending(item_id)
    store.mark_done(item_id, ticket=ticket(1, status="solved", version=3, assignee_id=None))
    store.upsert_tickets([ticket(1, status="open", version=4)])  # someone reopened it
    assert store.ticket(1).status == "open"  # type: ignore[union-attr]


def test_refused_optimistic_update_is_undone_by_refetch_of_same_version(store: Store) -> None:
    store.upsert_tickets([ticket(1, status="open", version=3)])
    item_id = store.queue_ticket_update(1, {"status": "closed"}, "key-1")
    store.mark_sending(item_id)
    store.mark_failed(item_id, "conflict")
    store.upsert_tickets([ticket(1, status="open", version=3)])
    assert store.ticket(1).status == "open"  # type: ignore[union-attr]
