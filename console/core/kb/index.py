"""The knowledge-base search index: in-memory SQLite FTS5 over CJK bigrams and Latin stems.

Each article locale is one row in two FTS5 tables: `kb` (title, tags, summary, body; bm25
weights favour title and tags) and `kb_head` (title and tags only). A hidden meta column holds
language and category tokens so filters run inside the full-text index.

Ranking with bm25 costs a few microseconds per matching row, far too much for a one-letter
prefix that matches every article, so the cost is bounded: a query ranks over the full text
when it matches few rows, else over titles and tags, and when even those match too many it takes
the first rows in index order (shipped order) and ranks them in Python. Candidates are then
re-scored by how much of the query their title, tags and summary say and whether every concept
matched (strict before relaxed), one hit per article.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .highlight import Highlighter
from .model import KbDoc, KbHit
from .plan import SearchPlan, plan_search
from .query import parse_query
from .text import index_tokens, normalize, plain_markdown
from .vocabulary import Vocabulary

__all__ = ["KbIndex"]

_WEIGHTS = "10.0, 6.0, 3.0, 1.0, 0.0"  # kb: title, tags, summary, body, meta
_HEAD_WEIGHTS = "10.0, 6.0, 0.0"  # kb_head: title, tags, meta
_LATIN_STEM = re.compile(r"\b[a-z]{2,}\b")  # the stems the vocabulary keeps
_SUGGEST_TERMS = 48  # a long ticket is cut to this many distinct terms
_CANDIDATES = 40  # rows re-scored in Python (at least; more for a larger limit)
_RANKABLE = 800  # at most this many matching rows are ranked with bm25
_FIELD_WEIGHTS = (1.0, 0.8, 0.5)  # a concept found in the title, tags, summary
_STRICT_BONUS = 0.3  # every concept matched somewhere
_COVERAGE_WEIGHT = 1.5  # share of concepts in title/tags/summary, against bm25 (at most 1)
# A glossary entry is short, so bm25 favours it for any word it defines; unless the agent asks
# what something means, the articles that explain what to do come first.
_GLOSSARY_WEIGHT = 0.85
_DEFINITION = re.compile(
    r"什么是|是什么|什么意思|啥是|是啥|意思|定义|\bwhat(?:'s| is| are| does)\b|\bmeaning\b|\bdefin"
    r"|とは|って何|とはなん|意味|이란|란\s*무엇|뭐예요|무엇인가|뜻",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Row:
    doc: KbDoc
    plain: str  # plain text of the Markdown body, for snippets
    body: str  # `plain` normalized, to find concepts in
    stems: tuple[str, ...]  # its Latin stems, counted in the vocabulary
    head: tuple[str, str, str]  # normalized title, tags, summary: where a concept counts most


def _meta(doc: KbDoc) -> str:
    return f"lang{doc.lang} cat{doc.category.replace('_', '')}"


class KbIndex:
    """In-memory SQLite FTS5 index (stdlib sqlite3, check_same_thread=False, one lock):
    thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._create()
        self._rows: dict[int, _Row] = {}
        self._by_article: dict[int, list[int]] = {}
        self._vocabulary = Vocabulary()
        self._next_rowid = 1

    def _create(self) -> None:
        options = "tokenize='unicode61 remove_diacritics 2', prefix='1'"
        self._db.execute(
            f"CREATE VIRTUAL TABLE kb USING fts5(title, tags, summary, body, meta, {options})"
        )
        self._db.execute(f"CREATE VIRTUAL TABLE kb_head USING fts5(title, tags, meta, {options})")
        self._db.execute(f"INSERT INTO kb(kb, rank) VALUES('rank', 'bm25({_WEIGHTS})')")
        self._db.execute(
            f"INSERT INTO kb_head(kb_head, rank) VALUES('rank', 'bm25({_HEAD_WEIGHTS})')"
        )

    # ---- writing -------------------------------------------------------------------------

    def replace_all(self, docs: Iterable[KbDoc]) -> None:
        with self._lock:
            self._db.execute("DROP TABLE kb")
            self._db.execute("DROP TABLE kb_head")
            self._create()
            self._rows.clear()
            self._by_article.clear()
            self._vocabulary.clear()
            self._db.execute("BEGIN")
            for doc in docs:
                self._insert(doc)
                # Tokenising is pure Python: between documents, let a waiting thread (the
                # GUI's, when the index builds in the background) take the interpreter.
                time.sleep(0)
            self._db.execute("COMMIT")

    def put_article(self, article_id: int, docs: Sequence[KbDoc]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._delete(article_id)
            for doc in docs:
                self._insert(doc)
                time.sleep(0)  # as in replace_all
            self._db.execute("COMMIT")

    def remove_article(self, article_id: int) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._delete(article_id)
            self._db.execute("COMMIT")

    def _insert(self, doc: KbDoc) -> None:
        body = plain_markdown(doc.body)
        columns = (doc.title, " ; ".join(doc.tags), doc.summary, body)  # as in the schema
        tokens = [index_tokens(column) for column in columns]
        rowid = self._next_rowid
        self._next_rowid += 1
        meta = _meta(doc)
        self._db.execute(
            "INSERT INTO kb(rowid, title, tags, summary, body, meta) VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, *tokens, meta),
        )
        self._db.execute(
            "INSERT INTO kb_head(rowid, title, tags, meta) VALUES (?, ?, ?, ?)",
            (rowid, tokens[0], tokens[1], meta),
        )
        stems = tuple(set(_LATIN_STEM.findall(" ".join(tokens))))
        self._vocabulary.add(stems)
        head = (normalize(doc.title), normalize(columns[1]), normalize(doc.summary))
        self._rows[rowid] = _Row(doc, body, normalize(body), stems, head)
        self._by_article.setdefault(doc.article_id, []).append(rowid)

    def _delete(self, article_id: int) -> None:
        for rowid in self._by_article.pop(article_id, []):
            row = self._rows.pop(rowid)
            self._vocabulary.remove(row.stems)
            self._db.execute("DELETE FROM kb WHERE rowid = ?", (rowid,))
            self._db.execute("DELETE FROM kb_head WHERE rowid = ?", (rowid,))

    # ---- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_article)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        prefer_lang: str | None = None,
        category: str | None = None,
        limit: int | None = 20,
    ) -> list[KbHit]:
        """One hit per article, best first; the last word of `text` is a prefix while typed."""
        terms = parse_query(text)
        if not terms or (limit is not None and limit <= 0):
            return []
        defining = _DEFINITION.search(text) is not None
        with self._lock:
            plan = plan_search(terms, self._vocabulary)
            return self._run(plan, lang, prefer_lang, category, limit, defining)

    def suggest(self, text: str, *, prefer_lang: str | None = None, limit: int = 3) -> list[KbHit]:
        """Articles for a ticket's or chat's free text: any word may match; bm25 and how much
        of the text an article's title, tags and summary say decide."""
        terms = parse_query(text + " ")[:_SUGGEST_TERMS]
        if not terms or limit <= 0:
            return []
        with self._lock:
            plan = plan_search(terms, self._vocabulary)
            return self._run(plan, None, prefer_lang, None, limit, False)

    # ---- internals -----------------------------------------------------------------------

    def _candidates(self, expression: str, limit: int | None) -> list[tuple[int, float]]:
        """(rowid, strength) of matching rows, strongest first, strength in 0..1."""
        if limit is None:  # every match (recall measurement): rank them all
            return self._ranked("kb", expression, None)
        wanted = max(limit * 4, _CANDIDATES)
        for table in ("kb", "kb_head"):
            probe = self._db.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
                (expression, _RANKABLE + 1),
            ).fetchone()[0]
            if probe <= _RANKABLE:
                return self._ranked(table, expression, wanted) if probe else []
        rows = self._db.execute(
            "SELECT rowid FROM kb_head WHERE kb_head MATCH ? LIMIT ?", (expression, wanted)
        ).fetchall()
        return [(rowid, 0.5) for (rowid,) in rows]

    def _ranked(self, table: str, expression: str, limit: int | None) -> list[tuple[int, float]]:
        sql = f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank"
        if limit is None:
            rows = self._db.execute(sql, (expression,)).fetchall()
        else:
            rows = self._db.execute(sql + " LIMIT ?", (expression, limit)).fetchall()
        best = -rows[0][1] if rows and rows[0][1] < 0 else 1.0
        return [(rowid, -rank / best) for rowid, rank in rows]

    def _run(
        self,
        plan: SearchPlan,
        lang: str | None,
        prefer_lang: str | None,
        category: str | None,
        limit: int | None,
        defining: bool,
    ) -> list[KbHit]:
        filters = ""
        if lang is not None:
            filters += f" AND meta : lang{normalize(lang).replace('_', '')}"
        if category is not None:
            filters += f" AND meta : cat{normalize(category).replace('_', '')}"
        rows = self._candidates(f"({plan.relaxed or plan.strict}){filters}", limit)
        rescored = max(_CANDIDATES, limit or 0)
        chosen: dict[int, tuple[float, int]] = {}  # article -> (score, rowid shown)
        for position, (rowid, strength) in enumerate(rows):
            score = strength
            if position < rescored:
                coverage, complete = self._coverage(plan, rowid)
                score += _STRICT_BONUS * complete + _COVERAGE_WEIGHT * coverage
            doc = self._rows[rowid].doc
            if doc.category == "glossary" and not defining:
                score *= _GLOSSARY_WEIGHT
            article = doc.article_id
            if article not in chosen or chosen[article][0] < score:
                chosen[article] = (score, rowid)
        ordered = sorted(chosen.values(), key=lambda item: -item[0])
        if limit is not None:
            ordered = ordered[:limit]
        if prefer_lang is not None and lang is None:
            ordered = [
                (score, self._preferred(rowid, plan, prefer_lang)) for score, rowid in ordered
            ]
        return [self._hit(rowid, score, plan.highlighter) for score, rowid in ordered]

    def _coverage(self, plan: SearchPlan, rowid: int) -> tuple[float, bool]:
        """How much of the query the row's title, tags and summary say (0..1), and whether
        every concept occurs somewhere in the row."""
        row = self._rows[rowid]
        total = 0.0
        complete = True
        for concept in plan.concepts:
            for weight, text in zip(_FIELD_WEIGHTS, row.head, strict=True):
                if concept.found_in(text):
                    total += weight
                    break
            else:
                if complete and len(plan.concepts) > 1:
                    complete = concept.found_in(row.body)
        return total / len(plan.concepts), complete

    def _preferred(self, rowid: int, plan: SearchPlan, prefer_lang: str) -> int:
        """The article's row in `prefer_lang` when that locale matches the query too."""
        row = self._rows[rowid]
        if row.doc.lang == prefer_lang:
            return rowid
        for other in self._by_article.get(row.doc.article_id, ()):
            candidate = self._rows[other]
            if candidate.doc.lang != prefer_lang:
                continue
            texts = (*candidate.head, candidate.body)
            if any(concept.found_in(text) for concept in plan.concepts for text in texts):
                return other
        return rowid

    def _hit(self, rowid: int, score: float, highlighter: Highlighter) -> KbHit:
        row = self._rows[rowid]
        doc = row.doc
        snippet, snippet_marks = highlighter.snippet(row.plain, doc.summary)
        return KbHit(
            article_id=doc.article_id,
            slug=doc.slug,
            category=doc.category,
            lang=doc.lang,
            title=doc.title,
            snippet=snippet,
            score=round(score, 4),
            title_marks=highlighter.marks(doc.title),
            snippet_marks=snippet_marks,
        )
