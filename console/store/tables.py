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
    Column("priority_rank", Integer, nullable=False),
    Column("group_name", Text),
    Column("customer_name", Text, nullable=False),
    Column("customer_vip_tier", Integer, nullable=False),
    Column("suggested_priority", Text),
    Column("suggestion_reason", Text),
    Column("sla", Text),
    Column("sla_due", Integer),
    Column("sla_soon", Integer),
    Column("sla_order", Integer, nullable=False),
    Column("merged_into_id", Integer),
    Column("linked_ids", Text, nullable=False),
    Column("open_escalations", Integer, nullable=False),
    Column("search_terms", Text, nullable=False),
)

ticket_tags = Table(
    "ticket_tags",
    metadata,
    Column("tag", Text, primary_key=True),
    Column("ticket_id", Integer, primary_key=True),
)

saved_views = Table(
    "saved_views",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agent_id", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("query", Text, nullable=False),
    Column("created_at", Integer, nullable=False),
)

macros = Table(
    "macros",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("data", Text, nullable=False),
)

escalations = Table(
    "escalations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("ticket_id", Integer, nullable=False),
    Column("updated_at", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

sla_policies = Table(
    "sla_policies",
    metadata,
    Column("priority", Text, primary_key=True),
    Column("data", Text, nullable=False),
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
    Column("attachments", Text, nullable=False, default="[]"),
    Column("local_files", Text, nullable=False, default="[]"),
    Column("merged_from_id", Integer),
)

customers = Table(
    "customers",
    metadata,
    Column("uid", Text, primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", Integer, nullable=False),
)

# Published knowledge-base articles (data: KbArticleOut as JSON; review_due_on: ISO date).
kb_articles = Table(
    "kb_articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("slug", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", Integer, nullable=False),
    Column("owner_id", Integer),
    Column("review_due_on", Text, nullable=False),
    Column("data", Text, nullable=False),
)

# Live chat (data: ConversationOut as JSON; times in micros; activity_at: the later of the
# conversation's updated_at and its newest message, for "newest activity first").
chat_conversations = Table(
    "chat_conversations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("state", Text, nullable=False),
    Column("priority", Text, nullable=False),
    Column("vip_tier", Integer, nullable=False),
    Column("assigned_agent_id", Integer),
    Column("offered_agent_id", Integer),
    Column("queued_at", Integer),
    Column("last_seq", Integer, nullable=False),
    Column("agent_read_seq", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", Integer, nullable=False),
    Column("activity_at", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# Chat messages: the server's (server_id and seq set) and mine not yet confirmed (both NULL).
chat_messages = Table(
    "chat_messages",
    metadata,
    Column("local_id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, unique=True),
    Column("conversation_id", Integer, nullable=False),
    Column("seq", Integer),
    Column("sender", Text, nullable=False),
    Column("agent_id", Integer),
    Column("author_name", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("client_id", Text),
    Column("created_at", Integer, nullable=False),
    Column("attachments", Text, nullable=False, default="[]"),
    Column("local_files", Text, nullable=False, default="[]"),
)

chat_read_marks = Table(
    "chat_read_marks",
    metadata,
    Column("conversation_id", Integer, primary_key=True),
    Column("agent_id", Integer, primary_key=True),
    Column("up_to_seq", Integer, nullable=False),
)

# The VIP desk (store/vip.py), per signed-in agent: portfolio rows (data: VipClientSummary as
# JSON, position: the server's attention order) and the last fetched client page of each client
# (data: VipClientOut as JSON). Times in micros.
vip_portfolio = Table(
    "vip_portfolio",
    metadata,
    Column("viewer_id", Integer, primary_key=True),
    Column("uid", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("tier", Integer, nullable=False),
    Column("manager_id", Integer, nullable=False),
    Column("due_at", Integer),
    Column("updated_at", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

vip_client_pages = Table(
    "vip_client_pages",
    metadata,
    Column("viewer_id", Integer, primary_key=True),
    Column("uid", Text, primary_key=True),
    Column("fetched_at", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# FTS5 external-content index over tickets.search_text (rowid = ticket id), kept by triggers.
tickets_fts = Table(
    "tickets_fts",
    metadata,
    Column("rowid", Integer, primary_key=True),
    Column("search_text", Text),
)
