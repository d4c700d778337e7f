"""ORM tables of the knowledge base: articles, their revisions, agents' votes and flags.

The article row holds the published content and the counters a list needs (votes, open flags),
so a page of articles serialises without extra queries. Every published content is also a
revision row, which is the article's history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.server.db_types import UTCDateTime
from console.server.models import Base


class KbArticle(Base):
    __tablename__ = "kb_articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[str] = mapped_column(String(40))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), default=None
    )
    owner_name: Mapped[str] = mapped_column(String(100), default="")
    # Number of the published revision; only publishing moves it, so (count, sum) of versions
    # tells a server process whether its search index is current.
    version: Mapped[int] = mapped_column(Integer, default=1)
    locales: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON)
    reviewed_on: Mapped[date] = mapped_column(Date)
    review_every_days: Mapped[int] = mapped_column(Integer)
    helpful: Mapped[int] = mapped_column(Integer, default=0)
    not_helpful: Mapped[int] = mapped_column(Integer, default=0)
    open_flags: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KbRevision(Base):
    """A proposed content of an article; once published it gets the version number it became."""

    __tablename__ = "kb_revisions"
    __table_args__ = (
        Index("ix_kb_revisions_article", "article_id", "id"),
        Index("ix_kb_revisions_state", "state", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    number: Mapped[int | None] = mapped_column(Integer, default=None)
    base_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    locales: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), default=None
    )
    author_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_name: Mapped[str | None] = mapped_column(String(100), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    review_comment: Mapped[str] = mapped_column(Text, default="")


class KbFeedback(Base):
    """One agent's vote on one article; voting again replaces it."""

    __tablename__ = "kb_feedback"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True
    )
    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KbFlag(Base):
    """An agent's note that an article is outdated or wrong; open until the owner or a
    supervisor resolves it."""

    __tablename__ = "kb_flags"
    __table_args__ = (
        Index("ix_kb_flags_state", "state", "id"),
        Index("ix_kb_flags_article", "article_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id", ondelete="CASCADE"))
    agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL"), default=None
    )
    agent_name: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_by_name: Mapped[str | None] = mapped_column(String(100), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
