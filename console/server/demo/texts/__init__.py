"""Message templates for the demo workspace, indexed by language and category."""

from __future__ import annotations

from console.core.domain import Category

from . import (
    en_funds,
    en_funds_replies,
    en_products,
    en_products_replies,
    en_trading,
    en_trading_replies,
    ja_ko,
    zh_funds,
    zh_funds_replies,
    zh_products,
    zh_products_replies,
    zh_trading,
    zh_trading_replies,
)
from .catalog import Scenario, parse_openings, parse_pools

__all__ = ["Scenario", "openings", "variants"]

_OpeningTexts = dict[Category, str]

_SOURCES: tuple[tuple[str, tuple[_OpeningTexts, ...], tuple[str, ...]], ...] = (
    (
        "zh",
        (zh_funds.OPENINGS, zh_trading.OPENINGS, zh_products.OPENINGS),
        (zh_funds_replies.POOLS, zh_trading_replies.POOLS, zh_products_replies.POOLS),
    ),
    (
        "en",
        (en_funds.OPENINGS, en_trading.OPENINGS, en_products.OPENINGS),
        (en_funds_replies.POOLS, en_trading_replies.POOLS, en_products_replies.POOLS),
    ),
    ("ja", (ja_ko.OPENINGS_JA,), (ja_ko.POOLS_JA,)),
    ("ko", (ja_ko.OPENINGS_KO,), (ja_ko.POOLS_KO,)),
)


def _load() -> tuple[dict[tuple[str, Category], list[Scenario]], dict[str, dict[str, list[str]]]]:
    openings: dict[tuple[str, Category], list[Scenario]] = {}
    pools: dict[str, dict[str, list[str]]] = {}
    for language, opening_sets, pool_texts in _SOURCES:
        for opening_set in opening_sets:
            for category, text in opening_set.items():
                found = parse_openings(text, category, language)
                openings.setdefault((language, category), []).extend(found)
        merged = pools.setdefault(language, {})
        for text in pool_texts:
            for key, texts in parse_pools(text, language).items():
                merged.setdefault(key, []).extend(texts)
    return openings, pools


_OPENINGS, _POOLS = _load()


def openings(language: str, category: Category) -> list[Scenario]:
    return _OPENINGS.get((language, category), [])


def variants(language: str, families: tuple[str, ...], stage: str) -> list[str]:
    """Texts for a conversation stage from the most specific family that has any.

    families run from specific to general: the scenario, its transfer direction, its category.
    "any" is the last resort.
    """
    pools = _POOLS[language]
    for family in (*families, "any"):
        found = pools.get(f"{family}.{stage}")
        if found:
            return found
    return []
