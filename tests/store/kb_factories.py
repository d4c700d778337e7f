"""Builders for knowledge-base wire objects the store consumes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from console.api.schemas_kb import KbArticleOut

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def kb_article(article_id: int, **overrides: Any) -> KbArticleOut:
    reviewed = overrides.pop("reviewed_on", date(2026, 1, 10))
    every = overrides.pop("review_every_days", 180)
    data: dict[str, Any] = {
        "id": article_id,
        "slug": f"article-{article_id}",
        "category": "deposit_withdrawal",
        "tags": ["withdrawal", "提币"],
        "owner_id": 1,
        "owner_name": "Kevin",
        "version": 1,
        "locales": {
            "zh": {
                "title": f"文章 {article_id}",
                "summary": "摘要。",
                "body": "正文内容。",
            },
            "en": {
                "title": f"Article {article_id}",
                "summary": "A summary.",
                "body": "Body text.",
            },
        },
        "reviewed_on": reviewed,
        "review_every_days": every,
        "review_due_on": reviewed + timedelta(days=every),
        "updated_at": T0 + timedelta(minutes=article_id),
    }
    data.update(overrides)
    return KbArticleOut.model_validate(data)


def locales(
    zh_title: str, en_title: str, *, body_zh: str = "", body_en: str = ""
) -> dict[str, Any]:
    return {
        "zh": {"title": zh_title, "summary": "", "body": body_zh},
        "en": {"title": en_title, "summary": "", "body": body_en},
    }
