"""The local store: the agent's working copy of the server's data, plus drafts and the outbox.

Synchronous and thread-safe: every call takes a pooled connection for one short transaction, so
the GUI thread can do small reads and draft saves while workers (asyncio.to_thread) write
batches. Changes are published on `hub` after their transaction has committed.

Topics (Change.topic, ids): tickets (ticket ids), messages (ticket ids), customers (uids),
drafts (draft keys), outbox (item ids), saved_views (agent ids), macros, sla_policies,
escalations (ticket ids), sla (ticket ids with a new breach), kb (knowledge-base article ids;
none: all of them), chats and chat_messages (chat conversation ids), connection (sync engine).
The knowledge base is `store.kb` (store/kb.py), live chat `store.chats` (store/chat.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas import (
    CustomerDetail,
    EscalationOut,
    EventOut,
    MacroOut,
    MessageOut,
    SlaPolicyOut,
    TicketOut,
)
from console.store import (
    chat_rows,
    customers,
    messages,
    saved_views,
    tables,
    tickets,
    workspace_data,
)
from console.store.chat import ChatStore
from console.store.db import create_sqlite_engine, reading, writing
from console.store.events import decode
from console.store.first_page import TicketRow
from console.store.hub import Change, ChangeHub
from console.store.kb import KbStore
from console.store.kb import clear as clear_kb
from console.store.kb import upsert as upsert_kb
from console.store.migrations import migrate
from console.store.records import LocalMessage, OutboxState, SavedView, TicketQuery
from console.store.store_outbox import StoreOutbox
from console.store.timestamps import now_micros
from console.store.vip import VipCache

__all__ = ["COUNT_CAP", "Store"]

COUNT_CAP = (
    1_000  # count_tickets_capped's default: beyond it an exact number tells an agent nothing
)

_CURSOR_KEY = "event_cursor"
# Built once: the cursor is read and written with every batch of events.
_GET_META = select(tables.meta.c.value).where(tables.meta.c.key == bindparam("b_key"))
_SET_META_INSERT = sqlite_insert(tables.meta).values(key=bindparam("key"), value=bindparam("value"))
_SET_META = _SET_META_INSERT.on_conflict_do_update(
    index_elements=[tables.meta.c.key], set_={"value": _SET_META_INSERT.excluded.value}
)
_KEEP_FINISHED_OUTBOX_US = 7 * 24 * 3600 * 1_000_000


class Store(StoreOutbox):
    """One SQLite file. `data_dir` (next to it) holds copies of files queued for upload.

    The outbox (queueing commands and moving them through their states) is `StoreOutbox`.
    """

    def __init__(self, engine: Engine, data_dir: Path | None = None) -> None:
        self._engine = engine
        self.hub = ChangeHub()
        self.data_dir = data_dir
        # Builds the knowledge base's search index from the stored articles (off the GUI
        # thread: the store opens on a worker).
        self.kb = KbStore(engine, self._publish)
        self.chats = ChatStore(engine, self._publish)
        self.vip = VipCache(engine, self._publish)

    @classmethod
    def open(cls, path: Path) -> Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_sqlite_engine(path)
        try:
            migrate(engine)
            with writing(engine) as conn:
                o = tables.outbox
                conn.execute(
                    delete(o).where(
                        o.c.state.in_((OutboxState.DONE, OutboxState.DISCARDED)),
                        o.c.created_at < now_micros() - _KEEP_FINISHED_OUTBOX_US,
                    )
                )
            return cls(engine, path.parent / f"{path.stem}-files")
        except BaseException:
            engine.dispose()
            raise

    def close(self) -> None:
        self.kb.close()
        self._engine.dispose()

    def _publish(self, topic: str, ids: Sequence[int | str] = ()) -> None:
        self.hub.publish(Change(topic, tuple(ids)))

    # --- tickets -----------------------------------------------------------------------------

    def upsert_tickets(self, items: Sequence[TicketOut]) -> None:
        with writing(self._engine) as conn:
            written = tickets.upsert(conn, items)
        if written:
            self._publish("tickets", written)

    def ticket(self, ticket_id: int) -> TicketOut | None:
        with reading(self._engine) as conn:
            return tickets.get(conn, ticket_id)

    def query_tickets(self, q: TicketQuery, offset: int, limit: int) -> list[TicketRow]:
        """A page of `q` as light rows with TicketOut's attributes (`ticket()` gives the
        validated TicketOut)."""
        with reading(self._engine) as conn:
            return tickets.query(conn, q, offset, limit)

    def count_tickets(self, q: TicketQuery) -> int:
        """The exact number of tickets in `q`."""
        with reading(self._engine) as conn:
            return tickets.count(conn, q)

    def count_tickets_capped(self, q: TicketQuery, cap: int = COUNT_CAP) -> tuple[int, bool]:
        """(count, capped): exact for views and filters; a text search or tag with more than
        `cap` matches answers (cap, True) — show it as "1,000+" — at a fraction of the cost."""
        with reading(self._engine) as conn:
            return tickets.count_capped(conn, q, cap)

    def count_views(self, queries: Sequence[TicketQuery]) -> list[int]:
        """The exact counts of several queries from one snapshot (the view selector's badges);
        views and filters without text or tag are counted in one pass."""
        with reading(self._engine) as conn:
            return tickets.count_many(conn, queries)

    def tickets_by_id(self, ids: Sequence[int]) -> dict[int, TicketOut]:
        with reading(self._engine) as conn:
            return tickets.get_many(conn, list(ids))

    def customer_tickets(self, uid: str, limit: int = 20) -> list[TicketOut]:
        """The customer's cached tickets, newest first (the panel's history while offline)."""
        with reading(self._engine) as conn:
            return tickets.for_customer(conn, uid, limit)

    # --- saved views, macros, SLA policies, escalations ----------------------------------

    def saved_views(self, agent_id: int) -> list[SavedView]:
        with reading(self._engine) as conn:
            return saved_views.list_for(conn, agent_id)

    def save_view(self, agent_id: int, name: str, query: TicketQuery) -> SavedView:
        with writing(self._engine) as conn:
            view = saved_views.save(conn, agent_id, name, query)
        self._publish("saved_views", [agent_id])
        return view

    def delete_view(self, agent_id: int, view_id: int) -> bool:
        with writing(self._engine) as conn:
            done = saved_views.remove(conn, agent_id, view_id)
        if done:
            self._publish("saved_views", [agent_id])
        return done

    def macros(self) -> list[MacroOut]:
        with reading(self._engine) as conn:
            return workspace_data.macros(conn)

    def set_macros(self, items: Sequence[MacroOut]) -> None:
        with writing(self._engine) as conn:
            workspace_data.set_macros(conn, items)
        self._publish("macros")

    def sla_policies(self) -> list[SlaPolicyOut]:
        with reading(self._engine) as conn:
            return workspace_data.sla_policies(conn)

    def set_sla_policies(self, items: Sequence[SlaPolicyOut]) -> None:
        with writing(self._engine) as conn:
            workspace_data.set_sla_policies(conn, items)
        self._publish("sla_policies")

    def escalations(self, ticket_id: int) -> list[EscalationOut]:
        """The ticket's escalations, oldest first."""
        with reading(self._engine) as conn:
            return workspace_data.escalations(conn, ticket_id)

    def escalation(self, escalation_id: int) -> EscalationOut | None:
        with reading(self._engine) as conn:
            return workspace_data.escalation(conn, escalation_id)

    def upsert_escalations(self, items: Sequence[EscalationOut]) -> None:
        with writing(self._engine) as conn:
            touched = workspace_data.upsert_escalations(conn, items)
        if touched:
            self._publish("escalations", sorted(touched))

    # --- messages ----------------------------------------------------------------------------

    def upsert_messages(self, items: Sequence[MessageOut]) -> None:
        with writing(self._engine) as conn:
            touched = messages.upsert(conn, items)
        if touched:
            self._publish("messages", sorted(touched))

    def add_local_message(
        self, ticket_id: int, kind: str, body: str, client_id: str, author_name: str
    ) -> None:
        with writing(self._engine) as conn:
            messages.add_local(conn, ticket_id, kind, body, client_id, author_name)
        self._publish("messages", [ticket_id])

    def move_merged_messages(self, message_ids: Sequence[int], source: int, target: int) -> None:
        with writing(self._engine) as conn:
            messages.move_merged(conn, message_ids, source, target)
        self._publish("messages", [source, target])

    def messages(self, ticket_id: int) -> list[LocalMessage]:
        with reading(self._engine) as conn:
            return messages.for_ticket(conn, ticket_id)

    # --- customers ---------------------------------------------------------------------------

    def upsert_customer(self, c: CustomerDetail) -> None:
        with writing(self._engine) as conn:
            customers.upsert_detail(conn, c)
        self._publish("customers", [c.uid])

    def customer(self, uid: str) -> CustomerDetail | None:
        with reading(self._engine) as conn:
            return customers.get(conn, uid)

    # --- drafts ------------------------------------------------------------------------------

    def save_draft(self, key: str, text: str) -> None:
        """Durable once it returns (WAL commit). Saving empty text removes the draft."""
        d = tables.drafts
        with writing(self._engine) as conn:
            if text:
                stmt = sqlite_insert(d).values(key=key, text=text, updated_at=now_micros())
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[d.c.key],
                        set_={"text": stmt.excluded.text, "updated_at": stmt.excluded.updated_at},
                    )
                )
            else:
                conn.execute(delete(d).where(d.c.key == key))
        self._publish("drafts", [key])

    def draft(self, key: str) -> str | None:
        d = tables.drafts
        with reading(self._engine) as conn:
            return conn.execute(select(d.c.text).where(d.c.key == key)).scalar_one_or_none()

    def delete_draft(self, key: str) -> None:
        self.save_draft(key, "")

    # --- meta and sync cursor ----------------------------------------------------------------

    @staticmethod
    def _get_meta(conn: Connection, key: str) -> str | None:
        return conn.execute(_GET_META, {"b_key": key}).scalar_one_or_none()

    @staticmethod
    def _set_meta(conn: Connection, key: str, value: str) -> None:
        conn.execute(_SET_META, {"key": key, "value": value})

    def get_meta(self, key: str) -> str | None:
        with reading(self._engine) as conn:
            return self._get_meta(conn, key)

    def set_meta(self, key: str, value: str) -> None:
        with writing(self._engine) as conn:
            self._set_meta(conn, key, value)

    def event_cursor(self) -> int | None:
        value = self.get_meta(_CURSOR_KEY)
        return int(value) if value is not None else None

    def set_event_cursor(self, event_id: int) -> None:
        self.set_meta(_CURSOR_KEY, str(event_id))

    def reset_cache(self) -> None:
        """Forget the server's data and the cursor (the server lost its history, e.g. a new
        demo database). Drafts, the outbox and messages not yet sent are kept."""
        with writing(self._engine) as conn:
            conn.exec_driver_sql("DELETE FROM tickets")
            conn.exec_driver_sql("INSERT INTO tickets_fts (tickets_fts) VALUES ('delete-all')")
            conn.exec_driver_sql("DELETE FROM messages WHERE server_id IS NOT NULL")
            conn.exec_driver_sql("DELETE FROM customers")
            conn.exec_driver_sql("DELETE FROM ticket_tags")
            conn.exec_driver_sql("DELETE FROM escalations")
            clear_kb(conn)
            chat_rows.clear(conn)
            conn.exec_driver_sql("DELETE FROM meta WHERE key = ?", (_CURSOR_KEY,))
        self.vip.clear()  # the new server's VIP desk is fetched again at the next connect
        for topic in ("tickets", "messages", "customers", "escalations", "chats", "chat_messages"):
            self._publish(topic)
        self.kb.rebuild_index(announce=True)

    def apply_events(self, events: Sequence[EventOut]) -> None:
        """One transaction: cache upserts and the cursor; events at or below it are skipped."""
        with writing(self._engine) as conn:
            stored = self._get_meta(conn, _CURSOR_KEY)
            cursor = int(stored) if stored is not None else None
            batch = decode(events, cursor)
            if batch.last_id is None:
                return
            written = tickets.upsert(conn, list(batch.tickets.values()))
            touched = messages.upsert(conn, batch.messages)
            for merged in batch.merges:
                source, target = merged.source.id, merged.target.id
                messages.move_merged(conn, merged.moved_message_ids, source, target)
                touched |= {source, target}
            for customer in batch.customers.values():
                customers.merge_summary(conn, customer)
            escalated = workspace_data.upsert_escalations(conn, list(batch.escalations.values()))
            kb_written = upsert_kb(conn, list(batch.kb_articles.values()))
            chats = chat_rows.upsert_conversations(conn, list(batch.chat_conversations.values()))
            chat_touched = chat_rows.upsert_messages(conn, batch.chat_messages)
            self._set_meta(conn, _CURSOR_KEY, str(batch.last_id))
        if written:
            self._publish("tickets", written)
        if touched:
            self._publish("messages", sorted(touched))
        if batch.customers:
            self._publish("customers", list(batch.customers))
        if escalated:
            self._publish("escalations", sorted(escalated))
        if batch.breaches:
            self._publish("sla", sorted({b.ticket_id for b in batch.breaches}))
        if chats or chat_touched:
            self._publish("chats", sorted({*chats, *chat_touched}))
        if chat_touched:
            self._publish("chat_messages", sorted(chat_touched))
        self.kb.committed(kb_written)
