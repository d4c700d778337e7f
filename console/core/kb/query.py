"""A search text read as terms: synonym groups, leftover CJK chunks and Latin word stems, with
the customer's filler words ("我的…怎么还没…", "how do I…") dropped.

CJK text has no spaces to find words by, so a run is cut at the synonym members and stopwords it
contains (longest first); what is left between them is a chunk, matched as a phrase in the strict
pass and bigram by bigram in the relaxed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from console.core.cjk import CJK_CHARS, bigrams

from .stopwords import CJK_STOPWORDS, LATIN_STOPWORDS
from .synonyms import SYNONYM_GROUPS
from .text import TOKEN, normalize, stem

__all__ = ["ChunkTerm", "GroupTerm", "LatinTerm", "Term", "group", "parse_query", "phrase_of"]

_HAS_CJK = re.compile(f"[{CJK_CHARS}]")
_SPACES = re.compile(r"\s+")
_MAX_STOPWORD = max(len(w) for w in CJK_STOPWORDS)


@dataclass(frozen=True, slots=True)
class GroupTerm:
    """A synonym group the query names; `typed` is the stem typed last, still a prefix."""

    group: int
    typed: str = ""


@dataclass(frozen=True, slots=True)
class LatinTerm:
    stem: str
    prefix: bool  # the last word while typing: matches as a word prefix


@dataclass(frozen=True, slots=True)
class ChunkTerm:
    text: str  # normalized CJK characters


Term = GroupTerm | LatinTerm | ChunkTerm


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    phrases: tuple[str, ...]  # FTS5 phrase expressions, quoted, some with *
    cjk: tuple[str, ...]  # normalized members with CJK, to highlight
    stems: frozenset[str]  # Latin stems of the members, to highlight


def phrase_of(text: str) -> str | None:
    """The quoted FTS5 phrase matching normalized `text` anywhere in indexed text: Latin stems,
    CJK bigrams (a run that ends before more text also its trailing character, as indexed), a
    single CJK character last as a prefix."""
    matches = list(TOKEN.finditer(text))
    tokens: list[str] = []
    prefix = False
    for i, match in enumerate(matches):
        word = match.group("word")
        if word is not None:
            tokens.append(stem(word))
            continue
        run = match.group("cjk")
        last = i == len(matches) - 1
        if len(run) == 1:
            tokens.append(run)
            prefix = last
        else:
            tokens.extend(bigrams(run))
            if not last:
                tokens.append(run[-1])
    if not tokens:
        return None
    return '"' + " ".join(tokens).replace('"', '""') + '"' + ("*" if prefix else "")


def _compile_group(members: tuple[str, ...]) -> SynonymGroup:
    phrases: list[str] = []
    cjk: list[str] = []
    stems: set[str] = set()
    for member in members:
        text = _SPACES.sub(" ", normalize(member)).strip()
        phrase = phrase_of(text)
        if phrase is not None and phrase not in phrases:
            phrases.append(phrase)
        if _HAS_CJK.search(text):
            cjk.append(text)
        for match in TOKEN.finditer(text):
            if match.group("word") is not None:
                stems.add(stem(match.group("word")))
    return SynonymGroup(tuple(phrases), tuple(cjk), frozenset(stems))


_GROUPS = tuple(_compile_group(members) for members in SYNONYM_GROUPS)


def group(index: int) -> SynonymGroup:
    return _GROUPS[index]


def _member_tables() -> tuple[re.Pattern[str], dict[str, int], dict[tuple[str, ...], int]]:
    cjk_members: dict[str, int] = {}
    latin_members: dict[tuple[str, ...], int] = {}
    for index, members in enumerate(SYNONYM_GROUPS):
        for member in members:
            text = _SPACES.sub(" ", normalize(member)).strip()
            if _HAS_CJK.search(text):
                cjk_members.setdefault(text, index)
            else:
                words = tuple(stem(m.group()) for m in TOKEN.finditer(text))
                if words:
                    latin_members.setdefault(words, index)
    ordered = sorted(cjk_members, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(m) for m in ordered))
    return pattern, cjk_members, latin_members


_CJK_MEMBER, _CJK_GROUP, _LATIN_GROUP = _member_tables()
_LONGEST_LATIN = max(len(k) for k in _LATIN_GROUP)


def _split_chunks(run: str) -> tuple[list[str], list[str]]:
    """A CJK run cut at its stopwords (longest first): (chunks, stopwords)."""
    chunks: list[str] = []
    stops: list[str] = []
    current = ""
    i = 0
    while i < len(run):
        for size in range(min(_MAX_STOPWORD, len(run) - i), 0, -1):
            if run[i : i + size] in CJK_STOPWORDS:
                stops.append(run[i : i + size])
                if current:
                    chunks.append(current)
                    current = ""
                i += size
                break
        else:
            current += run[i]
            i += 1
    if current:
        chunks.append(current)
    return chunks, stops


def _latin_terms(words: list[tuple[str, str, bool]], terms: list[Term], stops: list[Term]) -> None:
    """Terms for consecutive Latin words (raw, stem, last-typed): multi-word synonyms first."""
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_LATIN, len(words) - i), 0, -1):
            key = tuple(stem for _, stem, _ in words[i : i + size])
            found = _LATIN_GROUP.get(key)
            if found is not None:
                last_typed = words[i + size - 1][2]
                terms.append(GroupTerm(found, key[-1] if last_typed else ""))
                i += size
                break
        else:
            raw, word_stem, typed = words[i]
            target = stops if raw in LATIN_STOPWORDS else terms
            target.append(LatinTerm(word_stem, typed))
            i += 1


def _piece_terms(piece: str, at_end: bool, terms: list[Term], stops: list[Term]) -> None:
    matches = list(TOKEN.finditer(piece))
    words: list[tuple[str, str, bool]] = []
    for i, match in enumerate(matches):
        word = match.group("word")
        if word is not None:
            typed = at_end and i == len(matches) - 1 and match.end() == len(piece)
            words.append((word, stem(word), typed))
            continue
        _latin_terms(words, terms, stops)
        words = []
        chunks, stop_words = _split_chunks(match.group("cjk"))
        terms.extend(ChunkTerm(chunk) for chunk in chunks)
        stops.extend(ChunkTerm(stop) for stop in stop_words)
    _latin_terms(words, terms, stops)


@cache
def _parse(norm: str, open_end: bool) -> tuple[Term, ...]:
    terms: list[Term] = []
    stops: list[Term] = []
    end = 0
    for match in _CJK_MEMBER.finditer(norm):
        _piece_terms(norm[end : match.start()], False, terms, stops)
        terms.append(GroupTerm(_CJK_GROUP[match.group()]))
        end = match.end()
    _piece_terms(norm[end:], open_end, terms, stops)
    chosen = terms or stops  # a query of filler words only still searches for them
    unique: list[Term] = []
    for term in chosen:
        if term not in unique:
            unique.append(term)
    return tuple(unique)


def parse_query(text: str) -> tuple[Term, ...]:
    """The terms of a search text; () when it has nothing searchable. The last word is still
    being typed (a prefix) unless the text ends in a space."""
    norm = _SPACES.sub(" ", normalize(text[:4000]))
    open_end = not norm.endswith(" ")
    norm = norm.strip()
    return _parse(norm, open_end) if norm else ()
