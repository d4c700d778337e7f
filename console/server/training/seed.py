"""What the training workspace starts with: its schema, and the live knowledge base's articles
(trainees search and link them as on the floor; their feedback and edits stay in training)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, insert, select

from console.server.models_kb import KbArticle
from console.server.runtime import Runtime

__all__ = ["copy_knowledge_base", "prepare_training_workspace"]

log = logging.getLogger("console.server")


def prepare_training_workspace(runtime: Runtime) -> None:
    if runtime.live is not None:
        copy_knowledge_base(runtime.live, runtime)


def copy_knowledge_base(live: Runtime, training: Runtime) -> int:
    """Replaces the training workspace's articles with the live ones, same ids; owners are kept
    by name only (the owners' accounts need not be in training)."""
    columns = [c for c in KbArticle.__table__.columns]
    with live.db.read() as session:
        rows: list[dict[str, Any]] = [
            {c.name: value for c, value in zip(columns, row, strict=True)}
            for row in session.execute(select(*columns))
        ]
    for row in rows:
        row["owner_id"] = None
    with training.db.write() as session:
        session.execute(delete(KbArticle))
        if rows:
            session.execute(insert(KbArticle), rows)
    log.info("training workspace: %d knowledge-base articles from the live workspace", len(rows))
    return len(rows)
