"""Ticket text search on SQLite FTS5, with the CJK bigram tokens of console.core.cjk.

A ticket's subject, preview, customer uid and name and search terms are indexed lower-cased with
every CJK run split into bigrams; every query word must match, Latin words as prefixes ("U10000"
finds the customer uid "U10000042").
"""

from __future__ import annotations

from console.core.cjk import cjk_tokens, word_phrase


def index_text(*parts: str) -> str:
    """The text stored in the index for one ticket: subject, preview, customer uid and name,
    search terms (email, tx hashes), one per line."""
    return cjk_tokens("\n".join(parts).lower())


def match_expression(words: list[str]) -> str | None:
    """An FTS5 MATCH expression requiring every word; None if no word has searchable text."""
    terms: list[str] = []
    for word in words:
        found = word_phrase(word.lower())
        if found is not None:
            phrase, prefix = found
            terms.append(f'"{phrase}"{"*" if prefix else ""}')
    return " AND ".join(terms) if terms else None
