"""A parsed query turned into FTS5 expressions (strict: every concept; relaxed: any) and, per
concept, a matcher the ranking uses to see where in an article the concept occurs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .highlight import Highlighter
from .query import ChunkTerm, GroupTerm, LatinTerm, Term, group
from .vocabulary import Vocabulary

__all__ = ["SearchPlan", "plan_search"]


@dataclass(frozen=True, slots=True)
class SearchPlan:
    strict: str  # every concept must match
    relaxed: str | None  # any concept may match; None when that equals `strict`
    concepts: tuple[Highlighter, ...]  # one per concept, for ranking
    highlighter: Highlighter  # everything, for marks and snippets


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _latin(term: LatinTerm, vocabulary: Vocabulary) -> tuple[list[str], set[str], list[str]]:
    """Alternatives, whole stems and prefixes for a Latin word, with typo corrections when the
    index does not know the word (or, while typed, any word starting with it)."""
    alternatives = [_quoted(term.stem) + ("*" if term.prefix else "")]
    known = vocabulary.has_prefix(term.stem) if term.prefix else term.stem in vocabulary
    near = [] if known else vocabulary.near(term.stem)
    alternatives.extend(_quoted(word) for word in near)
    if term.prefix:
        return alternatives, set(near), [term.stem]
    return alternatives, {term.stem, *near}, []


def plan_search(terms: Sequence[Term], vocabulary: Vocabulary) -> SearchPlan:
    concepts: list[list[str]] = []  # each: its alternatives, any of which satisfies it
    relaxed: list[str] = []
    matchers: list[Highlighter] = []
    all_cjk: list[str] = []
    all_stems: set[str] = set()
    all_prefixes: list[str] = []
    for term in terms:
        cjk: list[str] = []
        stems: set[str] = set()
        prefixes: list[str] = []
        if isinstance(term, GroupTerm):
            synonyms = group(term.group)
            alternatives = list(synonyms.phrases)
            if term.typed:
                alternatives.append(_quoted(term.typed) + "*")
                prefixes.append(term.typed)
            cjk.extend(synonyms.cjk)
            stems.update(synonyms.stems)
            relaxed.extend(alternatives)
        elif isinstance(term, LatinTerm):
            alternatives, stems, prefixes = _latin(term, vocabulary)
            relaxed.extend(alternatives)
        elif isinstance(term, ChunkTerm):
            chunk = term.text
            if len(chunk) == 1:
                alternatives = [_quoted(chunk) + "*"]
                relaxed.extend(alternatives)
                cjk.append(chunk)
            else:
                pairs = [chunk[i : i + 2] for i in range(len(chunk) - 1)]
                alternatives = ['"' + " ".join(pairs) + '"']
                relaxed.extend(_quoted(pair) for pair in dict.fromkeys(pairs))
                cjk.append(chunk)
                all_cjk.extend(pairs)
        concepts.append(alternatives)
        matchers.append(
            Highlighter(
                tuple(sorted(set(cjk), key=len, reverse=True)), frozenset(stems), tuple(prefixes)
            )
        )
        all_cjk.extend(cjk)
        all_stems.update(stems)
        all_prefixes.extend(prefixes)
    strict = " AND ".join("(" + " OR ".join(c) + ")" for c in concepts)
    relaxed_unique = list(dict.fromkeys(relaxed))
    same = len(concepts) == 1 and len(relaxed_unique) == len(concepts[0])
    highlighter = Highlighter(
        tuple(sorted(set(all_cjk), key=len, reverse=True)),
        frozenset(all_stems),
        tuple(dict.fromkeys(all_prefixes)),
    )
    return SearchPlan(
        strict, None if same else " OR ".join(relaxed_unique), tuple(matchers), highlighter
    )
