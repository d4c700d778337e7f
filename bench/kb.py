"""Knowledge-base search at scale, without Qt: latency of search-as-you-type on a large corpus
and the quality of the ranking on the shipped one.

    .venv/bin/python bench/kb.py --articles 10000

Prints one JSON line:
{"articles", "query_p50_ms", "query_p95_ms", "floor_p95_ms", "index_build_s", "cjk2_recall",
 "mrr", "recall_at_3"}

- Corpus: the shipped articles plus generated ones made by recombining their sentences (same
  category and language mix, new titles from halves of two titles), up to --articles.
- query_*: KbIndex.search(prefix, prefer_lang=lang, limit=20) for every keystroke prefix of a
  mixed zh/en/ja/ko query set (relevance queries and article titles).
- floor_p95_ms: a raw FTS5 MATCH (ticket search's bigram scheme, ORDER BY rank LIMIT 20) on the
  same corpus for the same prefixes: what SQLite alone costs.
- cjk2_recall: 2-character CJK queries (limit=None) against a brute-force substring scan.
- mrr, recall_at_3: tests/kb/relevance/*.json over the shipped corpus.
Budgets at 10,000 articles: query_p95_ms <= 15, cjk2_recall = 1.0, recall_at_3 >= 0.9.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "kb"))

from kb_corpus import (  # noqa: E402
    cjk2_queries,
    cjk2_recall,
    relevance,
    relevance_queries,
    shipped_docs,
)

from console.core.cjk import cjk_tokens  # noqa: E402
from console.core.kb import KbDoc, KbIndex  # noqa: E402
from console.core.kb.text import plain_markdown  # noqa: E402
from console.store.search import match_expression  # noqa: E402

_SENTENCE = re.compile(r"(?<=[。！？!?.])\s*")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 3]


def generated_corpus(shipped: list[KbDoc], total: int, seed: int = 11) -> list[KbDoc]:
    """`shipped` plus articles recombined from its sentences until `total` articles exist."""
    rng = random.Random(seed)
    by_lang: dict[str, list[KbDoc]] = {}
    for doc in shipped:
        by_lang.setdefault(doc.lang, []).append(doc)
    sentences = {
        lang: [s for doc in docs for s in _sentences(plain_markdown(doc.body))]
        for lang, docs in by_lang.items()
    }
    articles = {doc.article_id for doc in shipped}
    docs = list(shipped)
    next_id = max(articles) + 1
    langs_of = [tuple(d.lang for d in shipped if d.article_id == a) for a in sorted(articles)]
    while len(articles) < total:
        langs = rng.choice(langs_of)
        template = rng.choice(by_lang["en"])
        for lang in langs:
            first, second = rng.choice(by_lang[lang]), rng.choice(by_lang[lang])
            half_a = first.title[: max(1, len(first.title) // 2)]
            half_b = second.title[len(second.title) // 2 :]
            body = "\n\n".join(rng.sample(sentences[lang], rng.randint(6, 16)))
            docs.append(
                KbDoc(
                    article_id=next_id,
                    slug=f"generated-{next_id}",
                    category=template.category,
                    lang=lang,
                    title=f"{half_a}{'' if lang in ('zh', 'ja') else ' '}{half_b}",
                    summary=" ".join(rng.sample(sentences[lang], 2)),
                    body=body,
                    tags=template.tags,
                )
            )
        articles.add(next_id)
        next_id += 1
    return docs


def keystroke_prefixes(shipped: list[KbDoc], per_lang: int, seed: int = 3) -> list[tuple[str, str]]:
    """(prefix, lang) for every keystroke of relevance queries and titles in each language."""
    rng = random.Random(seed)
    sources: list[tuple[str, str]] = [(q.query, q.lang) for q in relevance_queries()]
    for lang in ("zh", "en", "ja", "ko"):
        titles = [doc.title for doc in shipped if doc.lang == lang]
        sources += [(title, lang) for title in rng.sample(titles, min(per_lang, len(titles)))]
    prefixes: list[tuple[str, str]] = []
    for text, lang in sources:
        text = text[:24]
        prefixes += [(text[:end], lang) for end in range(1, len(text) + 1) if text[:end].strip()]
    return prefixes


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def floor_p95(docs: list[KbDoc], prefixes: list[tuple[str, str]]) -> float:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    db.executemany(
        "INSERT INTO t(title, body) VALUES (?, ?)",
        ((cjk_tokens(d.title.lower()), cjk_tokens(d.body.lower())) for d in docs),
    )
    times: list[float] = []
    for prefix, _ in prefixes:
        expression = match_expression(prefix.split())
        if expression is None:
            continue
        start = time.perf_counter()
        db.execute(
            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20", (expression,)
        ).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    db.close()
    return _percentile(times, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--titles-per-lang", type=int, default=25)
    args = parser.parse_args()

    shipped = shipped_docs()
    quality_index = KbIndex()
    quality_index.replace_all(shipped)
    quality = relevance(quality_index, relevance_queries())
    cjk2 = cjk2_recall(quality_index, shipped, cjk2_queries(shipped, 300))
    quality_index.close()

    docs = generated_corpus(shipped, args.articles)
    index = KbIndex()
    start = time.perf_counter()
    index.replace_all(docs)
    build_s = time.perf_counter() - start
    prefixes = keystroke_prefixes(shipped, args.titles_per_lang)
    for prefix, lang in prefixes[:50]:  # warm caches the way a session would
        index.search(prefix, prefer_lang=lang)
    times: list[float] = []
    for prefix, lang in prefixes:
        start = time.perf_counter()
        index.search(prefix, prefer_lang=lang, limit=20)
        times.append((time.perf_counter() - start) * 1000)
    index.close()

    print(
        json.dumps(
            {
                "articles": len({d.article_id for d in docs}),
                "query_p50_ms": round(statistics.median(times), 2),
                "query_p95_ms": round(_percentile(times, 0.95), 2),
                "floor_p95_ms": round(floor_p95(docs, prefixes), 2),
                "index_build_s": round(build_s, 2),
                "cjk2_recall": round(cjk2, 4),
                "mrr": round(quality.mrr, 4),
                "recall_at_3": round(quality.recall_at_3, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
