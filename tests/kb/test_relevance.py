"""The ranking over the shipped knowledge base: the relevance queries the content writers wrote
find their articles in the top 3, and 2-character CJK queries find every article containing
them (against a brute-force substring scan)."""

from __future__ import annotations

import pytest
from kb_corpus import cjk2_queries, cjk2_recall, relevance, relevance_queries, shipped_docs

from console.core.kb import KbDoc, KbIndex


@pytest.fixture(scope="module")
def docs() -> list[KbDoc]:
    return shipped_docs()


@pytest.fixture(scope="module")
def index(docs: list[KbDoc]) -> KbIndex:
    built = KbIndex()
    built.replace_all(docs)
    return built


def test_relevance_queries_find_their_articles_in_the_top_3(index: KbIndex) -> None:
    queries = relevance_queries()
    assert len({q.source for q in queries}) >= 3
    quality = relevance(index, queries)
    misses = "\n".join(f"{q.query!r} -> {top}" for q, top in quality.misses)
    assert quality.recall_at_3 >= 0.9, misses


def test_every_kind_of_relevance_query_mostly_works(index: KbIndex) -> None:
    queries = relevance_queries()
    for kind in ("keyword", "synonym", "typo", "prefix", "cjk2"):
        of_kind = [q for q in queries if q.kind == kind]
        if of_kind:
            assert relevance(index, of_kind).recall_at_3 >= 0.8, kind


def test_two_character_cjk_queries_find_every_article_containing_them(
    index: KbIndex, docs: list[KbDoc]
) -> None:
    assert cjk2_recall(index, docs, cjk2_queries(docs, 150)) == 1.0


@pytest.mark.parametrize(
    ("question", "term", "article"),
    [
        ("什么是资金费率", "term-funding-rate", "futures-funding-rate"),
        ("what is a memo", "term-memo", "deposit-memo-tag"),
        ("gas fee とは", "term-gas-fee", "network-congestion-gas-fees"),
    ],
)
def test_asking_what_a_word_means_puts_the_glossary_first_otherwise_the_article(
    index: KbIndex, question: str, term: str, article: str
) -> None:
    asked = [hit.slug for hit in index.search(question, limit=3)]
    assert asked[0] == term
    topic = question.replace("什么是", "").replace("what is a ", "").replace(" とは", "")
    plain = [hit.slug for hit in index.search(topic, limit=3)]
    assert plain[0] == article and term in plain
