"""The server's search index over published articles, kept current with the database.

The index lives in process memory (core KbIndex). It remembers which version of each article
it holds; a cheap aggregate over the articles table, (count, sum of versions), changes exactly
when an article is added or published anew (versions only grow, articles are never deleted),
so before a search the index checks it, at most once a second, and re-reads only the articles
whose version moved. That keeps several server processes behind one database in step, and the
process that publishes refreshes at once.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from console.api.schemas_kb import KbHitOut
from console.core.kb import KbIndex, docs_for_article
from console.server.db import Database
from console.server.models_kb import KbArticle

_CHECK_EVERY_S = 1.0


class KbSearch:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: KbIndex | None = None
        self._versions: dict[int, int] = {}
        self._fingerprint: tuple[int, int] | None = None
        self._checked_at = 0.0

    def refresh(self, db: Database, *, force: bool = False) -> None:
        """Brings the index up to date with the database (built whole the first time)."""
        with self._lock:
            now = time.monotonic()
            if not force and self._index is not None and now - self._checked_at < _CHECK_EVERY_S:
                return
            self._checked_at = now
            with db.read() as session:
                count, total = session.execute(
                    select(func.count(KbArticle.id), func.coalesce(func.sum(KbArticle.version), 0))
                ).one()
                fingerprint = (int(count), int(total))
                if self._index is not None and fingerprint == self._fingerprint:
                    return
                current = {
                    i: v for i, v in session.execute(select(KbArticle.id, KbArticle.version))
                }
                query = select(KbArticle)
                if self._index is not None:
                    stale = [i for i, v in current.items() if self._versions.get(i) != v]
                    query = query.where(KbArticle.id.in_(stale))
                rows = list(session.scalars(query))
            docs = {
                row.id: docs_for_article(row.id, row.slug, row.category, row.tags, row.locales)
                for row in rows
            }
            if self._index is None:
                self._index = KbIndex()
                self._index.replace_all(doc for article in docs.values() for doc in article)
            else:
                for article_id, article_docs in docs.items():
                    self._index.put_article(article_id, article_docs)
            self._versions.update((row.id, row.version) for row in rows)
            self._fingerprint = fingerprint

    def search(
        self,
        db: Database,
        text: str,
        *,
        lang: str | None = None,
        category: str | None = None,
        limit: int = 20,
    ) -> list[KbHitOut]:
        self.refresh(db)
        index = self._index
        if index is None:
            return []
        hits = index.search(text, lang=lang, category=category, limit=limit)
        return [
            KbHitOut(
                article_id=h.article_id,
                slug=h.slug,
                category=h.category,
                lang=h.lang,
                title=h.title,
                snippet=h.snippet,
                score=h.score,
                title_marks=list(h.title_marks),
                snippet_marks=list(h.snippet_marks),
            )
            for h in hits
        ]

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
            self._index = None
            self._versions.clear()
            self._fingerprint = None
