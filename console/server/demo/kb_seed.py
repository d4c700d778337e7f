"""Loads the shipped knowledge-base articles into a demo database, each as published version 1.

Owners are agent usernames in the content; an owner the workspace does not have keeps the
username as its name and no agent id (such articles are maintained by supervisors).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from console.api.schemas_kb import KbLocale
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models import Agent, Base
from console.server.models_kb import KbArticle, KbRevision

if TYPE_CHECKING:
    from console.server.demo.kb_content import KbSeedArticle

log = logging.getLogger("console.server")


def _locales(article: KbSeedArticle) -> dict[str, dict[str, str]]:
    # Through the wire schema, so shipped content obeys the same limits as an agent's edit.
    return {
        lang: KbLocale.model_validate(dict(text)).model_dump()
        for lang, text in sorted(article.locales.items())
    }


def seed_demo_kb(db: Database, articles: Sequence[KbSeedArticle] | None = None) -> int:
    """Writes `articles` (default: the shipped content) unless the database has articles
    already; returns how many were written."""
    with db.read() as session:
        if session.scalar(select(KbArticle.id).limit(1)) is not None:
            return 0
        agents = {
            username: (agent_id, name)
            for agent_id, username, name in session.execute(
                select(Agent.id, Agent.username, Agent.display_name)
            )
        }
    if articles is None:
        from console.server.demo.kb_content import load_kb_content

        articles = load_kb_content()
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for a in articles:
        owner_id, owner_name = agents.get(a.owner, (None, a.owner))
        rows.append(
            {
                "slug": a.slug,
                "category": a.category,
                "tags": list(a.tags),
                "owner_id": owner_id,
                "owner_name": owner_name,
                "version": 1,
                "locales": _locales(a),
                "reviewed_on": a.reviewed,
                "review_every_days": a.review_every_days,
                "helpful": 0,
                "not_helpful": 0,
                "open_flags": 0,
                "created_at": now,
                "updated_at": now,
            }
        )
    if not rows:
        return 0
    articles_table = Base.metadata.tables[KbArticle.__tablename__]
    revisions_table = Base.metadata.tables[KbRevision.__tablename__]
    with db.write() as session:
        statement = insert(articles_table).returning(
            articles_table.c.id, sort_by_parameter_order=True
        )
        ids = list(session.connection().execute(statement, rows).scalars())
        revisions = [
            {
                "article_id": article_id,
                "number": 1,
                "base_version": 0,
                "state": "published",
                "locales": row["locales"],
                "tags": row["tags"],
                "category": row["category"],
                "note": "",
                "author_id": row["owner_id"],
                "author_name": row["owner_name"],
                # The history shows the shipped content as written on its last review date.
                "created_at": datetime.combine(row["reviewed_on"], time(), UTC),
                "reviewer_name": None,
                "reviewed_at": None,
                "review_comment": "",
            }
            for article_id, row in zip(ids, rows, strict=True)
        ]
        session.connection().execute(insert(revisions_table), revisions)
    log.info("seeded %d knowledge-base articles", len(rows))
    return len(rows)
