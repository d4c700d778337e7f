"""The VIP desk on the sync engine (`engine.vip`): fetch the portfolio and client pages into the
store's cache, write notes, follow-ups and contacts, and keep the portfolio current from events.

Reads and writes here are online work: they go straight to the server and raise ApiError
(ServerUnreachable when there is no answer) to the caller, which tells the manager. Nothing is
queued: a note that was not saved must stay in the manager's editor, not leave hours later.
Writes carry the caller's idempotency key, so a retry after a lost answer writes once.

Events (`observe`, on the feed's worker thread before the store applies them): a
`vip.client.updated` row goes into the cache at once; a `vip.alert`, or a ticket, message or chat
event about a client in the portfolio, asks for a fresh portfolio, which `run_refresher` fetches
at most once per `debounce_s` however many events arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from pydantic import ValidationError

from console.api.client import SupportClient
from console.api.errors import ApiError
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
from console.store import Store
from console.store.vip import VipCache, vip_cache
from console.sync.vip_outreach import OutreachSync

__all__ = ["REFRESH_DEBOUNCE_S", "VIP_ROLES", "VipSync"]

log = logging.getLogger(__name__)

REFRESH_DEBOUNCE_S = 2.0
VIP_ROLES = frozenset({Role.VIP_MANAGER, Role.SUPERVISOR})

_TICKET_EVENTS = frozenset({EventType.TICKET_CREATED, EventType.TICKET_UPDATED})
_OWNERS_KEPT = 20_000
T = TypeVar("T")


class VipSync:
    def __init__(
        self,
        client: SupportClient,
        store: Store,
        me: AgentOut,
        *,
        debounce_s: float = REFRESH_DEBOUNCE_S,
    ) -> None:
        self._client = client
        self._store = store
        self.me = me
        self.cache: VipCache = vip_cache(store)
        self.outreach = OutreachSync(lambda: client)  # live per-client delivery and replies
        self.enabled = me.role in VIP_ROLES
        self.debounce_s = debounce_s
        self.refreshes = 0  # portfolio fetches made by the refresher (for tests and logs)
        self._lock = threading.Lock()
        self._uids: frozenset[str] | None = None  # the portfolio's clients; None: not read yet
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wanted: asyncio.Event | None = None
        self._early_request = False  # asked before the refresher ran
        # Whose thread a message is on, learnt from the threads' own events or one lookup: a
        # busy chat floor sends many messages, and reading the store for each batch's threads
        # held up applying them (bench/chat.py p99 +10 ms for a manager on the floor).
        self._owners: dict[tuple[str, int], str | None] = {}

    # --- reading ---------------------------------------------------------------------------------

    def cached_portfolio(self) -> list[VipClientSummary]:
        return self.cache.portfolio(self.me.id)

    def cached_client(self, uid: str) -> VipClientOut | None:
        return self.cache.client(self.me.id, uid)

    async def load_portfolio(self) -> list[VipClientSummary]:
        """The portfolio from the server into the cache (which publishes what changed)."""
        rows = await self._client.vip_portfolio()
        await asyncio.to_thread(self.cache.replace_portfolio, self.me.id, rows)
        self._set_uids(row.uid for row in rows)
        return rows

    async def load_client(self, uid: str) -> VipClientOut:
        page = await self._client.vip_client(uid)
        await asyncio.to_thread(self.cache.put_client, self.me.id, page)
        return page

    # --- writing (online; the caller keeps the key while the input is unchanged) ----------------

    async def add_note(self, uid: str, body: str, idempotency_key: str) -> ManagerNoteOut:
        note = await self._client.add_vip_note(uid, body, idempotency_key)
        await self._after_write(uid, lambda page: {"notes": [note, *_without(page.notes, note)]})
        return note

    async def add_follow_up(
        self, uid: str, follow_up: FollowUpCreate, idempotency_key: str
    ) -> FollowUpOut:
        made = await self._client.add_follow_up(uid, follow_up, idempotency_key)
        await self._after_write(
            uid, lambda page: {"follow_ups": [made, *_without(page.follow_ups, made)]}
        )
        return made

    async def complete_follow_up(self, uid: str, follow_up_id: int) -> FollowUpOut:
        # PATCH done=true twice leaves it done once: no key needed.
        done = await self._client.update_follow_up(follow_up_id, FollowUpUpdate(done=True))
        await self._after_write(
            uid,
            lambda page: {"follow_ups": [done if f.id == done.id else f for f in page.follow_ups]},
        )
        return done

    async def log_contact(
        self, uid: str, contact: ContactLogCreate, idempotency_key: str
    ) -> ContactLogOut:
        logged = await self._client.log_contact(uid, contact, idempotency_key)
        await self._after_write(
            uid, lambda page: {"contacts": [logged, *_without(page.contacts, logged)]}
        )
        return logged

    async def _after_write(
        self, uid: str, patch: Callable[[VipClientOut], dict[str, object]]
    ) -> None:
        """The cached page shows what was written: the server's fresh copy, or (when it cannot
        be fetched now) the cached copy with the write added."""
        try:
            await self.load_client(uid)
        except ApiError as exc:
            log.info("client page %s not refreshed after a write: %r", uid, exc)
            cached = await asyncio.to_thread(self.cached_client, uid)
            if cached is not None:
                patched = cached.model_copy(update=patch(cached))
                await asyncio.to_thread(self.cache.put_client, self.me.id, patched)
        self.request_refresh()  # last contact, next follow-up and order move in the portfolio

    # --- events ----------------------------------------------------------------------------------

    def observe(self, events: Sequence[EventOut]) -> None:
        """Before the store applies `events` (a worker thread). Never raises."""
        if not self.enabled or not events:
            return
        self.outreach.observe(events)
        try:
            wanted = self._observe(events)
        except Exception:
            log.exception("VIP events not handled")
            return
        if wanted:
            self.request_refresh()

    def _observe(self, events: Sequence[EventOut]) -> bool:
        wanted = False
        uids = self._portfolio_uids()
        threads: set[tuple[str, int]] = set()
        for event in events:
            kind, payload = event.type, event.payload
            if kind is EventType.VIP_CLIENT_UPDATED:
                self._put_row(event)
            elif kind is EventType.VIP_ALERT:
                wanted = True
            elif kind in _TICKET_EVENTS or kind is EventType.CHAT_CONVERSATION_UPDATED:
                thread = "ticket" if kind in _TICKET_EVENTS else "chat"
                owner = payload.get("customer_uid")
                if isinstance(payload.get("id"), int):
                    self._remember_owner((thread, payload["id"]), owner)
                wanted = wanted or owner in uids
            elif kind is EventType.MESSAGE_CREATED and event.ticket_id is not None:
                threads.add(("ticket", event.ticket_id))
            elif kind is EventType.CHAT_MESSAGE_CREATED:
                conversation_id = payload.get("conversation_id")
                if isinstance(conversation_id, int):
                    threads.add(("chat", conversation_id))
        if wanted or not uids:
            return wanted
        return self._customers_of(threads) & uids != set()

    def _remember_owner(self, thread: tuple[str, int], owner: object) -> None:
        if len(self._owners) >= _OWNERS_KEPT:
            self._owners.clear()  # rare; the next lookups fill it again
        self._owners[thread] = owner if isinstance(owner, str) else None

    def _put_row(self, event: EventOut) -> None:
        try:
            row = VipClientSummary.model_validate(event.payload)
        except ValidationError:
            log.warning("skipping malformed vip.client.updated event %s", event.id)
            return
        if self.cache.put_row(self.me.id, row):
            with self._lock:
                if self._uids is not None:
                    self._uids = self._uids | {row.uid}

    def _customers_of(self, threads: set[tuple[str, int]]) -> set[str]:
        """The customers of tickets and chats (messages name only their thread): known ones
        from memory, the others read once from the cache (one not cached yet is read again
        next time)."""
        unknown = {t for t in threads if t not in self._owners}
        tickets = sorted(i for kind, i in unknown if kind == "ticket")
        chats = sorted(i for kind, i in unknown if kind == "chat")
        if tickets:
            for tid, ticket in self._store.tickets_by_id(tickets).items():
                self._remember_owner(("ticket", tid), ticket.customer_uid)
        if chats:
            for cid, chat in self._store.chats.conversations(chats).items():
                self._remember_owner(("chat", cid), chat.customer_uid)
        return {owner for t in threads if (owner := self._owners.get(t)) is not None}

    def _portfolio_uids(self) -> frozenset[str]:
        with self._lock:
            uids = self._uids
        if uids is None:
            uids = frozenset(self.cache.portfolio_uids(self.me.id))
            with self._lock:
                if self._uids is None:
                    self._uids = uids
        return uids

    def _set_uids(self, uids: Iterable[str]) -> None:
        with self._lock:
            self._uids = frozenset(uids)

    # --- the refresher ---------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """Ask for a fresh portfolio soon (any thread)."""
        if not self.enabled:
            return
        loop, wanted = self._loop, self._wanted
        if loop is None or wanted is None:
            self._early_request = True
            return
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is left to refresh for
            loop.call_soon_threadsafe(wanted.set)

    async def run_refresher(self) -> None:
        """Fetch the portfolio when asked, at most once per `debounce_s` (until cancelled)."""
        if not self.enabled:
            return
        self._loop = asyncio.get_running_loop()
        wanted = self._wanted = asyncio.Event()
        if self._early_request:
            wanted.set()
        while True:
            await wanted.wait()
            wanted.clear()
            self.refreshes += 1
            try:
                await self.load_portfolio()
            except ApiError as exc:  # offline: the cache serves, the next request retries
                log.info("VIP portfolio not refreshed: %r", exc)
            except Exception:
                log.exception("VIP portfolio refresh failed")
            # Requests arriving meanwhile set the event again: one more fetch after the pause.
            await asyncio.sleep(self.debounce_s)


def _without(items: list[T], item: T) -> list[T]:
    """`items` without an earlier copy of `item` (same id): a retried write is listed once."""
    ident = getattr(item, "id", None)
    return [i for i in items if getattr(i, "id", None) != ident]
