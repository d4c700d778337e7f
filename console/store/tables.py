"""SQLAlchemy Core view of the latest schema (migrations.py creates it; this only describes it)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

drafts = Table(
    "drafts",
    metadata,
    Column("key", Text, primary_key=True),
    Column("text", Text, nullable=False),
    Column("updated_at", Integer, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("target_id", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("idempotency_key", Text, nullable=False, unique=True),
    Column("client_id", Text),
    Column("state", Text, nullable=False),
    Column("created_at", Integer, nullable=False),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=0),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("subject", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("priority", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("customer_uid", Text, nullable=False),
    Column("assignee_id", Integer),
    Column("tags", Text, nullable=False),
    Column("created_at", Integer, nullable=False),
    Column("updated_at", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("message_count", Integer, nullable=False),
    Column("last_message_preview", Text, nullable=False),
    Column("is_open", Integer, nullable=False),
    Column("search_text", Text, nullable=False),
)

messages = Table(
    "messages",
    metadata,
    Column("local_id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, unique=True),
    Column("ticket_id", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("author_agent_id", Integer),
    Column("author_name", Text, nullable=False),
    Column("client_id", Text, unique=True),
    Column("created_at", Integer, nullable=False),
)

customers = Table(
    "customers",
    metadata,
    Column("uid", Text, primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", Integer, nullable=False),
)

# FTS5 external-content index over tickets.search_text (rowid = ticket id), kept by triggers.
tickets_fts = Table(
    "tickets_fts",
    metadata,
    Column("rowid", Integer, primary_key=True),
    Column("search_text", Text),
)
