"""The knowledge base in the local store: published articles and their in-memory search index.

Articles are cached whole (KbArticleOut as JSON) in `kb_articles`, so the knowledge page and
search work offline. The search index (core's KbIndex, in memory) is built from that table when
the store opens and follows every committed write: after a commit the written ids are read back
under one lock and indexed from what the table holds, so two writers racing with different
versions always leave the index showing the table's (newest) copy.

Changes are published as topic "kb" with the article ids (empty ids: everything changed).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas_kb import KbArticleOut
from console.core.kb import KbDoc, KbHit, KbIndex, docs_for_article
from console.store import tables
from console.store.db import reading, writing
from console.store.timestamps import to_micros

__all__ = ["TOPIC", "KbStore", "clear", "upsert"]

TOPIC = "kb"

log = logging.getLogger(__name__)

# From this many articles written at once (a first sync), the whole index is rebuilt instead.
_REINDEX_ALL_AT = 64

_kb = tables.kb_articles

Publish = Callable[[str, Sequence[int | str]], None]


# --- rows (inside the caller's transaction) ----------------------------------------------------


def upsert(conn: Connection, articles: Sequence[KbArticleOut]) -> list[int]:
    """Keep the newest copy of each article; returns the ids whose row was written.

    Newest means the higher version, then (same version: a rating or a review changed the
    counters or dates) the later updated_at. An older copy arriving late changes nothing, nor
    does the same copy again."""
    latest: dict[int, KbArticleOut] = {}
    for article in articles:
        known = latest.get(article.id)
        if known is None or _order(article) >= _order(known):
            latest[article.id] = article
    written: list[int] = []
    for article in latest.values():
        stmt = sqlite_insert(_kb).values(
            id=article.id,
            slug=article.slug,
            version=article.version,
            updated_at=to_micros(article.updated_at),
            owner_id=article.owner_id,
            review_due_on=article.review_due_on.isoformat(),
            data=article.model_dump_json(),
        )
        # Same version and time: written only if the content differs, so the full fetch at
        # every connect re-indexes nothing that did not change.
        same_version = stmt.excluded.version == _kb.c.version
        newer = (
            (stmt.excluded.version > _kb.c.version)
            | (same_version & (stmt.excluded.updated_at > _kb.c.updated_at))
            | (
                same_version
                & (stmt.excluded.updated_at == _kb.c.updated_at)
                & (stmt.excluded.data != _kb.c.data)
            )
        )
        result = conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[_kb.c.id],
                set_={
                    name: stmt.excluded[name]
                    for name in (
                        "slug",
                        "version",
                        "updated_at",
                        "owner_id",
                        "review_due_on",
                        "data",
                    )
                },
                where=newer,
            )
        )
        if result.rowcount:
            written.append(article.id)
    return sorted(written)


def clear(conn: Connection) -> None:
    conn.execute(delete(_kb))


def _order(article: KbArticleOut) -> tuple[int, int]:
    return article.version, to_micros(article.updated_at)


def _docs(article_id: int, data: dict[str, Any]) -> list[KbDoc]:
    # Straight from the stored JSON: building the index at open must not pay for validation.
    return docs_for_article(
        article_id, data["slug"], data["category"], data.get("tags", []), data["locales"]
    )


def _decode(rows: Iterable[str]) -> list[KbArticleOut]:
    return [KbArticleOut.model_validate_json(data) for data in rows]


# --- the store's knowledge base -----------------------------------------------------------------


class KbStore:
    """`store.kb`. Thread-safe: reads take their own connection, index updates one lock."""

    def __init__(self, engine: Engine, publish: Publish) -> None:
        self._engine = engine
        self._publish = publish
        self._index = KbIndex()
        self._index_lock = threading.Lock()
        # Indexing the stored articles takes about a second for the demo's 250 (tokenising
        # four languages): it runs on its own thread so opening the store does not wait for
        # it. Searches wait for it instead (only one made in that first second can notice).
        self._ready = threading.Event()
        threading.Thread(target=self._build_at_open, name="kb-index", daemon=True).start()

    def _build_at_open(self) -> None:
        try:
            self.rebuild_index()
        except Exception:
            log.exception("could not index the stored knowledge-base articles")
        finally:
            self._ready.set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the stored articles are indexed (searches do this themselves)."""
        return self._ready.wait(timeout)

    def close(self) -> None:
        self._ready.wait()
        self._index.close()

    # --- writes ----------------------------------------------------------------------------------

    def put_articles(self, articles: Sequence[KbArticleOut]) -> list[int]:
        """Upsert (an older version never replaces a newer one); returns the ids written."""
        if not articles:
            return []
        with writing(self._engine) as conn:
            written = upsert(conn, articles)
        self.committed(written)
        return written

    def committed(self, ids: Sequence[int]) -> None:
        """After a transaction that wrote these articles committed: index them and tell the
        listeners. (The store's event batches write articles in their own transaction.)"""
        if not ids:
            return
        with self._index_lock:
            if len(ids) >= _REINDEX_ALL_AT:
                self._reindex_all()  # one bulk load beats many single replacements
            else:
                with reading(self._engine) as conn:
                    found = conn.execute(select(_kb.c.id, _kb.c.data).where(_kb.c.id.in_(ids)))
                    rows: dict[int, str] = {row.id: row.data for row in found}
                for article_id in ids:
                    data = rows.get(article_id)
                    if data is None:
                        self._index.remove_article(article_id)
                    else:
                        self._index.put_article(article_id, _docs(article_id, json.loads(data)))
        self._publish(TOPIC, list(ids))

    def rebuild_index(self, *, announce: bool = False) -> None:
        """Index every stored article afresh (at open, and after the cache was reset)."""
        with self._index_lock:
            self._reindex_all()
        if announce:
            self._publish(TOPIC, [])

    def _reindex_all(self) -> None:
        with reading(self._engine) as conn:
            rows = conn.execute(select(_kb.c.id, _kb.c.data).order_by(_kb.c.id))
            docs = [doc for row in rows for doc in _docs(row.id, json.loads(row.data))]
        self._index.replace_all(docs)

    # --- reads -----------------------------------------------------------------------------------

    def article(self, article_id: int) -> KbArticleOut | None:
        with reading(self._engine) as conn:
            data = conn.execute(select(_kb.c.data).where(_kb.c.id == article_id)).scalar()
        return KbArticleOut.model_validate_json(data) if data is not None else None

    def article_by_slug(self, slug: str) -> KbArticleOut | None:
        with reading(self._engine) as conn:
            data = conn.execute(
                select(_kb.c.data).where(_kb.c.slug == slug).order_by(_kb.c.id).limit(1)
            ).scalar()
        return KbArticleOut.model_validate_json(data) if data is not None else None

    def articles(self) -> list[KbArticleOut]:
        """Every stored article, in id order."""
        with reading(self._engine) as conn:
            rows = conn.execute(select(_kb.c.data).order_by(_kb.c.id)).scalars().all()
        return _decode(rows)

    def count(self) -> int:
        """How many articles search covers (the index follows each write once it committed,
        so this never runs ahead of what search can find)."""
        self._ready.wait()
        return len(self._index)

    def review_due(self, owner_id: int, today: date) -> list[KbArticleOut]:
        """The owner's articles whose review date has come (due on or before `today`), the
        most overdue first."""
        with reading(self._engine) as conn:
            rows = (
                conn.execute(
                    select(_kb.c.data)
                    .where(_kb.c.owner_id == owner_id, _kb.c.review_due_on <= today.isoformat())
                    .order_by(_kb.c.review_due_on, _kb.c.id)
                )
                .scalars()
                .all()
            )
        return _decode(rows)

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        prefer_lang: str | None = None,
        category: str | None = None,
        limit: int | None = 20,
    ) -> list[KbHit]:
        """Search-as-you-type over the stored articles (KbIndex.search): one hit per article,
        best first; `lang` filters to a locale, `prefer_lang` only chooses which one a hit
        shows."""
        self._ready.wait()
        return self._index.search(
            text, lang=lang, prefer_lang=prefer_lang, category=category, limit=limit
        )

    def suggest(self, text: str, *, prefer_lang: str | None = None, limit: int = 3) -> list[KbHit]:
        """Articles for a ticket's or chat's free text (subject and customer messages)."""
        self._ready.wait()
        return self._index.suggest(text, prefer_lang=prefer_lang, limit=limit)
