"""The shipped knowledge base as search input, and the quality measures over it, shared by
tests/kb and bench/kb.py: recall@3 and MRR of the relevance queries, and the recall of
2-character CJK queries against a brute-force substring scan."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from console.core.kb import KbDoc, KbIndex, docs_for_article
from console.core.kb.text import CJK_ONLY, normalize, plain_markdown
from console.server.demo.kb_content import KbSeedArticle, load_kb_content

RELEVANCE_DIR = Path(__file__).resolve().parent / "relevance"


@dataclass(frozen=True, slots=True)
class RelevanceQuery:
    query: str
    lang: str
    expected: tuple[str, ...]
    kind: str
    source: str  # file name


@dataclass(frozen=True, slots=True)
class Quality:
    mrr: float
    recall_at_3: float
    misses: list[tuple[RelevanceQuery, list[str]]]  # queries with an expected slug not in top 3


def shipped_docs(articles: list[KbSeedArticle] | None = None) -> list[KbDoc]:
    """Every locale of every shipped article, article ids 1.. in load order."""
    docs: list[KbDoc] = []
    for article_id, article in enumerate(articles or load_kb_content(), start=1):
        docs += docs_for_article(
            article_id, article.slug, article.category, article.tags, article.locales
        )
    return docs


def relevance_queries(directory: Path = RELEVANCE_DIR) -> list[RelevanceQuery]:
    queries: list[RelevanceQuery] = []
    for path in sorted(directory.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            queries.append(
                RelevanceQuery(
                    item["query"], item["lang"], tuple(item["expected"]), item["kind"], path.name
                )
            )
    return queries


def relevance(index: KbIndex, queries: list[RelevanceQuery]) -> Quality:
    """Per query: recall@3 = share of its expected slugs in the top 3; reciprocal rank of the
    first expected slug in the top 10. Both averaged over the queries."""
    recall = 0.0
    reciprocal = 0.0
    misses: list[tuple[RelevanceQuery, list[str]]] = []
    for query in queries:
        slugs = [hit.slug for hit in index.search(query.query, prefer_lang=query.lang, limit=10)]
        found = sum(1 for slug in query.expected if slug in slugs[:3])
        recall += found / len(query.expected)
        ranks = [slugs.index(slug) + 1 for slug in query.expected if slug in slugs]
        reciprocal += 1 / min(ranks) if ranks else 0.0
        if found < len(query.expected):
            misses.append((query, slugs[:5]))
    count = max(1, len(queries))
    return Quality(reciprocal / count, recall / count, misses)


def _scan_text(doc: KbDoc) -> str:
    return normalize(" ".join((doc.title, doc.summary, plain_markdown(doc.body), *doc.tags)))


def cjk2_queries(docs: list[KbDoc], count: int, seed: int = 5) -> list[str]:
    """`count` distinct 2-character CJK strings drawn from the docs' text, plus a few fixed ones
    customers type (提币, 冻结, 出金, 입금)."""
    rng = random.Random(seed)
    chosen = {"提币", "冻结", "出金", "입금", "充值", "審査", "합니다"[:2]}
    pool = [doc for doc in docs if doc.lang != "en"]
    while len(chosen) < count and pool:
        runs = [r for r in CJK_ONLY.findall(_scan_text(rng.choice(pool))) if len(r) >= 2]
        if runs:
            run = rng.choice(runs)
            at = rng.randrange(len(run) - 1)
            chosen.add(run[at : at + 2])
    return sorted(chosen)


def cjk2_recall(index: KbIndex, docs: list[KbDoc], queries: list[str]) -> float:
    """Found / expected over all queries, expected = articles whose text contains the query."""
    texts = [(doc.article_id, _scan_text(doc)) for doc in docs]
    expected_total = 0
    found_total = 0
    for query in queries:
        expected = {article for article, text in texts if query in text}
        found = {hit.article_id for hit in index.search(query, limit=None)}
        expected_total += len(expected)
        found_total += len(expected & found)
    return found_total / expected_total if expected_total else 1.0
