"""Published knowledge-base articles: reading them, votes, and "still accurate" reviews."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_kb import KbArticleOut, KbArticlePage, KbFeedbackCreate, KbLocale
from console.core.domain import EventType, Role
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_kb import KbArticle, KbFeedback
from console.server.services import events
from console.server.services.ticket_query import MAX_ID


def locales_out(locales: dict[str, dict[str, str]]) -> dict[str, KbLocale]:
    # Stored content was validated on the way in; model_construct skips doing it again per page.
    return {
        lang: KbLocale.model_construct(
            title=text.get("title", ""), summary=text.get("summary", ""), body=text.get("body", "")
        )
        for lang, text in locales.items()
    }


def display_title(locales: dict[str, dict[str, str]]) -> str:
    """The title lists of flags and revisions show: English, else Chinese, else any."""
    for lang in ("en", "zh", *sorted(locales)):
        title = locales.get(lang, {}).get("title")
        if title:
            return title
    return ""


def article_out(row: KbArticle) -> KbArticleOut:
    return KbArticleOut(
        id=row.id,
        slug=row.slug,
        category=row.category,
        tags=list(row.tags),
        owner_id=row.owner_id,
        owner_name=row.owner_name,
        version=row.version,
        locales=locales_out(row.locales),
        reviewed_on=row.reviewed_on,
        review_every_days=row.review_every_days,
        review_due_on=row.reviewed_on + timedelta(days=row.review_every_days),
        helpful=row.helpful,
        not_helpful=row.not_helpful,
        open_flags=row.open_flags,
        updated_at=row.updated_at,
    )


def load_article(session: Session, article_id: int, *, for_update: bool = False) -> KbArticle:
    row = None
    if 0 < article_id <= MAX_ID:
        query = select(KbArticle).where(KbArticle.id == article_id)
        row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise not_found("Article")
    return row


def list_articles(session: Session, after_id: int, limit: int) -> KbArticlePage:
    rows = list(
        session.scalars(
            select(KbArticle).where(KbArticle.id > after_id).order_by(KbArticle.id).limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return KbArticlePage(
        articles=[article_out(r) for r in rows], next_after_id=rows[-1].id if more else None
    )


def get_article(session: Session, article_id: int) -> KbArticleOut:
    return article_out(load_article(session, article_id))


def changed(session: Session, row: KbArticle) -> KbArticleOut:
    """Stamps the article as changed and emits kb.article.changed with its new state."""
    row.updated_at = max(utcnow(), row.updated_at)
    session.flush()
    out = article_out(row)
    events.emit(session, EventType.KB_ARTICLE_CHANGED, None, out)
    return out


def give_feedback(
    session: Session, actor: AgentOut, article_id: int, data: KbFeedbackCreate
) -> KbArticleOut:
    row = load_article(session, article_id, for_update=True)
    vote = session.get(KbFeedback, (row.id, actor.id), with_for_update=True)
    if vote is None:
        vote = KbFeedback(article_id=row.id, agent_id=actor.id, helpful=data.helpful)
        session.add(vote)
    elif vote.helpful:
        row.helpful -= 1
    else:
        row.not_helpful -= 1
    vote.helpful = data.helpful
    vote.comment = data.comment
    vote.updated_at = utcnow()
    if data.helpful:
        row.helpful += 1
    else:
        row.not_helpful += 1
    return changed(session, row)


def may_maintain(actor: AgentOut, row: KbArticle) -> bool:
    """Owners look after their own articles; supervisors after all of them."""
    return actor.role == Role.SUPERVISOR or (row.owner_id is not None and row.owner_id == actor.id)


def mark_reviewed(session: Session, actor: AgentOut, article_id: int, today: date) -> KbArticleOut:
    row = load_article(session, article_id, for_update=True)
    if not may_maintain(actor, row):
        raise ApiError(403, "forbidden", "Only the article's owner or a supervisor can confirm it.")
    row.reviewed_on = today
    return changed(session, row)
