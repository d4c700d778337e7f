"""The review loop of the knowledge base: flags, proposed revisions, and publishing them.

Agents flag an article or propose a whole new content for it (a revision written against the
version they saw); a supervisor approves, which publishes it as the next version, or rejects.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_kb import (
    KbArticleOut,
    KbFlagCreate,
    KbFlagOut,
    KbRevisionCreate,
    KbRevisionDecision,
    KbRevisionOut,
    KbRevisionState,
    KbState,
)
from console.core.domain import EventType, Role
from console.server.clock import utcnow
from console.server.errors import ApiError, not_found
from console.server.models_kb import KbArticle, KbFlag, KbRevision
from console.server.services import audit, events
from console.server.services.kb_articles import (
    changed,
    display_title,
    load_article,
    locales_out,
    may_maintain,
)
from console.server.services.ticket_query import MAX_ID

_LIST_LIMIT = 500


# --- flags ------------------------------------------------------------------------------------


def flag_out(row: KbFlag, article: KbArticle) -> KbFlagOut:
    return KbFlagOut(
        id=row.id,
        article_id=row.article_id,
        article_title=display_title(article.locales),
        agent_id=row.agent_id,
        agent_name=row.agent_name,
        comment=row.comment,
        state="resolved" if row.state == "resolved" else "open",
        created_at=row.created_at,
        resolved_by_name=row.resolved_by_name,
        resolved_at=row.resolved_at,
    )


def create_flag(
    session: Session, actor: AgentOut, article_id: int, data: KbFlagCreate
) -> KbFlagOut:
    article = load_article(session, article_id, for_update=True)
    row = KbFlag(
        article_id=article.id,
        agent_id=actor.id,
        agent_name=actor.display_name,
        comment=data.comment,
        state="open",
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    out = flag_out(row, article)
    events.emit(session, EventType.KB_FLAG_CREATED, None, out)
    article.open_flags += 1
    # The article's open_flags count changed too: stores learn it from kb.article.changed.
    changed(session, article)
    return out


def list_flags(session: Session, state: KbState) -> list[KbFlagOut]:
    rows = session.execute(
        select(KbFlag, KbArticle)
        .join(KbArticle, KbArticle.id == KbFlag.article_id)
        .where(KbFlag.state == state)
        .order_by(KbFlag.id)
        .limit(_LIST_LIMIT)
    )
    return [flag_out(flag, article) for flag, article in rows]


def resolve_flag(session: Session, actor: AgentOut, flag_id: int) -> KbFlagOut:
    row = None
    if 0 < flag_id <= MAX_ID:
        row = session.scalar(select(KbFlag).where(KbFlag.id == flag_id).with_for_update())
    if row is None:
        raise not_found("Flag")
    article = load_article(session, row.article_id, for_update=True)
    if not may_maintain(actor, article):
        raise ApiError(403, "forbidden", "Only the article's owner or a supervisor can resolve.")
    if row.state == "resolved":
        return flag_out(row, article)
    row.state = "resolved"
    row.resolved_by_name = actor.display_name
    row.resolved_at = utcnow()
    session.flush()
    out = flag_out(row, article)
    events.emit(session, EventType.KB_FLAG_UPDATED, None, out)
    article.open_flags = max(0, article.open_flags - 1)
    changed(session, article)
    return out


# --- revisions --------------------------------------------------------------------------------


def revision_out(row: KbRevision, article: KbArticle) -> KbRevisionOut:
    state: KbRevisionState = "proposed"
    if row.state in ("published", "rejected"):
        state = "published" if row.state == "published" else "rejected"
    return KbRevisionOut(
        id=row.id,
        article_id=row.article_id,
        article_title=display_title(article.locales),
        number=row.number,
        base_version=row.base_version,
        state=state,
        locales=locales_out(row.locales),
        tags=list(row.tags),
        category=row.category,
        note=row.note,
        author_id=row.author_id,
        author_name=row.author_name,
        created_at=row.created_at,
        reviewer_name=row.reviewer_name,
        reviewed_at=row.reviewed_at,
        review_comment=row.review_comment,
    )


def propose_revision(
    session: Session, actor: AgentOut, article_id: int, data: KbRevisionCreate
) -> KbRevisionOut:
    article = load_article(session, article_id)
    if data.base_version > article.version:
        raise ApiError(
            409,
            "conflict",
            f"The article is at version {article.version}; "
            f"version {data.base_version} does not exist yet.",
        )
    row = KbRevision(
        article_id=article.id,
        base_version=data.base_version,
        state="proposed",
        locales={lang: loc.model_dump() for lang, loc in data.locales.items()},
        tags=list(data.tags),
        category=data.category,
        note=data.note,
        author_id=actor.id,
        author_name=actor.display_name,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    out = revision_out(row, article)
    events.emit(session, EventType.KB_REVISION_PROPOSED, None, out)
    return out


def list_revisions(session: Session, state: KbRevisionState) -> list[KbRevisionOut]:
    rows = session.execute(
        select(KbRevision, KbArticle)
        .join(KbArticle, KbArticle.id == KbRevision.article_id)
        .where(KbRevision.state == state)
        .order_by(KbRevision.id)
        .limit(_LIST_LIMIT)
    )
    return [revision_out(revision, article) for revision, article in rows]


def history(session: Session, article_id: int) -> list[KbRevisionOut]:
    """Every revision of the article, newest first."""
    article = load_article(session, article_id)
    rows = session.scalars(
        select(KbRevision)
        .where(KbRevision.article_id == article.id)
        .order_by(KbRevision.id.desc())
        .limit(_LIST_LIMIT)
    )
    return [revision_out(r, article) for r in rows]


def _decidable(session: Session, actor: AgentOut, revision_id: int) -> tuple[KbRevision, KbArticle]:
    if actor.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden", "Only a supervisor can approve or reject revisions.")
    row = None
    if 0 < revision_id <= MAX_ID:
        query = select(KbRevision).where(KbRevision.id == revision_id).with_for_update()
        row = session.scalar(query)
    if row is None:
        raise not_found("Revision")
    article = load_article(session, row.article_id, for_update=True)
    if row.state != "proposed":
        raise ApiError(409, "conflict", f"This revision was already {row.state}.")
    return row, article


def _decide(row: KbRevision, actor: AgentOut, state: str, decision: KbRevisionDecision) -> None:
    row.state = state
    row.reviewer_name = actor.display_name
    row.reviewed_at = utcnow()
    row.review_comment = decision.comment


def approve_revision(
    session: Session,
    actor: AgentOut,
    revision_id: int,
    decision: KbRevisionDecision,
    today: date,
) -> KbArticleOut:
    """Publishes the revision as the article's next version."""
    row, article = _decidable(session, actor, revision_id)
    if article.version != row.base_version:
        raise ApiError(
            409,
            "conflict",
            f"The article changed since this edit was written: it is at version "
            f"{article.version}, the edit was based on version {row.base_version}. "
            "Reject it and propose the edit again on the current version.",
            {"current_version": article.version, "base_version": row.base_version},
        )
    _decide(row, actor, "published", decision)
    article.version += 1
    row.number = article.version
    article.locales = dict(row.locales)
    article.tags = list(row.tags)
    article.category = row.category
    article.reviewed_on = today
    session.flush()
    events.emit(session, EventType.KB_REVISION_DECIDED, None, revision_out(row, article))
    _audit(session, actor, "kb.revision_approved", row)
    return changed(session, article)


def reject_revision(
    session: Session, actor: AgentOut, revision_id: int, decision: KbRevisionDecision
) -> KbRevisionOut:
    row, article = _decidable(session, actor, revision_id)
    _decide(row, actor, "rejected", decision)
    session.flush()
    out = revision_out(row, article)
    events.emit(session, EventType.KB_REVISION_DECIDED, None, out)
    _audit(session, actor, "kb.revision_rejected", row)
    return out


def _audit(session: Session, actor: AgentOut, action: str, row: KbRevision) -> None:
    detail = {"article_id": row.article_id, "version": row.number}
    audit.record(session, actor, action, "revision", row.id, detail=detail)
