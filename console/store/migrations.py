"""Ordered schema migrations, tracked by PRAGMA user_version.

Migration N brings a file from version N-1 to N. Each is written as plain SQL frozen at the time
it was added, never derived from the current table definitions, so old files always upgrade the
same way (one exception: the search index is rebuilt with the current `search.index_text`). The
cache tables (tickets, messages, customers) may be rebuilt because the server can refill them;
drafts and outbox hold the agent's own work and are only ever altered in place.
All pending migrations run in one transaction: a failed upgrade leaves the file untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, Engine

from console.store.db import writing
from console.store.search import index_text


class StoreVersionError(RuntimeError):
    """The file was written by a newer console; opening it could corrupt the agent's work."""


def _v1_initial(conn: Connection) -> None:
    for statement in (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            updated_at INTEGER NOT NULL)""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            target_id INTEGER NOT NULL,
            payload TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            client_id TEXT,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL)""",
        "CREATE INDEX ix_outbox_state ON outbox (state, id)",
        """CREATE TABLE tickets (
            id INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            data TEXT NOT NULL)""",
        """CREATE TABLE messages (
            local_id INTEGER PRIMARY KEY AUTOINCREMENT,
            server_id INTEGER UNIQUE,
            ticket_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            author_agent_id INTEGER,
            author_name TEXT NOT NULL,
            client_id TEXT UNIQUE,
            created_at INTEGER NOT NULL)""",
        "CREATE INDEX ix_messages_ticket ON messages (ticket_id, created_at, local_id)",
        """CREATE TABLE customers (
            uid TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            updated_at INTEGER NOT NULL)""",
    ):
        conn.exec_driver_sql(statement)


def _v2_ticket_columns_and_outbox_errors(conn: Connection) -> None:
    # Outbox items that the server refused keep the reason and how often they were tried.
    conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN error TEXT")
    conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
    conn.exec_driver_sql("CREATE INDEX ix_outbox_client ON outbox (client_id)")
    # Tickets move from JSON documents to columns so views, filters and sorting run on indexes.
    # The cache is dropped and the sync cursor forgotten, which makes the next sync bootstrap.
    conn.exec_driver_sql("DROP TABLE tickets")
    conn.exec_driver_sql("DELETE FROM meta WHERE key = 'event_cursor'")
    for statement in (
        """CREATE TABLE tickets (
            id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,
            priority TEXT NOT NULL,
            channel TEXT NOT NULL,
            category TEXT NOT NULL,
            language TEXT NOT NULL,
            customer_uid TEXT NOT NULL,
            assignee_id INTEGER,
            tags TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version INTEGER NOT NULL,
            message_count INTEGER NOT NULL,
            last_message_preview TEXT NOT NULL,
            is_open INTEGER NOT NULL,
            search_text TEXT NOT NULL)""",
        # A view or filter walks its index in display order; the other filter columns ride
        # along, so counts and filters are decided in the index and only the page's rows are
        # read from the table.
        """CREATE INDEX ix_tickets_recent ON tickets (updated_at DESC, id DESC,
            is_open, assignee_id, channel, category, language)""",
        """CREATE INDEX ix_tickets_open ON tickets (is_open, updated_at DESC, id DESC,
            assignee_id, channel, category, language)""",
        """CREATE INDEX ix_tickets_assignee ON tickets (assignee_id, is_open,
            updated_at DESC, id DESC, channel, category, language)""",
        """CREATE INDEX ix_tickets_channel ON tickets (channel, is_open,
            updated_at DESC, id DESC, assignee_id, category, language)""",
        """CREATE INDEX ix_tickets_category ON tickets (category, is_open,
            updated_at DESC, id DESC, assignee_id, channel, language)""",
        """CREATE INDEX ix_tickets_language ON tickets (language, is_open,
            updated_at DESC, id DESC, assignee_id, channel, category)""",
        # Text search (search.py). External content: the text lives in tickets.search_text and
        # tickets.py keeps the index in step (triggers would flush FTS5 once per row).
        """CREATE VIRTUAL TABLE tickets_fts USING fts5(
            search_text, content='tickets', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2')""",
    ):
        conn.exec_driver_sql(statement)


# Columns every sort index carries after its sort key, so any view and filter is decided inside
# the index while it is walked in display order, and only a page's rows are read from the table.
_V3_FILTER_COLUMNS = (
    "is_open, assignee_id, status, customer_vip_tier, open_escalations, sla_due, sla_soon, "
    "channel, category, language, priority_rank, group_name"
)


def _v3_inbox_columns(conn: Connection) -> None:
    # The cached rows stay (the inbox keeps working from them); the cursor is forgotten so the
    # next sync bootstraps and fills the new columns from the server's current tickets.
    for statement in (
        "ALTER TABLE tickets ADD COLUMN priority_rank INTEGER NOT NULL DEFAULT 2",
        "ALTER TABLE tickets ADD COLUMN group_name TEXT",
        "ALTER TABLE tickets ADD COLUMN customer_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE tickets ADD COLUMN customer_vip_tier INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tickets ADD COLUMN suggested_priority TEXT",
        "ALTER TABLE tickets ADD COLUMN suggestion_reason TEXT",
        # The SLA as JSON (timestamps in micros), and the active target's due time and the
        # moment it becomes "due soon", NULL while paused, met or without a policy.
        "ALTER TABLE tickets ADD COLUMN sla TEXT",
        "ALTER TABLE tickets ADD COLUMN sla_due INTEGER",
        "ALTER TABLE tickets ADD COLUMN sla_soon INTEGER",
        # sla_due for sorting, with tickets whose clock is not running after all others.
        "ALTER TABLE tickets ADD COLUMN sla_order INTEGER NOT NULL DEFAULT 9223372036854775807",
        "ALTER TABLE tickets ADD COLUMN merged_into_id INTEGER",
        "ALTER TABLE tickets ADD COLUMN linked_ids TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE tickets ADD COLUMN open_escalations INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tickets ADD COLUMN search_terms TEXT NOT NULL DEFAULT '[]'",
        """UPDATE tickets SET priority_rank = CASE priority WHEN 'urgent' THEN 0
            WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END""",
        "DELETE FROM meta WHERE key = 'event_cursor'",
        "DROP INDEX ix_tickets_recent",
        "DROP INDEX ix_tickets_open",
        "DROP INDEX ix_tickets_assignee",
        "DROP INDEX ix_tickets_channel",
        "DROP INDEX ix_tickets_category",
        "DROP INDEX ix_tickets_language",
        # Counts: the views are prefixes of this index, filters are read from it.
        f"CREATE INDEX ix_tickets_filters ON tickets ({_V3_FILTER_COLUMNS})",
        # A filter on channel, language or category alone (the common case) counts its own
        # range instead of reading every open ticket: ~2-5 ms instead of 10-20 at 100k.
        "CREATE INDEX ix_count_channel ON tickets (channel, is_open, assignee_id)",
        "CREATE INDEX ix_count_language ON tickets (language, is_open, assignee_id)",
        "CREATE INDEX ix_count_category ON tickets (category, is_open, assignee_id)",
        f"CREATE INDEX ix_tickets_by_updated ON tickets (updated_at, id, {_V3_FILTER_COLUMNS})",
        f"CREATE INDEX ix_tickets_by_created ON tickets (created_at, id, {_V3_FILTER_COLUMNS})",
        f"""CREATE INDEX ix_tickets_by_priority ON tickets (priority_rank DESC, updated_at, id,
            {_V3_FILTER_COLUMNS})""",
        f"CREATE INDEX ix_tickets_by_sla ON tickets (sla_order, id, {_V3_FILTER_COLUMNS})",
        f"""CREATE INDEX ix_tickets_by_customer ON tickets (customer_name COLLATE NOCASE,
            customer_uid, id, {_V3_FILTER_COLUMNS})""",
        f"""CREATE INDEX ix_tickets_by_subject ON tickets (subject COLLATE NOCASE, id,
            {_V3_FILTER_COLUMNS})""",
        "CREATE INDEX ix_tickets_customer ON tickets (customer_uid, created_at)",
        # One row per ticket and tag: a tag filter is an index lookup, not a JSON scan.
        """CREATE TABLE ticket_tags (
            tag TEXT NOT NULL,
            ticket_id INTEGER NOT NULL,
            PRIMARY KEY (tag, ticket_id)) WITHOUT ROWID""",
        "CREATE INDEX ix_ticket_tags_ticket ON ticket_tags (ticket_id)",
        """INSERT OR IGNORE INTO ticket_tags (tag, ticket_id)
            SELECT j.value, t.id FROM tickets t, json_each(t.tags) j""",
        "ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE messages ADD COLUMN local_files TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE messages ADD COLUMN merged_from_id INTEGER",
        """CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            query TEXT NOT NULL,
            created_at INTEGER NOT NULL)""",
        "CREATE INDEX ix_saved_views_agent ON saved_views (agent_id, id)",
        """CREATE TABLE macros (
            id INTEGER PRIMARY KEY,
            data TEXT NOT NULL)""",
        """CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX ix_escalations_ticket ON escalations (ticket_id, id)",
        """CREATE TABLE sla_policies (
            priority TEXT PRIMARY KEY,
            data TEXT NOT NULL)""",
    ):
        conn.exec_driver_sql(statement)
    _v3_rebuild_search_index(conn)


def _v3_rebuild_search_index(conn: Connection) -> None:
    # CJK runs are indexed as overlapping bigrams (search.py) instead of one token per
    # character: every cached row's search text is recomputed and the index built afresh.
    rows = conn.exec_driver_sql(
        "SELECT id, subject, last_message_preview, customer_uid, customer_name, search_terms"
        " FROM tickets"
    ).all()
    conn.exec_driver_sql("DROP TABLE tickets_fts")
    conn.exec_driver_sql(
        """CREATE VIRTUAL TABLE tickets_fts USING fts5(
            search_text, content='tickets', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2')"""
    )
    if rows:
        conn.exec_driver_sql(
            "UPDATE tickets SET search_text = ? WHERE id = ?",
            [
                (index_text(subject, preview, uid, name, *json.loads(terms)), ticket_id)
                for ticket_id, subject, preview, uid, name, terms in rows
            ],
        )
    conn.exec_driver_sql("INSERT INTO tickets_fts (tickets_fts) VALUES ('rebuild')")


def _v4_knowledge_base(conn: Connection) -> None:
    # Published knowledge-base articles, whole (the API's KbArticleOut as JSON), so search
    # works offline; the in-memory index is built from them when the store opens. The
    # columns beside `data` are what lookups and "due for review" need without decoding it.
    for statement in (
        """CREATE TABLE kb_articles (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            owner_id INTEGER,
            review_due_on TEXT NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX ix_kb_articles_slug ON kb_articles (slug)",
        "CREATE INDEX ix_kb_articles_review ON kb_articles (owner_id, review_due_on)",
    ):
        conn.exec_driver_sql(statement)


def _v5_live_chat(conn: Connection) -> None:
    # Live chat. Conversations are cached whole (ConversationOut as JSON) with the columns the
    # lists filter and sort on; messages keep the server's per-conversation order (seq) and,
    # like ticket messages, an optimistic row of mine (no server id yet) that the server's
    # copy takes over by client_id. Nothing existing changes: the cursor and caches stay.
    for statement in (
        """CREATE TABLE chat_conversations (
            id INTEGER PRIMARY KEY,
            state TEXT NOT NULL,
            priority TEXT NOT NULL,
            vip_tier INTEGER NOT NULL,
            assigned_agent_id INTEGER,
            offered_agent_id INTEGER,
            queued_at INTEGER,
            last_seq INTEGER NOT NULL,
            agent_read_seq INTEGER NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            activity_at INTEGER NOT NULL,
            data TEXT NOT NULL)""",
        "CREATE INDEX ix_chat_conversations_state ON chat_conversations (state, id)",
        """CREATE TABLE chat_messages (
            local_id INTEGER PRIMARY KEY AUTOINCREMENT,
            server_id INTEGER UNIQUE,
            conversation_id INTEGER NOT NULL,
            seq INTEGER,
            sender TEXT NOT NULL,
            agent_id INTEGER,
            author_name TEXT NOT NULL,
            body TEXT NOT NULL,
            client_id TEXT,
            created_at INTEGER NOT NULL,
            attachments TEXT NOT NULL DEFAULT '[]',
            local_files TEXT NOT NULL DEFAULT '[]')""",
        "CREATE INDEX ix_chat_messages_order ON chat_messages (conversation_id, seq, local_id)",
        """CREATE UNIQUE INDEX ix_chat_messages_client
            ON chat_messages (conversation_id, client_id)""",
        # How far an agent has read, as this console knows it before the server confirms.
        """CREATE TABLE chat_read_marks (
            conversation_id INTEGER NOT NULL,
            agent_id INTEGER NOT NULL,
            up_to_seq INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, agent_id)) WITHOUT ROWID""",
    ):
        conn.exec_driver_sql(statement)


def _v6_vip_desk(conn: Connection) -> None:
    # The VIP desk's cache (store/vip.py): a manager's portfolio rows and the client pages last
    # opened, as the server sent them (JSON), per signed-in agent (viewer_id): a supervisor's
    # portfolio is not a manager's, and a manager's private notes are theirs alone. The columns
    # beside `data` are what a refresh compares without decoding it. Nothing existing changes.
    for statement in (
        """CREATE TABLE vip_portfolio (
            viewer_id INTEGER NOT NULL,
            uid TEXT NOT NULL,
            position INTEGER NOT NULL,
            tier INTEGER NOT NULL,
            manager_id INTEGER NOT NULL,
            due_at INTEGER,
            updated_at INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (viewer_id, uid)) WITHOUT ROWID""",
        "CREATE INDEX ix_vip_portfolio_order ON vip_portfolio (viewer_id, position)",
        """CREATE TABLE vip_client_pages (
            viewer_id INTEGER NOT NULL,
            uid TEXT NOT NULL,
            fetched_at INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (viewer_id, uid)) WITHOUT ROWID""",
    ):
        conn.exec_driver_sql(statement)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _v1_initial,
    _v2_ticket_columns_and_outbox_errors,
    _v3_inbox_columns,
    _v4_knowledge_base,
    _v5_live_chat,
    _v6_vip_desk,
)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def migrate(engine: Engine, target: int = LATEST_VERSION) -> int:
    """Upgrade the file to `target` (the latest by default); returns the version it had."""
    with writing(engine) as conn:
        found = schema_version(conn)
        if found > LATEST_VERSION:
            raise StoreVersionError(
                f"local database has schema version {found}, this console knows {LATEST_VERSION}"
            )
        for version in range(found, target):
            MIGRATIONS[version](conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {version + 1}")
        return found
