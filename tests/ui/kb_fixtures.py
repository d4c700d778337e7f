"""Knowledge-base test data: articles as the server sends them, the shipped content, and a
KbIntents double that records what the views asked the session for (widget tests only; the
session's delegation to the sync engine runs against the real server in test_kb_live.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.api.schemas_kb import (
    KbArticleOut,
    KbFlagOut,
    KbLocale,
    KbRevisionCreate,
    KbRevisionOut,
)
from console.server.demo.agents import demo_agents
from console.server.demo.kb_content import load_kb_content

UPDATED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def locale(title: str, summary: str = "", body: str = "") -> KbLocale:
    return KbLocale(title=title, summary=summary or f"{title}: summary.", body=body or "Body.")


def article(article_id: int, slug: str, **overrides: Any) -> KbArticleOut:
    reviewed = overrides.pop("reviewed_on", date(2026, 6, 1))
    every = overrides.pop("review_every_days", 180)
    values: dict[str, Any] = {
        "id": article_id,
        "slug": slug,
        "category": "deposit_withdrawal",
        "tags": ["withdrawal"],
        "owner_id": 7,
        "owner_name": "Alice Wang",
        "version": 1,
        "locales": {
            "zh": locale(f"提币文章 {article_id}", "中文摘要。", "## 步骤\n中文正文。"),
            "en": locale(f"Withdrawal article {article_id}", "English summary.", "## Steps\nBody."),
        },
        "reviewed_on": reviewed,
        "review_every_days": every,
        "review_due_on": reviewed + timedelta(days=every),
        "updated_at": UPDATED,
    }
    values.update(overrides)
    return KbArticleOut(**values)


def shipped_articles() -> list[KbArticleOut]:
    """The demo content as the server publishes it (ids in load order, owners as demo ids)."""
    ids = {agent.username: number for number, agent in enumerate(demo_agents(), 1)}
    out = []
    for number, seed in enumerate(load_kb_content(), 1):
        out.append(
            KbArticleOut(
                id=number,
                slug=seed.slug,
                category=seed.category,
                tags=list(seed.tags),
                owner_id=ids.get(seed.owner),
                owner_name=seed.owner,
                version=1,
                locales={code: KbLocale(**texts) for code, texts in seed.locales.items()},
                reviewed_on=seed.reviewed,
                review_every_days=seed.review_every_days,
                review_due_on=seed.reviewed + timedelta(days=seed.review_every_days),
                updated_at=UPDATED,
            )
        )
    return out


def flag(flag_id: int, article_id: int, comment: str, **overrides: Any) -> KbFlagOut:
    values: dict[str, Any] = {
        "id": flag_id,
        "article_id": article_id,
        "article_title": f"Withdrawal article {article_id}",
        "agent_id": 2,
        "agent_name": "Bob Miller",
        "comment": comment,
        "state": "open",
        "created_at": UPDATED,
    }
    values.update(overrides)
    return KbFlagOut(**values)


def revision(revision_id: int, base: KbArticleOut, **overrides: Any) -> KbRevisionOut:
    values: dict[str, Any] = {
        "id": revision_id,
        "article_id": base.id,
        "article_title": base.locales["en"].title,
        "base_version": base.version,
        "state": "proposed",
        "locales": dict(base.locales),
        "tags": list(base.tags),
        "category": base.category,
        "note": "",
        "author_id": 2,
        "author_name": "Bob Miller",
        "created_at": UPDATED,
    }
    values.update(overrides)
    return KbRevisionOut(**values)


class RecordingKb(QObject):
    """KbIntents: records the queued intents; online actions wait for the test to answer."""

    review_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[tuple[str, tuple[Any, ...], Callable[..., None]]] = []
        self.refuse: Exception | None = None
        self.failed: Callable[[], list[Any]] = list  # the refused items the page lists

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def answer(self, name: str, *result: Any) -> None:
        """Call back the oldest waiting `name` action with `result`."""
        for index, (call, _args, done) in enumerate(self.pending):
            if call == name:
                del self.pending[index]
                done(*result)
                return
        raise AssertionError(f"no {name} is waiting")

    def _queued(self, name: str, *args: Any) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.calls.append((name, args))

    def _online(self, name: str, done: Callable[..., None], *args: Any) -> None:
        self.calls.append((name, args))
        self.pending.append((name, args, done))

    def rate_article(self, article_id: int, helpful: bool) -> None:
        self._queued("rate_article", article_id, helpful)

    def failed_items(self) -> list[Any]:
        return self.failed()

    def retry(self, outbox_id: int) -> None:
        self.calls.append(("retry", (outbox_id,)))

    def discard(self, outbox_id: int) -> None:
        self.calls.append(("discard", (outbox_id,)))

    def flag_article(self, article_id: int, comment: str) -> None:
        self._queued("flag_article", article_id, comment)

    def propose_revision(self, article_id: int, revision: KbRevisionCreate) -> None:
        self._queued("propose_revision", article_id, revision)

    def load_history(self, article_id: int, done: Callable[..., None]) -> None:
        self._online("load_history", done, article_id)

    def load_review_queue(self, done: Callable[..., None]) -> None:
        self._online("load_review_queue", done)

    def approve_revision(self, revision_id: int, comment: str, done: Callable[..., None]) -> None:
        self._online("approve_revision", done, revision_id, comment)

    def reject_revision(self, revision_id: int, comment: str, done: Callable[..., None]) -> None:
        self._online("reject_revision", done, revision_id, comment)

    def resolve_flag(self, flag_id: int, done: Callable[..., None]) -> None:
        self._online("resolve_flag", done, flag_id)

    def mark_reviewed(self, article_id: int, done: Callable[..., None]) -> None:
        self._online("mark_reviewed", done, article_id)
