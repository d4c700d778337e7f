"""The VIP desk on the sync engine, against a scripted client (no Qt, no server): fetching into
the cache, writes with the caller's key, event rows, and debounced refreshes on events about the
portfolio's clients."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import AgentOut, EventOut
from console.api.schemas_vip import (
    ContactLogCreate,
    ContactLogOut,
    FollowUpCreate,
    FollowUpOut,
    FollowUpUpdate,
    ManagerNoteOut,
    VipClientOut,
    VipClientSummary,
)
from console.core.domain import EventType, Role
from console.store import Change, Store
from console.store.vip import vip_cache
from console.sync import SyncEngine
from console.sync.vip import VipSync

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MEI = AgentOut(id=3, username="mei", display_name="Mei Lin", role=Role.VIP_MANAGER)
ALICE = AgentOut(id=7, username="alice", display_name="Alice", role=Role.AGENT)


def row(uid: str, **overrides: Any) -> VipClientSummary:
    data: dict[str, Any] = {
        "uid": uid,
        "display_name": f"Client {uid}",
        "tier": 6,
        "language": "en",
        "manager_id": MEI.id,
        "manager_name": MEI.display_name,
        "target_minutes": 10,
        "volume_30d_usd": Decimal(5_000_000),
        "asset_band": "1m-10m",
        "contact_hours": "09:00-18:00 Asia/Singapore",
        "products": ["spot"],
        "open_items": 0,
        "waiting_items": 0,
        "updated_at": T0,
    }
    data.update(overrides)
    return VipClientSummary.model_validate(data)


def page(uid: str, **overrides: Any) -> VipClientOut:
    data = row(uid).model_dump()
    data.update(
        email="a***@example.com",
        kyc_level=2,
        account_status="active",
        region="SG",
        items=[],
        timeline=[],
        notes=[],
        follow_ups=[],
        contacts=[],
    )
    data.update(overrides)
    return VipClientOut.model_validate(data)


def event(event_id: int, kind: EventType, payload: dict[str, Any], ticket_id: int | None = None):
    return EventOut(id=event_id, type=kind, ticket_id=ticket_id, payload=payload, created_at=T0)


class ScriptedClient:
    """The SupportClient's VIP methods, answering from what the test set."""

    def __init__(self) -> None:
        self.portfolio = [row("U1"), row("U2")]
        self.pages: dict[str, VipClientOut] = {"U1": page("U1")}
        self.calls: list[tuple[str, Any]] = []
        self.offline = False
        self.page_fails = False

    def _call(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))
        if self.offline:
            raise ServerUnreachable("connection refused")

    def named(self, name: str) -> list[Any]:
        return [args for call, args in self.calls if call == name]

    async def vip_portfolio(self, manager_id: int | None = None) -> list[VipClientSummary]:
        self._call("vip_portfolio", manager_id)
        return list(self.portfolio)

    async def vip_client(self, uid: str) -> VipClientOut:
        self._call("vip_client", uid)
        if self.page_fails:
            raise ApiError(503, "unavailable", "busy")
        return self.pages[uid]

    async def add_vip_note(self, uid: str, body: str, key: str) -> ManagerNoteOut:
        self._call("add_vip_note", uid, body, key)
        note = ManagerNoteOut(
            id=11, client_uid=uid, author_id=MEI.id, author_name="Mei Lin", body=body, created_at=T0
        )
        self.pages[uid] = self.pages[uid].model_copy(update={"notes": [note]})
        return note

    async def add_follow_up(self, uid: str, follow_up: FollowUpCreate, key: str) -> FollowUpOut:
        self._call("add_follow_up", uid, follow_up, key)
        return FollowUpOut(
            id=21,
            client_uid=uid,
            manager_id=MEI.id,
            title=follow_up.title,
            due_at=follow_up.due_at,
            created_at=T0,
        )

    async def update_follow_up(self, follow_up_id: int, change: FollowUpUpdate) -> FollowUpOut:
        self._call("update_follow_up", follow_up_id, change)
        return FollowUpOut(
            id=follow_up_id,
            client_uid="U1",
            manager_id=MEI.id,
            title="Call back",
            due_at=T0,
            done_at=T0,
            created_at=T0,
        )

    async def log_contact(self, uid: str, contact: ContactLogCreate, key: str) -> ContactLogOut:
        self._call("log_contact", uid, contact, key)
        return ContactLogOut(
            id=31,
            client_uid=uid,
            manager_id=MEI.id,
            manager_name="Mei Lin",
            kind=contact.kind,
            outcome=contact.outcome,
            summary=contact.summary,
            at=T0,
        )


@pytest.fixture
def client() -> ScriptedClient:
    return ScriptedClient()


def _vip(client: ScriptedClient, store: Store, me: AgentOut = MEI, **kw: Any) -> VipSync:
    return VipSync(client, store, me, **kw)  # type: ignore[arg-type]


def test_portfolio_fetched_into_the_cache_and_published(client, store: Store) -> None:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    vip = _vip(client, store)
    assert vip.cached_portfolio() == []

    rows = asyncio.run(vip.load_portfolio())
    assert [r.uid for r in rows] == ["U1", "U2"]
    assert vip.cached_portfolio() == rows
    assert Change("vip", ("U1", "U2")) in seen
    # A second VipSync on the same file (the next start) paints from the cache.
    assert [r.uid for r in _vip(client, store).cached_portfolio()] == ["U1", "U2"]


def test_writes_carry_the_callers_key_and_update_the_cached_page(client, store: Store) -> None:
    vip = _vip(client, store)

    async def scenario() -> None:
        await vip.load_portfolio()
        note = await vip.add_note("U1", "Prefers calls", "key-note")
        assert client.named("add_vip_note") == [("U1", "Prefers calls", "key-note")]
        cached = vip.cached_client("U1")
        assert cached is not None and cached.notes == [note]

        due = T0 + timedelta(days=1)
        await vip.add_follow_up("U1", FollowUpCreate(due_at=due, title="Call back"), "key-fu")
        assert client.named("add_follow_up")[0][2] == "key-fu"
        done = await vip.complete_follow_up("U1", 21)
        assert done.done_at is not None
        assert client.named("update_follow_up") == [(21, FollowUpUpdate(done=True))]
        contact = ContactLogCreate(kind="call", outcome="Reached")
        await vip.log_contact("U1", contact, "key-contact")
        assert client.named("log_contact") == [("U1", contact, "key-contact")]

    asyncio.run(scenario())


def test_a_write_shows_in_the_cached_page_when_the_page_cannot_be_fetched(
    client, store: Store
) -> None:
    vip = _vip(client, store)
    asyncio.run(vip.load_client("U1"))
    client.page_fails = True
    contact = ContactLogCreate(kind="meeting", outcome="Lunch, OTC interest")
    logged = asyncio.run(vip.log_contact("U1", contact, "k1"))
    cached = vip.cached_client("U1")
    assert cached is not None and cached.contacts == [logged]
    asyncio.run(vip.log_contact("U1", contact, "k1"))  # a retry with the same key
    cached = vip.cached_client("U1")
    assert cached is not None and cached.contacts == [logged]  # listed once


def test_offline_writes_raise_and_change_nothing(client, store: Store) -> None:
    vip = _vip(client, store)
    asyncio.run(vip.load_client("U1"))
    client.offline = True
    with pytest.raises(ServerUnreachable):
        asyncio.run(vip.add_note("U1", "kept in the editor", "k"))
    cached = vip.cached_client("U1")
    assert cached is not None and cached.notes == []


def test_client_updated_event_patches_the_row_without_a_fetch(client, store: Store) -> None:
    vip = _vip(client, store)
    asyncio.run(vip.load_portfolio())
    fetched = len(client.named("vip_portfolio"))
    changed = row("U2", waiting_items=2, due_at=T0, updated_at=T0 + timedelta(minutes=1))
    vip.observe([event(1, EventType.VIP_CLIENT_UPDATED, changed.model_dump(mode="json"))])
    assert vip.cached_portfolio()[1] == changed
    assert len(client.named("vip_portfolio")) == fetched
    # A malformed payload is skipped, not raised.
    vip.observe([event(2, EventType.VIP_CLIENT_UPDATED, {"uid": "U2"})])
    assert vip.cached_portfolio()[1] == changed


def _ticket_payload(ticket_id: int, uid: str) -> dict[str, Any]:
    return {
        "id": ticket_id,
        "subject": "Withdrawal",
        "status": "open",
        "priority": "high",
        "channel": "in_app",
        "category": "deposit_withdrawal",
        "language": "en",
        "customer_uid": uid,
        "tags": [],
        "created_at": T0.isoformat(),
        "updated_at": T0.isoformat(),
        "version": 1,
        "message_count": 1,
        "last_message_preview": "",
    }


def test_events_about_portfolio_clients_refresh_it_at_most_once_per_period(
    client, store: Store
) -> None:
    vip = _vip(client, store, debounce_s=0.3)

    async def scenario() -> None:
        refresher = asyncio.create_task(vip.run_refresher())
        try:
            await vip.load_portfolio()
            await asyncio.sleep(0.05)
            base = len(client.named("vip_portfolio"))

            # A stranger's ticket asks for nothing.
            vip.observe([event(1, EventType.TICKET_UPDATED, _ticket_payload(5, "U999"))])
            await asyncio.sleep(0.1)
            assert len(client.named("vip_portfolio")) == base

            # A burst about the portfolio's clients, from the feed's worker thread.
            burst = [
                event(2, EventType.TICKET_UPDATED, _ticket_payload(6, "U1")),
                event(3, EventType.VIP_ALERT, {"kind": "message"}),
            ]
            for _ in range(10):
                await asyncio.to_thread(vip.observe, burst)
            await asyncio.sleep(0.1)
            assert len(client.named("vip_portfolio")) == base + 1  # one fetch at once
            await asyncio.sleep(0.4)
            assert len(client.named("vip_portfolio")) == base + 2  # one more after the pause
            await asyncio.sleep(0.4)
            assert len(client.named("vip_portfolio")) == base + 2  # and then quiet
        finally:
            refresher.cancel()
            await asyncio.gather(refresher, return_exceptions=True)

    asyncio.run(scenario())


def test_messages_and_chats_are_matched_through_the_cached_ticket_and_chat(
    client, store: Store
) -> None:
    from console.api.schemas import TicketOut

    vip = _vip(client, store)
    asyncio.run(vip.load_portfolio())
    store.upsert_tickets([TicketOut.model_validate(_ticket_payload(8, "U2"))])
    asked: list[int] = []
    vip.request_refresh = lambda: asked.append(1)  # type: ignore[method-assign]

    message = {"id": 1, "ticket_id": 8, "kind": "customer", "body": "hi", "author_name": "C"}
    message["created_at"] = T0.isoformat()
    vip.observe([event(1, EventType.MESSAGE_CREATED, message, ticket_id=8)])
    assert asked == [1]
    vip.observe([event(2, EventType.MESSAGE_CREATED, message | {"ticket_id": 9}, ticket_id=9)])
    assert asked == [1]  # ticket 9 is not cached: not known to be a portfolio client's


def test_agents_have_no_vip_desk(client, store: Store) -> None:
    vip = _vip(client, store, ALICE)
    assert not vip.enabled
    vip.observe([event(1, EventType.VIP_ALERT, {})])
    asyncio.run(asyncio.wait_for(vip.run_refresher(), 1))  # returns at once
    assert client.calls == []


def test_the_engine_routes_vip_events_before_the_store(
    client, store: Store, tmp_path: Path
) -> None:
    engine = SyncEngine(client, store, MEI)  # type: ignore[arg-type]
    assert isinstance(engine.vip, VipSync)
    asyncio.run(engine.vip.load_portfolio())
    changed = row("U1", tier=9, updated_at=T0 + timedelta(minutes=3))
    engine._route([event(1, EventType.VIP_CLIENT_UPDATED, changed.model_dump(mode="json"))])
    assert vip_cache(store).portfolio(MEI.id)[0].tier == 9
