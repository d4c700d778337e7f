"""Knowledge-base search: CJK-aware full text over articles in zh/en/ja/ko (no Qt, no I/O)."""

from .index import KbIndex
from .model import KB_CATEGORIES, KB_LANGUAGES, KbDoc, KbHit, docs_for_article

__all__ = ["KB_CATEGORIES", "KB_LANGUAGES", "KbDoc", "KbHit", "KbIndex", "docs_for_article"]
